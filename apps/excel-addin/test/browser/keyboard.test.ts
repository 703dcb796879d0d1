/**
 * Keyboard only, in real Chromium: the whole journey connect → pull → validate → quick fix →
 * review → push with Tab, arrows, Enter and Space; and the cases measured on the old pane where
 * focus fell to BODY, reproduced first and kept as tests.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../src/i18n/ui.js";
import {
  artifacts,
  connectAndPull,
  focused,
  type Harness,
  startHarness,
} from "../support/harness-page.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(120);
});
afterAll(async () => {
  await h?.close();
});

/** Presses Tab until the element with this id has focus (fails after `max` presses). */
async function tabTo(page: Page, id: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached #${id}; focus is on ${await focused(page)}`);
}

/** Breaks the enterprise numbers of the first `n` rows (a lost leading zero: a safe quick fix). */
async function breakNumbers(page: Page, n: number) {
  await page.evaluate(async (count) => {
    const wb = globalThis.harness?.workbook;
    const sheet = wb?.sheets.get("PulseBridge");
    if (!wb || !sheet) throw new Error("no pulled sheet");
    const col =
      sheet.grid[0]?.findIndex((x) =>
        /^(Ondernemingsnummer|Numéro d'entreprise|Enterprise number)$/.test(x),
      ) ?? -1;
    const header = sheet.grid[0]?.[col] ?? "";
    const cells = Array.from({ length: count }, (_, row) => ({
      row,
      column: header,
      value: (sheet.grid[row + 1]?.[col] ?? "").replace(/\./g, "").replace(/^0/, ""),
    }));
    await wb.writeCells({ sheet: "PulseBridge", table: sheet.table ?? "" }, cells);
  }, n);
}

describe("keyboard only", () => {
  it("connect → pull → validate → quick fix → review → push, never losing focus", async () => {
    const page = await h.open("en");
    const notBody = async () => expect(await focused(page)).not.toBe("BODY");
    await tabTo(page, "pb-url");
    await page.keyboard.type(h.server.url);
    await page.keyboard.press("Tab");
    await page.keyboard.type("pb_test_staff_key");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-pull");
    await notBody();
    await tabTo(page, "pb-pull");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-summary", { timeout: 60_000 });
    await notBody();
    await breakNumbers(page, 3);
    await tabTo(page, "pb-validate");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.textContent("#pb-problem-counts"))
      .toMatch(/^0 errors, 3 warnings/);
    await notBody();
    // Into the problems list; the first problem row has the quick fix: "1" applies it.
    await page.focus("#pb-problems-search");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("1");
    await expect
      .poll(() => page.textContent("#pb-problem-counts"))
      .toMatch(/^0 errors, 2 warnings/);
    await notBody();
    // Review with the palette: Ctrl+Shift+P, type, Enter.
    await page.keyboard.press("Control+Shift+P");
    await page.waitForSelector("#pb-palette-input");
    await page.keyboard.type(t("en", "cmd.review"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
    await notBody();
    await tabTo(page, "pb-to-push", 120);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-push");
    await notBody();
    await tabTo(page, "pb-push");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-push-result", { timeout: 60_000 });
    await notBody();
    await page.screenshot({ path: `${artifacts}/keyboard-journey-pushed.png` });
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);
});

/** A narrow pane, pulled and validated, with 60 problems (each with a safe quick fix). */
async function sixtyProblems() {
  const page = await h.open("en", { width: 900 });
  await connectAndPull(page, h.server.url);
  await breakNumbers(page, 60);
  await page.click("#pb-validate");
  await expect.poll(() => page.textContent("#pb-problem-counts")).toMatch(/60 warnings/);
  return page;
}

/** Slows the page's CPU (Chrome's own throttling): a busy Excel webview, where a frame is late. */
async function throttle(page: Page, rate: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

describe("keys typed faster than the pane paints are never lost", () => {
  it("what is typed right after Ctrl+Shift+P goes into the palette, and Enter runs it", async () => {
    const page = await h.open("en");
    await connectAndPull(page, h.server.url);
    await breakNumbers(page, 3);
    await page.click("#pb-validate");
    await expect.poll(() => page.textContent("#pb-problem-counts")).toMatch(/3 warnings/);
    // Focus on a problem row, whose own keys (digits, Space) must not see the palette's text.
    await page.focus("#pb-problems-search");
    await page.keyboard.press("Tab");
    await throttle(page, 8);
    // No wait between the shortcut, the typing and Enter: a fast typist in a slow webview.
    await page.keyboard.press("Control+Shift+P");
    await page.keyboard.type(t("en", "cmd.review"));
    await page.keyboard.press("Enter");
    await throttle(page, 1);
    await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
    expect(await page.getAttribute("#tab-review", "aria-selected")).toBe("true");
    await expect.poll(() => page.locator("#pb-palette-input").count()).toBe(0);
    expect(await focused(page)).not.toBe("BODY");
    await page.context().close();
  }, 90_000);

  it("Escape closes the palette and gives focus back to where it was", async () => {
    const page = await h.open("en");
    await connectAndPull(page, h.server.url);
    await page.focus("#pb-validate");
    await page.keyboard.press("Control+Shift+P");
    await expect.poll(() => focused(page)).toBe("pb-palette-input");
    // The palette is modal: Tab stays inside it (the input, then its list).
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("pb-palette-list");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    expect(await focused(page)).toBe("pb-validate");
    await page.context().close();
  }, 90_000);

  it("thirty ↓ handled before the next frame leave focus on the thirtieth row", async () => {
    const page = await sixtyProblems();
    await page.focus("#pb-problems-search");
    await page.keyboard.press("Tab");
    // Each key its own task, as real input is, but all before a frame is drawn (a busy webview):
    // focus must follow each key at once, not a frame later, or the next key starts from a row
    // the user has left.
    const row = await page.evaluate(async () => {
      const task = () =>
        new Promise<void>((r) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => r();
          ch.port2.postMessage(0);
        });
      // No frame is drawn until the keys are handled: frame callbacks wait, as in a busy webview.
      const held: FrameRequestCallback[] = [];
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (cb) => held.push(cb);
      for (let i = 0; i < 30; i++) {
        await task();
        document.activeElement?.dispatchEvent(
          new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }),
        );
      }
      await task();
      const row = document.activeElement?.getAttribute("aria-posinset");
      window.requestAnimationFrame = raf;
      for (const cb of held) cb(performance.now());
      return row;
    });
    expect(row).toBe("31");
    await page.context().close();
  }, 90_000);
});

describe("focus is never lost to BODY (cases measured on the old pane)", () => {
  it("Enter on Validate keeps focus on Validate", async () => {
    const page = await h.open("nl");
    await connectAndPull(page, h.server.url);
    await page.focus("#pb-validate");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-progress, .pb-progress", { state: "detached" }).catch(() => {});
    await expect.poll(() => page.locator(".pb-progress").count()).toBe(0);
    expect(await focused(page)).toBe("pb-validate");
    await page.context().close();
  }, 60_000);

  it("applying the 30th fix of a list scrolled far down keeps focus and scroll", async () => {
    const page = await sixtyProblems();
    // Scroll the pane down to the problems, then walk to the 30th problem by keyboard.
    await page.evaluate(() => {
      const panel = document.querySelector(".pb-panel");
      panel?.scrollTo(0, panel.scrollHeight);
    });
    await page.focus("#pb-problems-search");
    await page.keyboard.press("Tab");
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowDown");
    const before = await page.evaluate(() => ({
      panel: document.querySelector(".pb-panel")?.scrollTop ?? 0,
      list: document.querySelector("#pb-problems")?.scrollTop ?? 0,
      row: document.activeElement?.getAttribute("aria-posinset"),
    }));
    expect(before.panel).toBeGreaterThan(0);
    expect(before.list).toBeGreaterThan(0);
    await page.keyboard.press("1");
    await expect.poll(() => page.textContent("#pb-problem-counts")).toMatch(/59 warnings/);
    expect(await focused(page)).not.toBe("BODY");
    const after = await page.evaluate(() => ({
      panel: document.querySelector(".pb-panel")?.scrollTop ?? 0,
      list: document.querySelector("#pb-problems")?.scrollTop ?? 0,
      row: document.activeElement?.getAttribute("aria-posinset"),
      inList: document.querySelector("#pb-problems")?.contains(document.activeElement),
    }));
    expect(after.inList).toBe(true);
    // The row now in the fixed problem's place has focus; nothing jumped back to the top.
    expect(after.row).toBe(before.row);
    expect(after.panel).toBeGreaterThan(0);
    expect(after.list).toBeGreaterThan(0);
    await page.context().close();
  }, 90_000);

  it("ticking a review checkbox keeps focus on it", async () => {
    const page = await h.open("fr");
    await connectAndPull(page, h.server.url);
    const cell = page.locator('#grid-table tr[data-row="4"] td[data-col="Localité"]');
    await cell.dblclick();
    await page.locator(".cell-editor").fill("Gand");
    await page.locator(".cell-editor").press("Enter");
    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts");
    const box = page.locator('.match input[data-field="address.city"]').first();
    await box.focus();
    const id = await box.getAttribute("id");
    // The user's own edit is proposed (ticked) by default since the three-way review: Space toggles it.
    const before = await box.isChecked();
    await page.keyboard.press("Space");
    await expect.poll(() => box.isChecked()).toBe(!before);
    expect(await focused(page)).toBe(id);
    await page.keyboard.press("Space");
    await expect.poll(() => box.isChecked()).toBe(before);
    expect(await focused(page)).toBe(id);
    await page.context().close();
  }, 60_000);
});
