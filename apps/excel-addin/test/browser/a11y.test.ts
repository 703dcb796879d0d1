/**
 * Accessibility in real Chromium: axe-core (via @axe-core/playwright) finds no serious or critical
 * violation on any panel, in nl, fr and en, in the light, dark and high-contrast themes; the pane
 * is screenshot in each theme into test/artifacts/. High contrast is the system's forced colours
 * (Chromium's emulation), which the pane detects itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes, violations } from "../support/axe.js";
import { artifacts, connectAndPull, type Harness, startHarness } from "../support/harness-page.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(60);
});
afterAll(async () => {
  await h?.close();
});

describe("axe on every panel, language and theme", () => {
  for (const lang of ["nl", "fr", "en"] as const)
    for (const theme of themes)
      it(`${lang}, ${theme.name}`, async () => {
        const page = await h.open(lang, theme.open);
        const found: Record<string, string[]> = {};
        const check = async (panel: string) => {
          found[panel] = await violations(page);
          if (lang === "en" || panel === "validate")
            await page.screenshot({ path: `${artifacts}/pane-${theme.name}-${lang}-${panel}.png` });
        };
        expect(await page.getAttribute(".pb-app", "class")).toContain(`theme-${theme.name}`);
        await check("connect");
        await connectAndPull(page, h.server.url);
        await check("validate");
        await page.click("#tab-data");
        await check("data");
        await page.click("#tab-review");
        await page.click("#pb-review");
        await page.waitForSelector("#pb-review-counts");
        await check("review");
        await page.click("#pb-to-push");
        await page.click("#pb-push");
        await page.waitForSelector("#pb-push-result");
        await check("push");
        await page.click("#pb-open-palette");
        await page.waitForSelector("#pb-palette-input");
        await page.evaluate(() => document.getElementById("grid")?.setAttribute("hidden", ""));
        // The palette is a modal <dialog> (top layer): check the dialog itself (the pane behind it is
        // made inert while it is open, and was checked panel by panel above).
        found.palette = await violations(page, ".pb-palette");
        expect(found).toEqual({
          connect: [],
          validate: [],
          data: [],
          review: [],
          push: [],
          palette: [],
        });
        expect(page.stray).toEqual([]);
        await page.context().close();
      }, 120_000);
});
