// The Worker's JavaScript heap where it counts (issue 17): one sync step, one review (POST
// /v1/reconcile) of BENCH_ROWS rows and one push (POST /v1/imports) of BENCH_ROWS rows, measured
// INSIDE the isolate that runs them: `wrangler dev --local` with its DevTools inspector open, asking
// V8 itself (`Runtime.getHeapUsage`) every few ms while the request runs. That is the heap the
// 128 MB isolate limit counts; workerd's RSS (runtime, SQLite cache) is not. Before each operation a
// full GC (a heap snapshot forces one) sets the baseline. Rows: a sync step, a review of BENCH_ROWS
// rows in full (full and compact answer), a push of them (64 MB each), and issue 11's worst accepted
// pushes (bench/attack-bodies.mjs; 128 MB, the isolate's wall).
//   used  = live + not-yet-collected objects, sampled (a sample can miss a peak between two answers);
//   total = the heap V8 had committed, which does not shrink within a request: the upper bound we hold
//           to HEAP_LIMIT_MB (64). Over it, this script exits 1 and `pnpm bench` fails.
// wrangler's inspector proxy only accepts a WebSocket with an allowed Origin (we send 127.0.0.1's),
// and workerd does not answer HeapProfiler.collectGarbage, so the GC before each baseline is asked
// for but not awaited past a second; the heap snapshot that follows is what collects.
// Run: `node --experimental-websocket --import tsx bench/heap.mjs` in apps/worker (Node 20 needs the
// flag for its WebSocket; Node ≥ 22 has it built in).
import os from "node:os";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { freePort, startWrangler, testEncryptionKey } from "../test/contract/runtimes.ts";
import { badBody, validBody } from "./attack-bodies.mjs";
import { apiClient, sheetFromCache } from "./lib.mjs";

const size = Number(process.env.BENCH_SIZE ?? 10_000);
const rowsWanted = Number(process.env.BENCH_ROWS ?? 10_000);
const limitMb = Number(process.env.HEAP_LIMIT_MB ?? 64);
/** Issue 11's bound for the worst accepted pushes: the isolate's wall. */
const attackLimitMb = Number(process.env.ATTACK_LIMIT_MB ?? 128);
const MB = 2 ** 20;

