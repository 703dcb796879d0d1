/**
 * In real Chromium against the fake worker: a push that rejects more rows than its answer holds
 * (1,000) brings every rejected row back, paged; the sync's state is in the pane — held deletions
 * an admin confirms, the AdminPulse connection's expiry, and each pulled client's source problems
 * beside its row in the Problems view.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../src/i18n/ui.js";
import { heldSyncRun, makeClients } from "../support/fake-server.js";
import { connectAndPull, type Harness, startHarness } from "../support/harness-page.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The sheet's status column by data row, read from the harness's in-memory workbook. */
const statuses = (page: Page, header: string) =>
  page.evaluate((header) => {
    const grid = globalThis.harness?.workbook.sheets.get("PulseBridge")?.grid ?? [];
    const col = grid[0]?.indexOf(header) ?? -1;
    return grid.slice(1).map((r) => r[col] ?? "");
  }, header);

describe("rejected rows past the first 1,000", () => {
  it("are paged into the list and back into the sheet", async () => {
    h.server.clients = makeClients(2_000);
    // Three rows in four are refused by a rule only the server knows: 1,500 rejected.
    h.server.rejectWhen = (row) =>
      Number(row.ref) % 4 === 0
        ? null
        : [
            {
              field: "email",
              code: "id.email_at",
              message: "refused",
              severity: "error",
              suggestions: [],
              safeFix: null,
            },
          ];
    const page = await h.open("en");
    await connectAndPull(page, h.server.url);
    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
    await page.click("#pb-to-push");
    await page.click("#pb-push");
    await page.waitForSelector("#pb-push-result", { timeout: 60_000 });
    const imp = [...h.server.imports.values()].at(-1)?.response;
    expect(imp?.rejected).toHaveLength(1000);
    await expect.poll(() => page.getAttribute("#pb-rejected", "data-total")).toBe("1500");
    expect(await page.locator("#pb-rejected-partial").count()).toBe(0);
    const paged = h.server.requests.filter((r) => r.path === `/v1/imports/${imp?.id}/rows`);
    expect(paged).toHaveLength(1);
    // Every refused row says so in the sheet, the last ones too; accepted rows say "sent".
    const all = await statuses(page, "PulseBridge status");
    const rejected = t("en", "status.rejected").trim();
    const refs = all.map((_, i) => i + 2);
    expect(refs.filter((_, i) => all[i]?.startsWith(rejected))).toEqual(
      refs.filter((ref) => ref % 4 !== 0),
    );
    expect(all[2]).toBe(t("en", "status.sent", { id: imp?.id ?? "" }));
    // The list finds a row from the paged part.
    await page.fill("#pb-rejected-search", "1999");
    await expect.poll(() => page.getAttribute("#pb-rejected", "data-total")).toBe("1");
    expect(page.stray).toEqual([]);
    await page.context().close();
    h.server.rejectWhen = () => null;
  }, 180_000);
});

describe("the sync's state in the pane", () => {
  for (const lang of ["nl", "fr"] as const)
    it(`held deletions, key expiry and source problems, in ${lang}`, async () => {
      h.server.clients = makeClients(60);
      const c = h.server.clients[2];
      if (!c) throw new Error("client");
      c.sourceProblems = [{ code: "language.unknown", field: "language", seen: "string:xx" }];
      h.server.syncRuns = [heldSyncRun(12)];
      h.server.adminpulse = {
        connected: true,
        status: "active",
        expiresAt: new Date(Date.now() + 5 * 86_400_000 + 60_000).toISOString(),
        expiry: { status: "expiring", daysLeft: 5 },
        reason: null,
      };
      const page = await h.open(lang);
      await page.fill("#pb-url", h.server.url);
      await page.fill("#pb-key", "pb_test_admin_key");
      await page.click("#pb-connect");
      await page.waitForSelector("#pb-sync-held");
      expect(await page.textContent("#pb-sync-held p")).toBe(t(lang, "sync.held", { count: 12 }));
      expect(await page.textContent("#pb-status-adminpulse")).toBe(
        `⚠ ${t(lang, "status.apExpiresSoon", { when: lang === "nl" ? "over 5 dagen" : "dans 5 jours" })}`,
      );
      await page.click("#pb-pull");
      await page.waitForSelector("#pb-summary");
      // Client 3 (sheet row 4): its source problem beside the row in the Problems view.
      await page.selectOption("#pb-group-by", "row");
      const source = page.locator(".pb-problem.source");
      await expect.poll(() => source.count()).toBe(1);
      expect(await source.getAttribute("data-row")).toBe("2");
      expect(await source.textContent()).toContain("(language.unknown)");
      // The admin confirms with the keyboard: ask, then yes.
      await page.focus("#pb-sync-confirm");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#pb-sync-confirm-yes");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pb-sync-confirm-no");
      await page.focus("#pb-sync-confirm-yes");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#pb-sync-held", { state: "detached" });
      expect(h.server.syncRuns[0]?.status).toBe("completed");
      expect(await page.textContent("#pb-message")).toBe(t(lang, "sync.deleted", { count: 12 }));
      expect(page.stray).toEqual([]);
      await page.context().close();
    }, 120_000);
});
