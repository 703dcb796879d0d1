/**
 * Benchmark of the task pane in Chromium, on a production build served by `vite preview`: first
 * render, validate + render the problems of 10,000 rows, and scrolling the review list (frame
 * times from requestAnimationFrame while the list scrolls, and the longest frame in Chromium's
 * performance trace). Run: `pnpm --filter @pulsebridge/excel-addin bench:pane`.
 */

import { cpus } from "node:os";
import { launchChromium } from "../test/support/chromium.js";
import { makeClients, startFakeServer } from "../test/support/fake-server.js";
import { bundleSize } from "./bundle.js";
import { outDir, previewBuild } from "./preview-build.js";

const rows = 10_000;
declare global {
  var __pbFormPainted: number | undefined;
}

const pane = await previewBuild();
const fake = await startFakeServer({ clients: makeClients(rows) });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
// tsx compiles this file with esbuild's keepNames: functions passed to page.evaluate call its
// `__name` helper, which the page does not have.
await page.addInitScript({ content: "globalThis.__name = (f) => f;" });

// The moment the connect form is in the document (a MutationObserver installed before any page
// script runs), and the next animation frame after it: the frame that paints it.
await page.addInitScript({
  content: `(() => {
    const seen = () => {
      if (globalThis.__pbForm !== undefined || !document.getElementById("pb-url")) return;
      globalThis.__pbForm = performance.now();
      mo.disconnect();
      requestAnimationFrame(() => { globalThis.__pbFormPainted = performance.now(); });
    };
    const mo = new MutationObserver(seen);
    mo.observe(document, { childList: true, subtree: true });
  })();`,
});

// 1. First render: navigation start → the connect form is on screen. Two measures: the form's
// paint seen from inside the page (the budget's figure since session 11), and the older one from
// Playwright (goto's load event, polling for the form, then a round trip), which overstates it.
const renders: number[] = [];
const paints: number[] = [];
for (let i = 0; i < 5; i++) {
  await page.goto(`${pane.url}/harness.html?lang=nl`);
  await page.waitForSelector("#pb-url");
  renders.push(await page.evaluate(() => performance.now()));
  await page.waitForFunction(() => globalThis.__pbFormPainted !== undefined);
  paints.push(await page.evaluate(() => globalThis.__pbFormPainted ?? Number.NaN));
}

// Connect and pull 10,000 clients, then break 2,000 enterprise numbers (lost leading zero).
await page.fill("#pb-url", fake.url);
await page.fill("#pb-key", "pb_test_staff_key");
await page.click("#pb-connect");
await page.waitForSelector("#pb-pull");
await page.click("#pb-pull");
await page.waitForSelector("#pb-summary", { timeout: 300_000 });
await page.evaluate(async () => {
  const wb = globalThis.harness?.workbook;
  const sheet = wb?.sheets.get("PulseBridge");
  if (!wb || !sheet) throw new Error("no sheet");
  const col = sheet.grid[0]?.indexOf("Ondernemingsnummer") ?? -1;
  const cells = Array.from({ length: 2000 }, (_, i) => ({
    row: i * 5,
    column: "Ondernemingsnummer",
    value: (sheet.grid[i * 5 + 1]?.[col] ?? "").replace(/\./g, "").replace(/^0/, ""),
  }));
  await wb.writeCells({ sheet: "PulseBridge", table: sheet.table ?? "" }, cells);
});

// 2. Validate + render problems: click → the problems list shows its 2,000 problems.
const validations: number[] = [];
for (let i = 0; i < 3; i++) {
  const ms = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        const t0 = performance.now();
        document.getElementById("pb-validate")?.click();
        const wait = () => {
          const list = document.getElementById("pb-problems");
          const ready =
            !document.querySelector(".pb-progress") && list?.getAttribute("data-total") === "2001";
          if (ready) requestAnimationFrame(() => done(performance.now() - t0));
          else setTimeout(wait, 5);
        };
        setTimeout(wait, 5);
      }),
  );
  validations.push(ms);
}

