/**
 * `pnpm bench` (this package): the product's figures, measured on real processes on 127.0.0.1 —
 * the stand-in AdminPulse (in this process, at its real 480 calls/min limit), the worker under
 * `wrangler dev --local` (workerd + local D1, default config: 400 relations/page, 20 pages/step).
 * At each office size (BENCH_SIZES, default 1,000 / 10,000 / 100,000 relations):
 *   1. Full sync vs its rate-limit bound (issue 17): wall time against calls ÷ 480/min plus the D1
 *      write time the run measured itself (`sync_runs.write_ms`; first sync minus a re-sync of the
 *      unchanged data beside it), 429s, calls vs relation + task pages (first sync and re-sync).
 *   2. Growth: client rows written per sync (client_history rows), review time (POST /v1/reconcile
 *      of up to 10,000 rows), read latency, D1 bytes per client, history bytes per client.
 *   3. Per sync step (one POST /v1/sync = one Worker invocation): CPU time and peak RSS of the
 *      workerd processes, against the Workers limits (30 s CPU, 128 MB memory).
 * Writes results/latest.md. BENCH_SECONDS for autocannon (default 8); BENCH_SYNC_ONLY=1 measures the
 * syncs and rows written only (no review, no reads). BENCH_GROWTH_ONLY=1 measures the review, the
 * reads and the storage only: the office is filled by one sync WITHOUT the 480/min pacing (stand-in
 * and worker at 10,000 calls/min, so only D1 and the isolate set its speed) and not re-synced, so
 * 100,000 relations take minutes, not the paced sync's ~5; its sync figures are not the bound's.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { api, createOffice, d1Execute, type Stack, startStack } from "@pulsebridge/stack";
// @ts-expect-error: the worker bench's plain-JS helper (no types), shared so both benches send the same rows
import { sheetFromCache } from "@pulsebridge/worker/bench/lib";
import autocannon from "autocannon";
import { callLog, clientVersions, cpuSeconds, d1FileBytes, rssMb, workerdPids } from "./measure.js";

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const syncOnly = process.env.BENCH_SYNC_ONLY === "1";
const growthOnly = process.env.BENCH_GROWTH_ONLY === "1";
if (syncOnly && growthOnly)
  throw new Error("BENCH_SYNC_ONLY and BENCH_GROWTH_ONLY exclude each other");
/** The unpaced fill of BENCH_GROWTH_ONLY: the worker's highest setting, and a stand-in that allows it. */
const unpacedCalls = 10_000;
/** Rows of the review (`POST /v1/reconcile`) timed at each size: the office, at most one request's. */
const reviewRows = (size: number) => Math.min(size, 10_000);

/** Steps that died with a local workerd restart (503), across the whole benchmark. */
let restarts = 0;

type Step = { wallMs: number; cpuS: number; peakRssMb: number; outcome: string; pages: number };

/** Runs sync steps until the run completes, sampling workerd's CPU and memory around each. */
async function measuredSync(stack: Stack, key: string): Promise<Step[]> {
  const pids = workerdPids(stack);
  const steps: Step[] = [];
  for (let i = 0; i < 500; i++) {
    let peak = rssMb(pids);
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb(pids));
    }, 25);
    const cpu0 = cpuSeconds(pids);
    const t0 = performance.now();
    const res = await api(stack.worker.url, key, "POST", "/v1/sync", {});
    const wallMs = performance.now() - t0;
    clearInterval(timer);
    const outcome = res.json?.outcome ?? res.json?.code ?? String(res.status);
    steps.push({
      wallMs,
      cpuS: cpuSeconds(pids) - cpu0,
      peakRssMb: Math.max(peak, rssMb(pids)),
      outcome,
      pages: res.json?.run?.pages ?? 0,
    });
    if (outcome === "completed") return steps;
    // Local workerd restarts under memory pressure (503 "restarted mid-request"): the run resumes
    // from its last checkpoint on the next step, as on Cloudflare; the restart is counted.
    if (res.status === 503) restarts++;
    else if (res.status >= 400 && outcome !== "sync_busy")
      throw new Error(`sync: ${res.status} ${res.text}`);
  }
  throw new Error("sync did not complete");
}

