/**
 * The review as staff see it (issue 14's "under 3 s in the pane"): the production pane in Chromium
 * against the worker under `wrangler dev` (local D1) and the AdminPulse stand-in, real processes on
 * 127.0.0.1 random ports. A 10,000-client office is synced and pulled into the harness's sheet;
 * one row in ten gets a new e-mail and one in twenty-five a broken enterprise number; then
 * "Review" is clicked and timed until the review's counts are on screen, three times. The requests
 * the pane made to /v1/reconcile and their bytes both ways are counted from Chromium's network.
 * Run: `pnpm --filter @pulsebridge/excel-addin bench:review-pane` (BENCH_OFFICE clients).
 */
import { cpus, loadavg } from "node:os";
import { createOffice, api as rawApi, startStack, syncUntilDone } from "@pulsebridge/stack";
import type { Page } from "playwright-core";
import { launchChromium } from "../test/support/chromium.js";
import { previewBuild } from "./preview-build.js";

const officeSize = Number(process.env.BENCH_OFFICE ?? 10_000);
const pane = await previewBuild();
const stack = await startStack({
  standIn: { size: officeSize, seed: "7" },
  harness: false,
  vars: { CORS_ORIGINS: pane.url },
});
const browser = await launchChromium();
const url = stack.worker.url;

/** Clicks Review and waits for its counts; the time and what went over the wire to /v1/reconcile. */
async function timedReview(page: Page) {
  const wire = { requests: 0, sent: 0, received: 0 };
  const onResponse = async (res: import("playwright-core").Response) => {
    if (!res.url().endsWith("/v1/reconcile") || res.request().method() !== "POST") return;
    wire.requests++;
    // Chromium does not hand large request bodies to the protocol: those are counted in the page.
    wire.received += (await res.request().sizes()).responseBodySize;
  };
  page.on("response", onResponse);
  await page.evaluate(() => {
    (globalThis as unknown as { __sent: number }).__sent = 0;
  });
  await page.click("#tab-review");
  const ms = await page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const t0 = performance.now();
        document.getElementById("pb-review")?.click();
        const wait = () => {
          const ready =
            document.getElementById("pb-review-counts") && !document.querySelector(".pb-progress");
          if (ready) requestAnimationFrame(() => done(performance.now() - t0));
          else if (performance.now() - t0 > 120_000) fail(new Error("no review after 120 s"));
          else setTimeout(wait, 5);
        };
        setTimeout(wait, 5);
      }),
  );
  // The last answer's body is read after the counts show; let it finish before counting.
  await page.waitForTimeout(200);
  page.off("response", onResponse);
  wire.sent = await page.evaluate(() => (globalThis as unknown as { __sent: number }).__sent);
  const counts = (await page.textContent("#pb-review-counts"))?.replace(/\s+/g, " ").trim();
  return { ms: Math.round(ms), ...wire, counts };
}

const results: Record<string, unknown>[] = [];
try {
  const { key } = await createOffice(stack.persistDir, { name: "Bench" });
  const token = stack.standIn?.token;
  await rawApi(url, key, "PUT", "/v1/connection", { kind: "token", token });
  await syncUntilDone(url, key);

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames: functions passed to page.evaluate call `__name`.
  await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
  // The bytes of each request body the pane sends to /v1/reconcile (a copy read beside the send).
  await page.addInitScript({
    content: `globalThis.__sent = 0; const send = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const req = new Request(input, init);
        if (req.url.endsWith("/v1/reconcile"))
          globalThis.__sent += (await req.clone().arrayBuffer()).byteLength;
        return send(req);
      };`,
  });
  await page.goto(`${pane.url}/harness.html?lang=nl`);
  await page.fill("#pb-url", url);
  await page.fill("#pb-key", key);
  await page.click("#pb-connect");
  await page.waitForSelector("#pb-pull");
  await page.click("#pb-pull");
  await page.waitForSelector("#pb-summary", { timeout: 300_000 });
  // The user's edits, as Excel reports them (one edit event per cell, each re-validated by the pane).
  const edited = await page.evaluate(() => {
    const wb = globalThis.harness?.workbook;
    const grid = wb?.sheets.get("PulseBridge")?.grid;
    if (!wb || !grid) throw new Error("no sheet");
    const email = grid[0]?.indexOf("E-mail") ?? -1;
    const number = grid[0]?.indexOf("Ondernemingsnummer") ?? -1;
    const rows = new Set<number>();
    for (let r = 0; r + 1 < grid.length; r++) {
      if (r % 10 === 0) wb.userEdit("PulseBridge", r, email, `nieuw${r}@example.be`);
      else if (r % 25 === 1 && grid[r + 1]?.[number])
        wb.userEdit("PulseBridge", r, number, `${grid[r + 1]?.[number]}9`);
      else continue;
      rows.add(r);
    }
    return { rows: grid.length - 1, editedRows: rows.size };
  });
  // Every edit read back and validated: the status bar counts them all.
  await page.waitForFunction(
    (n) =>
      document
        .getElementById("pb-status-sheet")
        ?.textContent?.includes(`${n.toLocaleString("nl-BE")} wijzigingen`),
    edited.editedRows,
    { timeout: 300_000 },
  );
  for (let i = 0; i < 3; i++) results.push({ ...edited, ...(await timedReview(page)) });
} finally {
  await browser.close();
  await stack.stop();
  await pane.close();
}
const ms = results.map((r) => r.ms as number).sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0]?.model}, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
      office: officeSize,
      runs: results,
      medianMs: ms[1],
      worstMs: ms.at(-1),
    },
    null,
    1,
  ),
);
