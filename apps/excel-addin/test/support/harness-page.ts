/**
 * For the browser tests: vite serving the harness (the real pane next to an in-memory workbook),
 * the fake worker, and Debian's Chromium through playwright-core. Nothing leaves the machine.
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { launchChromium } from "./chromium.js";
import { type FakeServer, makeClients, startFakeServer } from "./fake-server.js";

export { cell, typeInCell } from "./harness-grid.js";

export const appDir = resolve(import.meta.dirname, "../..");
/** Screenshots the repo keeps out of git (test/artifacts/ at the root, like the e2e suite's). */
export const artifacts = resolve(appDir, "../../test/artifacts");

export interface Harness {
  server: FakeServer;
  base: string;
  browser: Browser;
  open(
    lang: "nl" | "fr" | "en",
    o?: { theme?: "light" | "dark" | "contrast"; forcedColors?: boolean; width?: number },
  ): Promise<Page & { stray: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(clients = 2_000): Promise<Harness> {
  mkdirSync(artifacts, { recursive: true });
  const server = await startFakeServer({ clients: makeClients(clients) });
  const vite: ViteDevServer = await createServer({
    root: appDir,
    configFile: resolve(appDir, "vite.config.ts"),
    logLevel: "error",
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
  });
  await vite.listen();
  const address = vite.httpServer?.address() as AddressInfo | null;
  if (!address) throw new Error("vite did not start");
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium();
  return {
    server,
    base,
    browser,
    async open(lang, o = {}) {
      const context = await browser.newContext({
        viewport: { width: o.width ?? 1400, height: 900 },
        forcedColors: o.forcedColors ? "active" : "none",
      });
      const page = (await context.newPage()) as Page & { stray: string[] };
      page.stray = [];
      // Nothing may leave the machine: the harness needs no office.js and no CDN.
      await page.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "127.0.0.1") return route.continue();
        page.stray.push(url.href);
        return route.abort();
      });
      page.on("pageerror", (e) => {
        throw e;
      });
      const theme = o.theme ? `&theme=${o.theme}` : "";
      // vite transforms the pane on first request: on a loaded machine, with several browser
      // files at once, that alone passed playwright's 30 s (a11y-pieces, nl/light, in test-all).
      await page.goto(`${base}/harness.html?lang=${lang}${theme}`, { timeout: 120_000 });
      return page;
    },
    async close() {
      await browser?.close();
      await vite?.close();
      await server?.close();
    },
  };
}

/** Connects and pulls, by clicks: the common start of the pane's journeys. */
export async function connectAndPull(page: Page, url: string) {
  await page.fill("#pb-url", url);
  await page.fill("#pb-key", "pb_test_staff_key");
  await page.click("#pb-connect");
  await page.waitForSelector("#pb-pull");
  await page.click("#pb-pull");
  await page.waitForSelector("#pb-summary", { timeout: 60_000 });
}

/** The focused element's id, or its tag when it has none ("BODY" means focus was lost). */
export const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || "");