type SizeResult = {
  size: number;
  /** Filled by BENCH_GROWTH_ONLY's unpaced sync: no bound figures, no re-sync. */
  unpaced: boolean;
  clients: number;
  wallS: number;
  steps: number;
  pages: number;
  taskPages: number;
  calls: number;
  /** `/users` calls of the first sync; the re-sync's calls (the nightly run's) and its `/users`. */
  users: number;
  resyncCalls: number;
  resyncUsers: number;
  http429: number;
  callsPerMin: number;
  busiest60s: number;
  /** Calls at 480/min, evenly spaced (the bound). */
  paceS: number;
  resyncS: number;
  /** The first sync's D1 write batches, timed by the run itself (sync_runs.write_ms). */
  writeS: number;
  /** First sync minus the re-sync of unchanged data (the earlier estimate of the write time). */
  diffS: number;
  /** Client rows written (client versions) by the first sync and by the re-sync. */
  rowsFirst: number;
  rowsResync: number;
  addedUpdated: string;
  storageBytes: number;
  historyBytes: number;
  reviewRows: number;
  reviewS: number;
  maxStepCpuS: number;
  meanStepCpuS: number;
  maxStepWallS: number;
  peakRssMb: number;
  baseRssMb: number;
};

const fmt = (n: number, d = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (n: number) => n.toLocaleString("en-US");
const results: SizeResult[] = [];
const reads: {
  size: number;
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}[] = [];
const load0 = os.loadavg()[0] ?? 0;

for (const size of sizes) {
  process.stdout.write(`\n== ${int(size)} relations ==\n`);
  const standIn = await createStandIn({
    size,
    seed: "bench",
    ...(growthOnly ? { rateLimit: { limit: unpacedCalls, windowMs: 60_000 } } : {}),
  });
  const stack = await startStack({
    standIn: { url: standIn.url, token: standIn.token },
    harness: false,
    ...(growthOnly ? { vars: { ADMINPULSE_CALLS_PER_MINUTE: String(unpacedCalls) } } : {}),
  });
  try {
    const { key } = await createOffice(stack.persistDir, { name: `Bench ${size}` });
    const put = await api(stack.worker.url, key, "PUT", "/v1/connection", {
      kind: "token",
      token: standIn.token,
    });
    if (put.status !== 200) throw new Error(`connect: ${put.text}`);
    const baseRssMb = rssMb(workerdPids(stack));
    standIn.controls.resetCalls();
    const v0 = await clientVersions(stack);
    const t0 = performance.now();
    const steps = await measuredSync(stack, key);
    const wallS = (performance.now() - t0) / 1000;
    const log = callLog(standIn);
    const v1 = await clientVersions(stack);
    // Re-sync of unchanged data: same calls and hashing, no client rows written.
    standIn.controls.resetCalls();
    const t1 = performance.now();
    const again = growthOnly ? [] : await measuredSync(stack, key);
    const resyncS = (performance.now() - t1) / 1000;
    const log2 = callLog(standIn);
    const v2 = await clientVersions(stack);
    // The D1 write time each run measured itself (lease writer, sync_runs.write_ms; ADR 0026).
    const writeMs = (
      (await d1Execute(
        stack.persistDir,
        "select write_ms as w from sync_runs where kind = 'full' order by started_at",
      )) as { w: number }[]
    ).map((x) => Number(x.w) / 1000);
    const runs = await api(stack.worker.url, key, "GET", "/v1/sync/runs?limit=2");
    const first = runs.json.data[growthOnly ? 0 : 1];
    const clients = first?.added ?? 0;
    const review = syncOnly ? { rows: 0, s: 0 } : await timedReview(stack, key, reviewRows(size));
    for (const x of syncOnly ? [] : await readApi(stack, key)) {
      reads.push({ size, ...x });
      console.log(JSON.stringify({ size, ...x }));
    }
    const all = [...steps, ...again];
    const r: SizeResult = {
      size,
      unpaced: growthOnly,
      clients,
      wallS,
      steps: steps.length,
      pages: first?.pages ?? 0,
      taskPages: first?.taskPages ?? 0,
      calls: log.calls,
      users: log.users,
      resyncCalls: log2.calls,
      resyncUsers: log2.users,
      http429: log.http429 + log2.http429,
      callsPerMin: log.calls / (wallS / 60),
      busiest60s: log.busiest60s,
      paceS: log.calls / 8,
      resyncS,
      writeS: writeMs.at(growthOnly ? -1 : -2) ?? 0,
      diffS: Math.max(0, wallS - resyncS),
      rowsFirst: v1.n - v0.n,
      rowsResync: v2.n - v1.n,
      addedUpdated: `${int(first?.added ?? 0)} / ${int(first?.updated ?? 0)}`,
      storageBytes: d1FileBytes(stack.persistDir),
      historyBytes: v2.bytes,
      reviewRows: review.rows,
      reviewS: review.s,
      maxStepCpuS: Math.max(...all.map((s) => s.cpuS)),
      meanStepCpuS: steps.reduce((a, s) => a + s.cpuS, 0) / steps.length,
      maxStepWallS: Math.max(...all.map((s) => s.wallMs)) / 1000,
      peakRssMb: Math.max(...all.map((s) => s.peakRssMb)),
      baseRssMb,
    };
    results.push(r);
    console.log(JSON.stringify(r));
  } finally {
    await stack.stop();
    await standIn.close();
  }
}

/** One review of the cached clients as sheet rows (one in ten with a new e-mail), timed. */
async function timedReview(stack: Stack, key: string, rows: number) {
  const get = async (method: string, p: string, body?: unknown) => {
    const res = await api(stack.worker.url, key, method, p, body);
    if (res.status >= 300)
      throw new Error(`${method} ${p}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json;
  };
  const sheet = await sheetFromCache(get, rows);
  const t0 = performance.now();
  await get("POST", "/v1/reconcile", { rows: sheet });
  return { rows: sheet.length, s: (performance.now() - t0) / 1000 };
}

/** The cached reads under autocannon: a 50-row list page and one client by id. */
async function readApi(stack: Stack, key: string) {
  const list = await api(stack.worker.url, key, "GET", "/v1/clients?limit=1000");
  const ids = (list.json.data as { id: string }[]).map((c) => c.id);
  let i = 0;
  const cases: [string, () => string][] = [
    ["GET /v1/clients?limit=50", () => "/v1/clients?limit=50"],
    ["GET /v1/clients/{id}", () => `/v1/clients/${ids[i++ % ids.length]}`],
  ];
  const out = [];
  for (const [name, next] of cases) {
    const res = await autocannon({
      url: stack.worker.url,
      connections: 10,
      duration: seconds,
      headers: { authorization: `Bearer ${key}` },
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: next() }) }],
    });
    out.push({
      name,
      rps: res.requests.average,
      p50: res.latency.p50,
      p99: res.latency.p99,
      non2xx: res.non2xx,
    });
  }
  return out;
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const ratio = (r: SizeResult) => r.wallS / (r.paceS + r.writeS);
const lines = [
  "# pulsebridge — whole-product benchmark (`pnpm --filter @pulsebridge/bench bench`)",
  "",
  `Machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average ${fmt(load0)} → ${fmt(os.loadavg()[0] ?? 0)}.`,
  "Worker: `wrangler dev --local` (workerd + local D1, SQLite on disk), default config (400 relations/page,",
  "20 pages per step, 480 AdminPulse calls/min). AdminPulse: the stand-in in the benchmark's own process,",
  "with its real 480/min sliding-window limit. One office per size.",
  ...(growthOnly
    ? [
        "",
        `BENCH_GROWTH_ONLY=1: each office filled by one sync at ${int(unpacedCalls)} calls/min (stand-in and worker), not re-synced; no bound figures.`,
      ]
    : []),
  "",
  "## Full sync at its rate-limit bound",
  "",
  "| relations | wall time | AdminPulse calls (relation + task pages + `/users`) | re-sync calls (`/users`) | 429s | busiest 60 s | calls ÷ 480/min | D1 write time* | bound (sum) | wall ÷ bound | first − re-sync | steps |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...results
    .filter((r) => !r.unpaced)
    .map(
      (r) =>
        `| ${int(r.size)} | ${fmt(r.wallS)} s | ${r.calls} (${r.pages} + ${r.taskPages} + ${r.users}) | ${r.resyncCalls} (${r.resyncUsers}) | ${r.http429} | ${r.busiest60s} / 480 | ${fmt(r.paceS)} s | ${fmt(r.writeS)} s | ${fmt(r.paceS + r.writeS)} s | ${fmt(ratio(r), 2)}× | ${fmt(r.diffS)} s | ${r.steps} |`,
    ),
  "",
  `Steps that died with a local workerd restart (503, resumed by the next step): ${restarts}.`,
  "",
  "\\* the first sync's D1 write batches, timed by the run itself (`sync_runs.write_ms`, ADR 0026). Reads",
  "overlap writes (one page read ahead), so wall time can be below the bound. `first − re-sync`: the",
  "earlier estimate (both make the same calls and hash every record; the re-sync writes no client rows).",
  "",
  "## Growth with the office",
  "",
  `| relations | clients | first sync | re-sync | client rows written: first sync (added / updated) | re-sync | review (rows) | list p50 | get p50 | D1 file per client | history per client |`,
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...results.map((r) => {
    const rd = (name: string) => reads.find((x) => x.size === r.size && x.name.startsWith(name));
    const sync = r.unpaced
      ? `${fmt(r.wallS)} s (unpaced fill) | —`
      : `${fmt(r.wallS)} s | ${fmt(r.resyncS)} s`;
    return `| ${int(r.size)} | ${int(r.clients)} | ${sync} | ${int(r.rowsFirst)} (${r.addedUpdated}) | ${int(r.rowsResync)} | ${fmt(r.reviewS, 2)} s (${int(r.reviewRows)}) | ${rd("GET /v1/clients?")?.p50 ?? "?"} ms | ${rd("GET /v1/clients/{id}")?.p50 ?? "?"} ms | ${int(Math.round(r.storageBytes / Math.max(1, r.clients)))} B | ${int(Math.round(r.historyBytes / Math.max(1, r.clients)))} B |`;
  }),
  "",
  "Client rows written = `client_history` rows added (one per client row written, by the history triggers).",
  "D1 file = the local SQLite file and WAL after both syncs (clients, indexes, history, sync bookkeeping).",
  "",
  "## One sync step (= one Worker invocation) vs the Workers limits",
  "",
  "| relations | max CPU per step | mean CPU per step | max wall per step | workerd RSS before → peak | limit |",
  "| ---: | ---: | ---: | ---: | ---: | --- |",
  ...results.map(
    (r) =>
      `| ${int(r.size)} | ${fmt(r.maxStepCpuS, 2)} s | ${fmt(r.meanStepCpuS, 2)} s | ${fmt(r.maxStepWallS, 2)} s | ${fmt(r.baseRssMb, 0)} → ${fmt(r.peakRssMb, 0)} MB | 30 s CPU, 128 MB |`,
  ),
  "",
  "How: CPU is utime+stime of *all* workerd processes of the `wrangler dev` group (/proc/<pid>/stat) across",
  "one `POST /v1/sync`, so it includes workerd's own HTTP, the local D1 (SQLite runs inside workerd here, not",
  "in a separate service as on Cloudflare) and the outgoing fetches: an upper bound on the isolate's CPU.",
  "Memory is the peak resident size of those processes sampled every 25 ms (runtime and SQLite cache",
  "included; the isolate heap is measured by the worker's `bench:heap`).",
  "",
  `## Read API under load (autocannon, 10 connections, ${seconds} s each)`,
  "",
  "| relations | endpoint | requests/s | p50 | p99 | non-2xx |",
  "| ---: | --- | ---: | ---: | ---: | ---: |",
  ...reads.map(
    (x) =>
      `| ${int(x.size)} | \`${x.name}\` | ${fmt(x.rps, 0)} | ${x.p50} ms | ${x.p99} ms | ${x.non2xx} |`,
  ),
  "",
];
writeFileSync(path.join(import.meta.dirname, "results/latest.md"), `${lines.join("\n")}\n`);
console.log(`\n${lines.join("\n")}`);
