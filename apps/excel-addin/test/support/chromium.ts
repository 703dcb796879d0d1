import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, headless, as every browser test here runs it (the add-in's browser tests and
 * the end-to-end suite, which imports this through the package's `./test/chromium` export): no
 * sandbox, GPU or shared memory (containers), and nothing that reaches the network on its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
