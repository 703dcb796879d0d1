/**
 * The task pane in each of its languages against the real worker (`wrangler dev`, local D1) and the
 * stand-in AdminPulse: connect, pull 2,000 clients, validate, apply the safe fixes, review with an
 * overwrite choice, push, and the rows the server rejected come back with their reasons.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { t } from "@pulsebridge/excel-addin/i18n";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPane } from "./support/connect.js";
import { allClients, artifacts, type E2eStack, e2eStack, launchBrowser } from "./support/stack.js";

let s: E2eStack;
let browser: Browser;

beforeAll(async () => {
  [s, browser] = await Promise.all([e2eStack({ size: 2000, harness: true }), launchBrowser()]);
  // Vite compiles the React pane on its first request: pay that once here, not inside the first
  // language's journey (on a busy 2-core machine it took most of that test's time).
  const warm = await browser.newPage();
  await warm.goto(`${s.stack.harness!.url}/harness.html?lang=en`, { timeout: 150_000 });
  await warm.waitForSelector("#tab-review", { timeout: 150_000 });
  await warm.close();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe.each(["nl", "fr", "en"] as UiLanguage[])("the task pane in %s", (lang) => {
  it("connect → pull 2,000 → validate → safe fixes → review with an overwrite → push → rejected rows back", async () => {
    const office = await s.newOffice(`Kantoor ${lang}`, { connect: true, sync: true });
    const clients = await allClients(s, office.keys.service);
    expect(clients.length).toBeGreaterThan(1800);

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${s.stack.harness!.url}/harness.html?lang=${lang}`);
    expect(await page.textContent("#tab-review")).toBe(t(lang, "nav.review"));

    await page.fill("#pb-url", s.url);
    await connectPane(page, s, office.keys.staff, `languages-${lang}`);
    await page.click("#pb-pull");
    await page.waitForSelector("#pb-summary", { timeout: 90_000 });
    expect(await page.getAttribute("#grid-table", "data-rows")).toBe(String(clients.length));

    // A change the review must show: a new e-mail on the first row.
    // The e-mail column is headed "E-mail" in all three languages.
    const emailCell = page.locator('#grid-table tr[data-row="0"] td[data-col="E-mail"]');
    await emailCell.dblclick();
    await page.locator(".cell-editor").fill(`boekhouding-${lang}@e2e-kantoor.be`);
    await page.locator(".cell-editor").press("Enter");
    // Rows the server must refuse though the sheet finds nothing wrong with them: row 8 claims row
    // 7's AdminPulse client (identity first: two rows, one client, both refused as duplicates).
    const idHeader = { nl: "AdminPulse-ID", fr: "ID AdminPulse", en: "AdminPulse ID" }[lang];
    const idCell = (row: number) =>
      page.locator(`#grid-table tr[data-row="${row}"] td[data-col="${idHeader}"]`);
    const firstId = (await idCell(5).textContent()) ?? "";
    expect(firstId).not.toBe("");
    await idCell(6).dblclick();
    await page.locator(".cell-editor").fill(firstId);
    await page.locator(".cell-editor").press("Enter");

    await page.click("#pb-validate");
    await page.waitForSelector("#pb-safe-fixes");
    await page.screenshot({ path: `${artifacts}/languages-${lang}-validated.png` });
    if (await page.isEnabled("#pb-safe-fixes")) await page.click("#pb-safe-fixes");

    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts", { timeout: 90_000 });
    // 2,000 clients give more differing matches than the pane lists one by one: take the sheet's
    // e-mail everywhere it differs (the per-field bar, like Silverfin's "use the data from").
    await page.selectOption("#pb-overwrite-field", "email");
    await page.click("#pb-overwrite-all");
    await page.screenshot({ path: `${artifacts}/languages-${lang}-review.png` });

    await page.click("#pb-to-push");
    await page.click("#pb-push");
    await page.waitForSelector("#pb-push-result", { timeout: 90_000 });
    await page.screenshot({ path: `${artifacts}/languages-${lang}-pushed.png` });

    // The server's verdict, as the pane shows it and as another tool reads it.
    const importId = await page.textContent("#pb-import-id");
    const stored = await s.call(office.keys.service, "GET", `/v1/imports/${importId}`);
    expect(stored.status).toBe(200);
    const counts = stored.json.counts as Record<string, number>;
    expect(counts.updated).toBeGreaterThanOrEqual(1);
    expect(await page.getAttribute('[data-count="updated"]', "data-value")).toBe(
      String(counts.updated),
    );
    // The rows the server refused come back, each with a reason.
    expect(counts.rejected).toBeGreaterThan(0);
    // The rejected list is complete (virtualised: it renders what is in view, counts them all).
    expect(await page.getAttribute("#pb-rejected", "data-total")).toBe(String(counts.rejected));
    const firstReason = await page.locator("#pb-rejected [role=listitem]").first().textContent();
    expect(firstReason).toContain(t(lang, "review.goto", { ref: "" }).trim().split(" ")[0]!);
    expect(errors).toEqual([]);
    await context.close();
  });
});