// 3. Review: every client differs from PulseBridge (the server's e-mails changed), then scroll.
for (const c of fake.clients) c.email = `boekhouding@${c.id}.be`;
await page.click("#tab-review");
await page.click("#pb-review");
await page.waitForSelector("#pb-matches", { timeout: 300_000 });
const matches = await page.getAttribute("#pb-matches", "data-total");
await browser.startTracing(page, {
  categories: [
    "toplevel",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline.frame",
    "blink.user_timing",
  ],
});
const frames = await page.evaluate(
  () =>
    new Promise<number[]>((done) => {
      const list = document.getElementById("pb-matches");
      if (!list) throw new Error("no review list");
      const out: number[] = [];
      let last = performance.now();
      let n = 0;
      const step = () => {
        const now = performance.now();
        // A mark per frame: the trace's main-thread work is summed between two marks.
        performance.mark("pb-frame");
        out.push(now - last);
        last = now;
        list.scrollTop += 400;
        if (++n < 240) requestAnimationFrame(step);
        else done(out.slice(2));
      };
      requestAnimationFrame(step);
    }),
);
// A list that did not scroll or render rows measures nothing (a broken build once read 0.8 ms).
const scrolled = await page.evaluate(() => {
  const list = document.getElementById("pb-matches");
  return { top: list?.scrollTop ?? 0, rows: list?.querySelectorAll("[data-index]").length ?? 0 };
});
if (scrolled.top === 0 || scrolled.rows === 0)
  throw new Error(`the review list did not scroll or shows no rows: ${JSON.stringify(scrolled)}`);
const trace = JSON.parse((await browser.stopTracing()).toString()) as {
  traceEvents: {
    name: string;
    ts: number;
    dur?: number;
    ph: string;
    pid: number;
    tid: number;
    args?: { name?: string };
  }[];
};
// Tasks on the page's main thread (the renderer's CrRendererMain), where scripts, style and
// layout run: each under 16 ms means no frame of the scroll waited on the page.
const main = new Set(
  trace.traceEvents
    .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
    .map((e) => `${e.pid}:${e.tid}`),
);
// The top-level task is "ThreadControllerImpl::RunTask" in current Chromium, "RunTask" before;
// current Chromium records both, one inside the other: only the outermost task counts (else every
// task is counted twice).
const taskNames = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);
const mainTasks: typeof trace.traceEvents = [];
let openUntil = -1;
for (const e of trace.traceEvents
  .filter((e) => taskNames.has(e.name) && e.dur && main.has(`${e.pid}:${e.tid}`))
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
  if (e.ts < openUntil) continue;
  mainTasks.push(e);
  openUntil = e.ts + (e.dur ?? 0);
}
const tasks = mainTasks.map((e) => (e.dur ?? 0) / 1000);
if (tasks.length === 0) {
  const names = new Map<string, number>();
  for (const e of trace.traceEvents) names.set(e.name, (names.get(e.name) ?? 0) + 1);
  console.log("no main-thread tasks in the trace; threads:", main.size, [...names].slice(0, 40));
}
// Main-thread work per frame: the tasks that start between two frames' marks, summed. This is
// the budget's figure (a frame interval can never read under the display's 16.7 ms).
const marks = trace.traceEvents
  .filter((e) => e.name === "pb-frame")
  .map((e) => e.ts)
  .sort((a, b) => a - b);
const work = marks.slice(1).map((end, i) => {
  const start = marks[i] ?? end;
  return mainTasks
    .filter((e) => e.ts >= start && e.ts < end)
    .reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
});
// What the renderer did per frame of the scroll: paint (recording) time and layouts.
const onMain = (name: string) =>
  trace.traceEvents.filter((e) => e.name === name && main.has(`${e.pid}:${e.tid}`));
const paintMs = onMain("Paint").reduce((a, e) => a + (e.dur ?? 0) / 1000, 0) / frames.length;
const layouts = onMain("Layout").length / frames.length;
// The same rAF loop with nothing to do: what this machine's headless Chromium gives at best.
const idle = await page.evaluate(
  () =>
    new Promise<number[]>((done) => {
      const out: number[] = [];
      let last = performance.now();
      const step = () => {
        const now = performance.now();
        out.push(now - last);
        last = now;
        if (out.length < 120) requestAnimationFrame(step);
        else done(out.slice(2));
      };
      requestAnimationFrame(step);
    }),
);

