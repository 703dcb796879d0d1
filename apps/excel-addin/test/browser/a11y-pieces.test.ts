/**
 * axe on the pieces added after the panels themselves, in nl, fr and en, light, dark and high
 * contrast (the paging warning in en only, with 1,100 clients): the status bar's key expiry, held deletions with the admin's confirmation asked, the
 * re-pull's merge confirmation, the review's filters, sort and search (and its copy), rejected rows
 * with the "fetch the rest" warning of a cut-off paging, and the withdraw dialog and its result.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columns } from "../../src/features/sheet/columns.js";
import { themes, violations } from "../support/axe.js";
import { heldSyncRun, makeClients } from "../support/fake-server.js";
import {
  artifacts,
  connectAndPull,
  type Harness,
  startHarness,
  typeInCell,
} from "../support/harness-page.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(40);
});
afterAll(async () => {
  await h?.close();
});

const refused = [
  {
    field: "email",
    code: "id.email_at",
    message: "refused",
    severity: "error" as const,
    suggestions: [],
    safeFix: null,
  },
];

/** The sheet's city header in the pane's language (a pull writes its headers in it). */
const cityHeader = (lang: "nl" | "fr" | "en") =>
  columns.find((c) => c.key === "city")?.labels[lang] ?? "";

describe("axe on the pieces added since the panels", () => {
  for (const lang of ["nl", "fr", "en"] as const)
    for (const theme of themes)
      it(`${lang}, ${theme.name}`, async () => {
        // The server refuses rows past 30, for a list of rejected rows.
        h.server.clients = makeClients(40);
        h.server.syncRuns = [heldSyncRun(3)];
        h.server.adminpulse = {
          connected: true,
          status: "active",
          expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
          expiry: { status: "expiring", daysLeft: 5 },
          reason: null,
        };
        h.server.rejectWhen = (row) => (Number(row.ref) > 30 ? refused : null);
        const page = await h.open(lang, theme.open);
        const found: Record<string, string[]> = {};
        const check = async (piece: string, selector?: string) => {
          found[piece] = await violations(page, selector);
          if (lang === "en")
            await page.screenshot({ path: `${artifacts}/pane-${theme.name}-${lang}-${piece}.png` });
        };
        await page.fill("#pb-url", h.server.url);
        await page.fill("#pb-key", "pb_test_admin_key");
        await page.click("#pb-connect");
        await page.waitForSelector("#pb-sync-held");
        await page.click("#pb-sync-confirm");
        await page.waitForSelector("#pb-sync-confirm-yes");
        await check("held-deletions");
        await page.click("#pb-sync-confirm-no");
        await page.click("#pb-pull");
        await page.waitForSelector("#pb-summary", { timeout: 60_000 });
        await page.waitForSelector("#pb-status-adminpulse");
        await check("status-expiry");

        // A re-pull after an edit here and one in AdminPulse asks first, with its summary.
        await typeInCell(page, 0, cityHeader(lang), "Gand");
        const c = h.server.clients[1];
        if (c) c.email = `nieuw@${c.id}.be`;
        await page.click("#pb-refresh");
        await page.waitForSelector("#pb-pull-confirm");
        await check("repull-confirm");
        await page.click("#pb-pull-apply");
        await page.waitForSelector("#pb-pull-confirm", { state: "detached" });

        // The review with a filter, a sort and a search set, then copied to a sheet.
        await page.click("#tab-review");
        await page.click("#pb-review");
        await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
        await page.selectOption("#pb-review-sort", { index: 1 });
        await page.selectOption("#pb-review-origin", { index: 1 });
        await page.fill("#pb-matches-search", "0");
        await page.click("#pb-copy-review");
        // Writing the copy takes a while under load: expect.poll waits 1 s unless told.
        await expect
          .poll(() => page.getAttribute("#pb-message", "class"), { timeout: 30_000 })
          .toContain("success");
        await check("review-tools");

        await page.click("#pb-to-push");
        await page.click("#pb-push");
        await page.waitForSelector("#pb-rejected", { timeout: 60_000 });
        await check("rejected-rows");

        // Withdraw: the dialog (a modal <dialog>, top layer), then the withdrawn note.
        await page.click("#pb-withdraw");
        await page.waitForSelector("#pb-withdraw-person");
        await page.fill("#pb-withdraw-person", "");
        await page.click("#pb-withdraw-confirm");
        await page.waitForSelector("#pb-withdraw-error");
        await check("withdraw-dialog", "dialog");
        await page.fill("#pb-withdraw-person", "An Peeters");
        await page.fill("#pb-withdraw-reason", "Wrong sheet");
        await page.click("#pb-withdraw-confirm");
        await page.waitForSelector("#pb-withdrawn");
        await page.waitForSelector("dialog", { state: "detached" });
        await check("withdrawn");

        expect(found).toEqual({
          "held-deletions": [],
          "status-expiry": [],
          "repull-confirm": [],
          "review-tools": [],
          "rejected-rows": [],
          "withdraw-dialog": [],
          withdrawn: [],
        });
        expect(page.stray).toEqual([]);
        await page.context().close();
      }, 180_000);

  // Paging cut off: more rows refused than the push's answer holds, and the next page lost once.
  for (const theme of themes)
    it(`rejected rows past 1,000 with "fetch the rest", en, ${theme.name}`, async () => {
      h.server.clients = makeClients(1_100);
      h.server.syncRuns = [];
      h.server.rejectWhen = (row) => (Number(row.ref) > 50 ? refused : null);
      const page = await h.open("en", theme.open);
      await connectAndPull(page, h.server.url);
      await page.click("#tab-review");
      await page.click("#pb-review");
      await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
      await refuseRowsOnce(page);
      await page.click("#pb-to-push");
      await page.click("#pb-push");
      await page.waitForSelector("#pb-rejected-partial", { timeout: 60_000 });
      expect(await violations(page)).toEqual([]);
      await page.screenshot({ path: `${artifacts}/pane-${theme.name}-en-rejected-partial.png` });
      await page.context().close();
    }, 180_000);
});

/** The first request for an import's rejected rows fails, as a dropped connection would. */
async function refuseRowsOnce(page: Page) {
  let refused = false;
  await page.route(/\/v1\/imports\/[^/]+\/rows/, (route) => {
    if (refused) return route.fallback();
    refused = true;
    return route.abort("connectionreset");
  });
}
