// The same worker on both runtimes, measured the same way (issue 7): `wrangler dev --local`
// (workerd + local D1) vs `bun run src/bun.ts` (Bun + bun:sqlite), one after the other on 127.0.0.1,
// each with a fresh database, against one AdminPulse stand-in of BENCH_SIZE (10,000) relations.
//   1. full sync through POST /v1/sync steps (production settings: 400 a page, 20 pages a step)
//   2. cached reads under load (autocannon, 10 connections × BENCH_SECONDS): list page and one client
// Run: `pnpm --filter @pulsebridge/worker bench` (after bench/run.mjs) or
//      `node --import tsx bench/compare-runtimes.mjs` in apps/worker.
// Prints a markdown table (paste into BENCHMARKS.md) and a JSON line.
import { spawnSync } from "node:child_process";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import autocannon from "autocannon";
import { startBun, startWrangler, testEncryptionKey } from "../test/contract/runtimes.ts";
import { apiClient } from "./lib.mjs";

const size = Number(process.env.BENCH_SIZE ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const bunVersion = spawnSync("bun", ["--version"], { encoding: "utf8" }).stdout.trim();
const standIn = await createStandIn({ size, seed: 7, hostname: "127.0.0.1", port: 0 });
const results = {};

async function measure(rt) {
  const key = rt.offices.bench.key;
  const api = apiClient(rt.base, key, rt.name);
  await api("PUT", "/v1/connection", { kind: "token", token: standIn.token });

  standIn.controls.resetCalls();
  const t0 = performance.now();
  let steps = 0;
  let run;
  for (;;) {
    steps++;
    const r = await api("POST", "/v1/sync", {});
    if (r.outcome === "completed") {
      run = r.run;
      break;
    }
    if (r.outcome !== "progress") throw new Error(`${rt.name} sync: ${JSON.stringify(r)}`);
  }
  const out = {
    sync: {
      ms: performance.now() - t0,
      steps,
      pages: run.pages,
      taskPages: run.taskPages,
      added: run.added,
      apiCalls: standIn.controls.calls().length,
    },
  };

  const first = await api("GET", "/v1/clients?limit=1");
  for (const [name, p] of [
    ["list100", "/v1/clients?limit=100"],
    ["one", `/v1/clients/${first.data[0].id}`],
  ]) {
    const r = await autocannon({
      url: `${rt.base}${p}`,
      connections: 10,
      duration: seconds,
      headers: { authorization: `Bearer ${key}` },
    });
    out[name] = {
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      non2xx: r.non2xx,
      errors: r.errors,
    };
  }
  return out;
}

try {
  for (const start of [startWrangler, startBun]) {
    const rt = await start({
      adminPulseUrl: standIn.url,
      offices: ["bench"],
      vars: { CONNECTION_ENCRYPTION_KEY: testEncryptionKey() },
    });
    try {
      results[rt.name] = await measure(rt);
    } finally {
      await rt.stop();
    }
  }
} finally {
  await standIn.close();
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const row = (label, f) => `| ${label} | ${f(results.wrangler)} | ${f(results.bun)} |`;
const reads = (name) => (r) =>
  `${r[name].p50} ms / ${r[name].p99} ms / ${r[name].rps.toFixed(0)}${r[name].non2xx || r[name].errors ? ` (${r[name].non2xx} non-2xx, ${r[name].errors} errors)` : ""}`;
console.log(`
| ${size.toLocaleString("en")} relations, 127.0.0.1, 2 cores | wrangler dev --local (workerd + D1) | Bun ${bunVersion} + bun:sqlite |
|---|---|---|
${row("full sync: wall time", (r) => s(r.sync.ms))}
${row("full sync: POST /v1/sync steps / relation + task pages / AdminPulse calls", (r) => `${r.sync.steps} / ${r.sync.pages} + ${r.sync.taskPages} / ${r.sync.apiCalls}`)}
${row(`GET /v1/clients?limit=100, 10 conn × ${seconds} s: p50 / p99 / req/s`, reads("list100"))}
${row(`GET /v1/clients/{id}, 10 conn × ${seconds} s: p50 / p99 / req/s`, reads("one"))}
`);
console.log(JSON.stringify(results));