// What a scrolled frame allocates: a second pass of 240 frames under V8's sampling heap profiler
// (not during the timed pass above). Allocation is what fills the young generation, and a full
// one means a scavenge inside some frame; unlike frame times it barely depends on the load.
const cdp = await page.context().newCDPSession(page);
await cdp.send("HeapProfiler.enable");
await cdp.send("HeapProfiler.startSampling", {
  samplingInterval: 2048,
  includeObjectsCollectedByMinorGC: true,
  includeObjectsCollectedByMajorGC: true,
});
const allocFrames = await page.evaluate(
  () =>
    new Promise<number>((done) => {
      const list = document.getElementById("pb-matches");
      if (!list) throw new Error("no review list");
      let n = 0;
      const step = () => {
        list.scrollTop += 400;
        if (++n < 240) requestAnimationFrame(step);
        else done(n);
      };
      requestAnimationFrame(step);
    }),
);
type SampleNode = { selfSize: number; children: SampleNode[] };
const { profile } = await cdp.send("HeapProfiler.stopSampling");
const allocated = (n: SampleNode): number =>
  n.children.reduce((a, c) => a + allocated(c), n.selfSize);
const allocatedBytes = allocated(profile.head as SampleNode);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, Chromium headless`,
);
console.table([
  {
    measure: "first render (navigation → form painted, in the page), ms",
    median: round(p(paints, 0.5)),
    worst: round(Math.max(...paints)),
  },
  {
    measure: "first render, old measure (goto + waitForSelector + evaluate), ms",
    median: round(p(renders, 0.5)),
    worst: round(Math.max(...renders)),
  },
  {
    measure: `validate + render problems, ${rows} rows (2,000 problems), ms`,
    median: round(p(validations, 0.5)),
    worst: round(Math.max(...validations)),
  },
  {
    measure: `review scroll, ${matches} matches: frame interval ms (rAF)`,
    median: round(p(frames, 0.5)),
    worst: round(p(frames, 0.95)),
  },
  {
    measure: `review scroll: main-thread work a frame, ms (trace, ${work.length} frames; budget < 16)`,
    median: round(p(work, 0.5)),
    worst: round(p(work, 0.95)),
  },
  {
    measure: "review scroll: frames with over 16 ms of main-thread work | worst frame ms",
    median: work.filter((x) => x > 16).length,
    worst: round(Math.max(0, ...work)),
  },
  {
    measure: "idle page: frame interval ms (rAF), for comparison",
    median: round(p(idle, 0.5)),
    worst: round(p(idle, 0.95)),
  },
  {
    measure: `review scroll: main-thread tasks in the trace (${tasks.length}), ms`,
    median: round(p(tasks, 0.5)),
    worst: round(Math.max(...tasks)),
  },
  {
    measure: "review scroll: paint ms a frame (mean) | layouts a frame",
    median: round(paintMs),
    worst: round(layouts),
  },
  {
    measure: `review scroll: JS allocated, KB a frame | MB in all (sampled, ${allocFrames} frames)`,
    median: round(allocatedBytes / allocFrames / 1000),
    worst: round(allocatedBytes / 1e6),
  },
  {
    measure: "review scroll: main-thread tasks over 16 ms",
    median: tasks.filter((x) => x > 16).length,
    worst: round(p(tasks, 0.99)),
  },
]);
// Each frame over budget: where in the scroll it fell and what its time went to (the trace's
// events on the main thread inside it, by name, tasks themselves left out), to tell a first-use
// cost (compiling, a first mount) from a collection or a steady cost.
const inner = trace.traceEvents.filter(
  (e) => e.ph === "X" && e.dur && !taskNames.has(e.name) && main.has(`${e.pid}:${e.tid}`),
);
work.forEach((ms, i) => {
  if (ms <= 16) return;
  const start = marks[i] ?? 0;
  const end = marks[i + 1] ?? start;
  const byName = new Map<string, number>();
  for (const e of inner)
    if (e.ts >= start && e.ts < end)
      byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([n, d]) => `${n} ${round(d)}`);
  console.log(`frame ${i + 1} of ${work.length}: ${round(ms)} ms of work — ${top.join(", ")}`);
});
console.log("task pane bundle (taskpane.html's scripts + styles, office.js excluded):");
console.table([bundleSize(outDir)]);
await browser.close();
await fake.close();
await pane.close();