/** A minimal DevTools protocol client over the inspector's WebSocket. */
async function inspector(port) {
  let targets = [];
  for (let i = 0; i < 100 && targets.length === 0; i++) {
    try {
      targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
    } catch {}
    if (targets.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  const target = targets.find((t) => t.webSocketDebuggerUrl);
  if (!target) throw new Error(`no inspector target on ${port}`);
  // wrangler's inspector proxy refuses an upgrade without an allowed Origin when a User-Agent is
  // sent (Node's WebSocket sends one): say we are a local DevTools.
  const ws = new WebSocket(target.webSocketDebuggerUrl, {
    headers: { origin: "http://127.0.0.1" },
  });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)(msg);
      waiting.delete(msg.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      waiting.set(n, (msg) =>
        msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result),
      );
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return { send, close: () => ws.close(), title: target.title };
}

/** Runs `op` while sampling the isolate's heap; returns MB figures. */
async function measure(cdp, op) {
  // workerd's inspector does not always answer HeapProfiler.collectGarbage (seen 2026-12-03), but
  // a heap snapshot makes V8 collect everything first: the baseline is then the live heap only, and
  // an operation no longer starts from the previous one's garbage (the push started from the
  // review's 51 MB before).
  await cdp.send("HeapProfiler.enable");
  await Promise.race([
    cdp.send("HeapProfiler.collectGarbage"),
    new Promise((r) => setTimeout(r, 1000)),
  ]);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  const base = await cdp.send("Runtime.getHeapUsage");
  let peakUsed = base.usedSize;
  let peakTotal = base.totalSize;
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const h = await cdp.send("Runtime.getHeapUsage");
      samples++;
      peakUsed = Math.max(peakUsed, h.usedSize);
      peakTotal = Math.max(peakTotal, h.totalSize);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t0 = performance.now();
  const result = await op();
  const ms = performance.now() - t0;
  running = false;
  await sampler;
  const after = await cdp.send("Runtime.getHeapUsage");
  peakUsed = Math.max(peakUsed, after.usedSize);
  peakTotal = Math.max(peakTotal, after.totalSize);
  return {
    result,
    ms,
    samples,
    baseMb: base.usedSize / MB,
    peakUsedMb: peakUsed / MB,
    peakTotalMb: peakTotal / MB,
  };
}

const standIn = await createStandIn({ size, seed: 7, hostname: "127.0.0.1", port: 0 });
const inspectorPort = await freePort();
const rt = await startWrangler({
  adminPulseUrl: standIn.url,
  offices: ["bench"],
  vars: { CONNECTION_ENCRYPTION_KEY: testEncryptionKey() },
  inspectorPort,
  wranglerArgs: ["--inspector-ip", "127.0.0.1"],
});
const rows = [];
let cdp;
try {
  const { key } = rt.offices.bench;
  const api = apiClient(rt.base, key);
  await api("PUT", "/v1/connection", { kind: "token", token: standIn.token });
  cdp = await inspector(inspectorPort);

  // Every step of a full sync, one measurement each (the largest is reported).
  const steps = [];
  for (let i = 0; i < 200; i++) {
    const m = await measure(cdp, () => api("POST", "/v1/sync", {}));
    steps.push(m);
    console.error(
      `step ${i}: ${m.result.outcome}, peak committed ${(m.peakTotalMb).toFixed(1)} MB`,
    );
    if (m.result.outcome === "completed") break;
    if (m.result.outcome !== "progress") throw new Error(`sync: ${JSON.stringify(m.result)}`);
  }
  const worstStep = steps.reduce((a, b) => (b.peakTotalMb > a.peakTotalMb ? b : a));
  rows.push({
    name: `one sync step (worst of ${steps.length}, ${size.toLocaleString("en")} relations)`,
    ...worstStep,
  });

  // The review and the push: the cached clients as sheet rows, one in ten with a new e-mail.
  const sheet = await sheetFromCache(api, rowsWanted);

  const review = await measure(cdp, () => api("POST", "/v1/reconcile", { rows: sheet }));
  rows.push({
    name: `one review, POST /v1/reconcile, ${sheet.length.toLocaleString("en")} rows in full, full answer`,
    ...review,
  });
  const compact = await measure(cdp, () =>
    api("POST", "/v1/reconcile", { rows: sheet, answer: "compact" }),
  );
  rows.push({
    name: `one review, ${sheet.length.toLocaleString("en")} rows in full, compact answer (the add-in's)`,
    ...compact,
  });
  const overwrite = Object.fromEntries(
    review.result.matching
      .filter((m) => m.differences.some((d) => d.field === "email"))
      .map((m) => [m.id, ["email"]]),
  );
  const push = await measure(cdp, () =>
    api(
      "POST",
      "/v1/imports",
      { source: "bench", createdBy: "bench", rows: sheet, choices: { overwrite, add: [] } },
      { "idempotency-key": crypto.randomUUID() },
    ),
  );
  rows.push({
    name: `one push, POST /v1/imports, ${sheet.length.toLocaleString("en")} rows`,
    ...push,
  });

  // Issue 11: the worst pushes the per-request limits still accept (bench/attack-bodies.mjs), held
  // to the isolate's own wall (128 MB) rather than the 64 MB of an ordinary push.
  for (const [name, make] of [
    ["worst accepted push (issue 11): every row invalid", badBody],
    ["worst accepted push (issue 11): every row a new client", validBody],
  ]) {
    const { text, rows: n, links } = make();
    const m = await measure(cdp, async () => {
      const res = await fetch(`${rt.base}/v1/imports`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "idempotency-key": crypto.randomUUID(),
        },
        body: text,
      });
      const answer = await res.text();
      if (res.status !== 201) throw new Error(`${name}: ${res.status} ${answer.slice(0, 300)}`);
      return JSON.parse(answer);
    });
    rows.push({
      name: `${name}, ${n.toLocaleString("en")} rows, ${links.toLocaleString("en")} links, ${(text.length / MB).toFixed(1)} MiB`,
      limitMb: attackLimitMb,
      ...m,
    });
  }
} finally {
  cdp?.close();
  await rt.stop();
  await standIn.close();
}

const f = (n) => n.toFixed(1);
console.log(`
Isolate heap (V8 Runtime.getHeapUsage over the DevTools inspector of \`wrangler dev --local\`);
${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}.

| operation | heap before | peak used (sampled) | peak committed heap | samples | wall | limit |
|---|---:|---:|---:|---:|---:|---:|`);
for (const r of rows)
  console.log(
    `| ${r.name} | ${f(r.baseMb)} MB | ${f(r.peakUsedMb)} MB | ${f(r.peakTotalMb)} MB | ${r.samples} | ${(r.ms / 1000).toFixed(1)} s | ${r.limitMb ?? limitMb} MB |`,
  );
const over = rows.filter((r) => r.peakTotalMb > (r.limitMb ?? limitMb));
console.log(JSON.stringify(rows.map(({ result: _r, ...r }) => r)));
if (over.length) {
  console.error(
    `\nHEAP LIMIT EXCEEDED: ${over.map((r) => `${r.name}: ${f(r.peakTotalMb)} MB > ${r.limitMb ?? limitMb} MB`).join("; ")}`,
  );
  process.exit(1);
}
