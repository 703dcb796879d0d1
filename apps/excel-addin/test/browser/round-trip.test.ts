/**
 * The round trip's pane parts in real Chromium against the fake worker (which keeps every version
 * it served, as the worker's history does): a re-pull says what it will do before the sheet
 * changes and keeps the user's edits; the review says who changed each field, refreshes
 * AdminPulse's changes into the sheet, filters by origin, and copies itself to a sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryText } from "../../src/features/pull/merge.js";
import { t } from "../../src/i18n/ui.js";
import { makeClients } from "../support/fake-server.js";
import {
  cell,
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

/** AdminPulse changes a client (a new version in the cache). */
function changeAtSource(index: number, patch: { email?: string; city?: string }) {
  const c = h.server.clients[index];
  if (!c) throw new Error("client");
  if (patch.email) c.email = patch.email;
  if (patch.city && c.address) c.address = { ...c.address, city: patch.city };
  c.changeSeq += 10_000;
}

describe("round trip in the pane", () => {
  it("a re-pull shows its summary first, keeps the user's edits and marks conflicts", async () => {
    h.server.clients = makeClients(40);
    const page = await h.open("en");
    await connectAndPull(page, h.server.url);
    // The user edits two rows; AdminPulse changes one of them elsewhere and both on the same cell.
    await typeInCell(page, 0, "City", "Gand");
    await typeInCell(page, 1, "E-mail", "mine@client2.be");
    changeAtSource(0, { email: "new@client1.be" });
    changeAtSource(1, { email: "theirs@client2.be" });
    changeAtSource(5, { city: "Brugge" });
    await page.click("#pb-refresh");
    await page.waitForSelector("#pb-pull-confirm");
    const summary = { refreshed: 3, keptEdits: 2, conflicts: 1, added: 0, untouched: 0 };
    expect(await page.textContent("#pb-pull-summary")).toBe(summaryText(summary, "en"));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("pb-pull-apply");
    // "Change nothing": the sheet is as it was.
    await page.click("#pb-pull-cancel");
    await page.waitForSelector("#pb-pull-confirm", { state: "detached" });
    expect(await cell(page, 5, "City").textContent()).not.toBe("Brugge");
    expect(await page.textContent("#pb-message")).toBe(t("en", "action.cancelled"));
    // Again, and apply.
    await page.click("#pb-refresh");
    await page.click("#pb-pull-apply");
    await page.waitForSelector("#pb-pull-confirm", { state: "detached" });
    await expect.poll(() => cell(page, 5, "City").textContent()).toBe("Brugge");
    expect(await cell(page, 0, "City").textContent()).toBe("Gand");
    expect(await cell(page, 0, "E-mail").textContent()).toBe("new@client1.be");
    expect(await cell(page, 1, "E-mail").textContent()).toBe("mine@client2.be");
    await expect.poll(() => page.textContent("#pb-message")).toContain(summaryText(summary, "en"));
    // The conflict is beside its row in the Problems view.
    await page.click("#tab-validate");
    const conflict = page.locator('.pb-problem[data-code="pull.conflict"]');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.getAttribute("data-row")).toBe("1");
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("the review says who changed what, refreshes AdminPulse's changes and copies itself", async () => {
    h.server.clients = makeClients(40);
    const page = await h.open("nl");
    await connectAndPull(page, h.server.url);
    await typeInCell(page, 2, "Gemeente", "Gand");
    changeAtSource(3, { email: "nieuw@client4.be" });
    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts");
    const origins = await page
      .locator("#pb-matches tr[data-origin]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-origin")));
    expect(origins.sort()).toEqual(["sheet", "source"]);
    // Only AdminPulse's change, and no overwrite offered for it.
    await page.selectOption("#pb-review-origin", "source");
    await expect.poll(() => page.getAttribute("#pb-matches", "data-total")).toBe("1");
    expect(await page.locator('#pb-matches tr[data-origin="source"] input').count()).toBe(0);
    // Copy the review to a sheet of its own.
    await page.click("#pb-copy-review");
    await expect
      .poll(() =>
        page.evaluate(
          () => globalThis.harness?.workbook.sheets.get("PulseBridge vergelijking")?.grid.length,
        ),
      )
      .toBe(3);
    // Refresh the cell AdminPulse changed: the sheet takes its value, and nothing differs there.
    await page.click("#pb-refresh-cells");
    // (The harness now shows the copied review's sheet: read the clients' sheet itself.)
    await expect
      .poll(() =>
        page.evaluate(() => {
          const grid = globalThis.harness?.workbook.sheets.get("PulseBridge")?.grid ?? [];
          return grid[4]?.[grid[0]?.indexOf("E-mail") ?? -1];
        }),
      )
      .toBe("nieuw@client4.be");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts");
    await expect
      .poll(() =>
        page
          .locator("#pb-matches tr[data-origin]")
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-origin"))),
      )
      .toEqual(["sheet"]);
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);
  it("edits that arrive together are all counted and all reviewed (none lost to a race)", async () => {
    h.server.clients = makeClients(40);
    const page = await h.open("en");
    await connectAndPull(page, h.server.url);
    // Twelve cells changed at once, as a paste or fast typing delivers them: each edit event starts
    // its own re-validation before the previous one has read its row back.
    await page.evaluate(() => {
      const wb = globalThis.harness?.workbook;
      const grid = wb?.sheets.get("PulseBridge")?.grid ?? [];
      const col = grid[0]?.indexOf("E-mail") ?? -1;
      for (let r = 0; r < 12; r++) wb?.userEdit("PulseBridge", r, col, `fast${r}@client.be`);
    });
    await expect
      .poll(() => page.textContent("#pb-status-sheet"))
      .toContain(t("en", "status.unpushed", { count: 12 }));
    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts");
    // The list is virtualised: count through the origin filter's total, not the drawn rows.
    await page.selectOption("#pb-review-origin", "sheet");
    await expect.poll(() => page.getAttribute("#pb-matches", "data-total")).toBe("12");
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);
});
