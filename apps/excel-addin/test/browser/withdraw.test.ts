/**
 * In real Chromium against the fake worker: after a push, staff withdraw the import from the pane
 * by keyboard only — a dialog asks who (remembered for next time) and why; the pane then shows the
 * withdrawn state. A refusal (409 import_not_withdrawable) is said in the user's language.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemMessage } from "../../src/i18n/problems.js";
import { t } from "../../src/i18n/ui.js";
import { connectAndPull, focused, type Harness, startHarness } from "../support/harness-page.js";

/** The user name the harness passes as Office's (src/taskpane/harness.ts). */
const harnessUser = "harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(40);
});
afterAll(async () => {
  await h?.close();
});

/** Connect, pull, review with one changed client, push: the push result is on screen. */
async function pushOnce(page: Page) {
  await connectAndPull(page, h.server.url);
  const first = h.server.clients[0];
  if (first) first.email = `nieuw@${first.id}.be`;
  await page.click("#tab-review");
  return reviewAndPush(page);
}

async function reviewAndPush(page: Page) {
  await page.click("#pb-review");
  await page.waitForSelector("#pb-review-counts");
  await page.click("#pb-to-push");
  await page.click("#pb-push");
  await page.waitForSelector("#pb-push-result");
  const id = await page.textContent("#pb-import-id");
  if (!id) throw new Error("no import id");
  return id;
}

describe("withdraw a pushed import", () => {
  it("by keyboard: asks who and why, withdraws once, shows it, remembers the person", async () => {
    const page = await h.open("en");
    const id = await pushOnce(page);
    await page.focus("#pb-withdraw");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-withdraw-person");
    // Focus is in the dialog, on the first field; the pane behind it is not reachable.
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("pb-withdraw-person");
    // Nobody named on this machine yet: Office's user name is offered, and can be replaced.
    expect(await page.inputValue("#pb-withdraw-person")).toBe(harnessUser);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("An Peeters");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("pb-withdraw-reason");
    await page.keyboard.type("Pushed the wrong sheet");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("pb-withdraw-confirm");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#pb-withdrawn");
    await page.waitForSelector("dialog", { state: "detached" });
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("pb-withdrawn");
    expect(await page.textContent("#pb-withdrawn")).toContain(
      t("en", "withdraw.doneReason", { reason: "Pushed the wrong sheet" }),
    );
    expect(await page.textContent("#pb-withdrawn")).toContain("Withdrawn by An Peeters on ");
    expect(await page.locator("#pb-withdraw").count()).toBe(0);
    const w = h.server.withdrawals.get(id);
    expect(w).toMatchObject({ by: "An Peeters", reason: "Pushed the wrong sheet" });
    const asked = h.server.requests.filter((r) => r.path === `/v1/imports/${id}/withdraw`);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.idempotencyKey).toBe(w?.key);

    // The next push and its withdrawal: the person is filled in already (this machine's settings).
    await page.click("#pb-new-review");
    const second = await reviewAndPush(page);
    expect(second).not.toBe(id);
    await page.click("#pb-withdraw");
    expect(await page.inputValue("#pb-withdraw-person")).toBe("An Peeters");
    await page.click("#pb-withdraw-cancel");
    await page.waitForSelector("dialog", { state: "detached" });
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("pb-withdraw");
    expect(h.server.withdrawals.has(second)).toBe(false);
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("a refusal is shown in the dialog in the user's language, and nothing is marked withdrawn", async () => {
    const page = await h.open("nl");
    const id = await pushOnce(page);
    // Someone else withdrew it first (another request's key).
    h.server.withdrawals.set(id, {
      key: "other",
      at: new Date().toISOString(),
      by: "Els",
      reason: null,
    });
    await page.click("#pb-withdraw");
    await page.fill("#pb-withdraw-person", "An Peeters");
    await page.click("#pb-withdraw-confirm");
    await page.waitForSelector("#pb-withdraw-error");
    expect(await page.textContent("#pb-withdraw-error")).toBe(
      problemMessage("import_not_withdrawable", "nl"),
    );
    expect(await page.getAttribute("#pb-withdraw-error", "role")).toBe("alert");
    expect(await page.textContent("#pb-withdraw-confirm")).toBe(t("nl", "push.retry"));
    expect(await page.locator("#pb-withdrawn").count()).toBe(0);
    // Escape closes it, and focus goes back to the button that opened it.
    await page.keyboard.press("Escape");
    await page.waitForSelector("dialog", { state: "detached" });
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("pb-withdraw");
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);
});
