/**
 * The pane as it ships: a production build (terser, tree-shaking, the Preact aliases of ADR 0028)
 * served by `vite preview`, in Chromium. Every other browser test runs the dev server, which does
 * not minify or tree-shake; a build setting that breaks the pane (a "pure" annotation that dropped
 * one of Preact's minified internals left the review list empty) is caught here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { previewBuild } from "../../bench/preview-build.js";
import { launchChromium } from "../support/chromium.js";
import { type FakeServer, makeClients, startFakeServer } from "../support/fake-server.js";

const dir = mkdtempSync(join(tmpdir(), "pb-pane-build-"));
let pane: Awaited<ReturnType<typeof previewBuild>>;
let fake: FakeServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pane = await previewBuild(dir);
  fake = await startFakeServer({ clients: makeClients(300) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The review list's rendered rows (their indexes) and its scroll position. */
const reviewRows = () =>
  page.evaluate(() => {
    const list = document.getElementById("pb-matches");
    if (!list) throw new Error("no review list");
    const rows = [...list.querySelectorAll("[data-index]")];
    return {
      scrollTop: list.scrollTop,
      indexes: rows.map((r) => Number(r.getAttribute("data-index"))),
      text: rows.map((r) => r.textContent ?? "").join(" "),
    };
  });

it("connects, pulls, reviews: the review list shows its rows and follows the scroll", async () => {
  await page.goto(`${pane.url}/harness.html?lang=nl`);
  await page.fill("#pb-url", fake.url);
  await page.fill("#pb-key", "pb_test_staff_key");
  await page.click("#pb-connect");
  await page.click("#pb-pull");
  await page.waitForSelector("#pb-summary", { timeout: 120_000 });
  // Every client differs from PulseBridge: the review lists all 300 as changed.
  for (const c of fake.clients) c.email = `boekhouding@${c.id}.be`;
  await page.click("#tab-review");
  await page.click("#pb-review");
  await page.waitForSelector("#pb-matches [data-index]", { timeout: 120_000 });
  const top = await reviewRows();
  expect(top.indexes).toContain(0);
  expect(top.text).toContain(`boekhouding@${fake.clients[0]?.id}.be`);

  await page.evaluate(() => {
    const list = document.getElementById("pb-matches");
    if (list) list.scrollTop = 20_000;
  });
  // At rest the rows under the new position are full rows (light ones only while it scrolls).
  await expect
    .poll(
      () =>
        page.$$eval("#pb-matches [data-index]:not([data-light])", (rows) =>
          rows.some((r) => Number(r.getAttribute("data-index")) > 50),
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
  expect((await reviewRows()).scrollTop).toBeGreaterThan(0);
}, 240_000);
