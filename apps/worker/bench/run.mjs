// Worker benchmarks over HTTP: `wrangler dev` (local D1) + the AdminPulse stand-in, both on
// 127.0.0.1 random ports. Run: `pnpm --filter @pulsebridge/worker bench` (needs tsx for the stand-in).
//   1. full sync of a 10,000-relation office at AdminPulse's 480 calls/min, vs the rate-limit bound
//   2. cached read latency under load (autocannon): list page and one client
//   3. reconcile and import of 10,000 rows through the API
// Prints a markdown table (paste into BENCHMARKS.md) and a JSON line.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { devArgs, devVarsArgs, wranglerEnv } from "@pulsebridge/wrangler-local";
import autocannon from "autocannon";
import { sheetFromCache } from "./lib.mjs";

const size = Number(process.env.BENCH_SIZE ?? 10_000);
const cwd = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = wranglerEnv();
const persist = mkdtempSync(path.join(tmpdir(), "pb-bench-"));
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const standIn = await createStandIn({ size, seed: 7, hostname: "127.0.0.1", port: 0 });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let dev;
const results = {};
try {
  const run = (args) => {
    const r = spawnSync("pnpm", ["exec", "wrangler", ...args], { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  };
  run(["d1", "migrations", "apply", "pulsebridge", "--local", "--persist-to", persist]);
  const office = JSON.parse(
    spawnSync(
      "node",
      ["scripts/create-office.mjs", "--name", "Bench", "--json", "--persist-to", persist],
      {
        cwd,
        env,
        encoding: "utf8",
      },
    ).stdout,
  );
  dev = spawn(
    "pnpm",
    [
      "exec",
      "wrangler",
      ...devArgs({ port, persistTo: persist, vars: { ADMINPULSE_BASE_URL: standIn.url } }),
      ...devVarsArgs(persist, { CONNECTION_ENCRYPTION_KEY: randomBytes(32).toString("base64") }),
    ],
    { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  for (let i = 0; ; i++) {
    if (i > 100) throw new Error("wrangler dev did not start");
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const auth = { authorization: `Bearer ${office.key}`, "content-type": "application/json" };
  const api = async (method, p, body, headers = {}) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { ...auth, ...headers },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  await api("PUT", "/v1/connection", { kind: "token", token: standIn.token });

  // 1. Full sync.
  standIn.controls.resetCalls();
  let t0 = performance.now();
  let steps = 0;
  for (;;) {
    steps++;
    const r = await api("POST", "/v1/sync", {});
    if (r.outcome === "completed") {
      results.sync = { ms: performance.now() - t0, steps, run: r.run };
      break;
    }
    if (r.outcome === "error") throw new Error(`sync error: ${JSON.stringify(r.run)}`);
  }
  const calls = standIn.controls.calls().length;
  results.sync.apiCalls = calls;
  results.sync.rateBoundMs = (calls / 480) * 60_000;

  // 2. Cached reads under load.
  const first = await api("GET", "/v1/clients?limit=1");
  const load = (p) =>
    autocannon({
      url: `${base}${p}`,
      connections: 10,
      duration: 10,
      headers: { authorization: auth.authorization },
    });
  for (const [name, p] of [
    ["list100", "/v1/clients?limit=100"],
    ["one", `/v1/clients/${first.data[0].id}`],
  ]) {
    const r = await load(p);
    results[name] = {
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      non2xx: r.non2xx,
    };
  }

  // 3. Reconcile + import of 10,000 rows: the cached clients, one in ten with a new e-mail.
  const rows = await sheetFromCache(api, 10_000);
  t0 = performance.now();
  const rec = await api("POST", "/v1/reconcile", { rows });
  results.reconcile = {
    ms: performance.now() - t0,
    rows: rows.length,
    matching: rec.matching.length,
    invalid: rec.invalid.length,
  };
  const overwrite = Object.fromEntries(
    rec.matching
      .filter((m) => m.differences.some((d) => d.field === "email"))
      .map((m) => [m.id, ["email"]]),
  );
  t0 = performance.now();
  const imp = await api(
    "POST",
    "/v1/imports",
    { source: "bench", createdBy: "bench", rows, choices: { overwrite, add: [] } },
    {
      "idempotency-key": crypto.randomUUID(),
    },
  );
  results.import = { ms: performance.now() - t0, counts: imp.counts };
} finally {
  if (dev) {
    try {
      process.kill(-dev.pid, "SIGINT");
    } catch {}
  }
  await standIn.close();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(persist, { recursive: true, force: true });
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`
| benchmark (${size.toLocaleString("en")} relations, wrangler dev --local, 127.0.0.1) | result |
|---|---|
| full sync: wall time (${results.sync.steps} POST /v1/sync steps, ${results.sync.run.pages} relation + ${results.sync.run.taskPages} task pages) | ${s(results.sync.ms)} |
| full sync: AdminPulse calls / time bound at 480 calls/min | ${results.sync.apiCalls} / ${s(results.sync.rateBoundMs)} |
| GET /v1/clients?limit=100, 10 connections × 10 s: p50 / p99 / req/s | ${results.list100.p50} ms / ${results.list100.p99} ms / ${results.list100.rps.toFixed(0)} |
| GET /v1/clients/{id}, 10 connections × 10 s: p50 / p99 / req/s | ${results.one.p50} ms / ${results.one.p99} ms / ${results.one.rps.toFixed(0)} |
| POST /v1/reconcile, ${results.reconcile.rows} rows | ${s(results.reconcile.ms)} (${results.reconcile.matching} matching, ${results.reconcile.invalid} invalid) |
| POST /v1/imports, ${results.reconcile.rows} rows | ${s(results.import.ms)} (${JSON.stringify(results.import.counts)}) |
`);
console.log(JSON.stringify(results));
