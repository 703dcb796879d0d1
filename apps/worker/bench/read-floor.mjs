// The read path against its floor (issue 17), on both runtimes, in one run:
//   workerd: the app under `wrangler dev --local` vs a bare Hono app (bench/floor/worker.ts) with one
//            indexed D1 select, on a second `wrangler dev` over a COPY of the app's local D1 (same
//            data; two processes on one SQLite file made the app's key look-up fail with
//            SQLITE_BUSY_SNAPSHOT now and then, which Cloudflare's D1 — one writer — never sees);
//   Bun:     the app under `bun run src/bun.ts` vs a bare Bun.serve + bun:sqlite (bench/floor/bun.ts)
//            on the SAME SQLite file.
// Same data (one office synced from a BENCH_SIZE-relation stand-in), same 50-row pages, autocannon
// with 10 connections on 127.0.0.1. App and floor alternate in short rounds (BENCH_ROUNDS ×
// BENCH_SECONDS each) so machine load hits both alike; the ratios are what to read, not the
// absolute figures. Run: `node --import tsx bench/read-floor.mjs` in apps/worker (part of `pnpm bench`).
// BENCH_RUNTIMES=bun and BENCH_CASES={id},changes narrow a run to some runtimes and reads.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { devArgs, offlineEnv } from "@pulsebridge/wrangler-local";
import autocannon from "autocannon";
import {
  freePort,
  startBun,
  startWrangler,
  testEncryptionKey,
  workerDir,
} from "../test/contract/runtimes.ts";
import { apiClient } from "./lib.mjs";

const size = Number(process.env.BENCH_SIZE ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const only = (process.env.BENCH_RUNTIMES ?? "wrangler,bun").split(",");
/** Optional: only the reads whose name contains one of these (e.g. `BENCH_CASES={id}`). */
const onlyCases = process.env.BENCH_CASES?.split(",");
const page = 50;

async function waitHealthy(base, child, out) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`floor exited:\n${out()}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`floor did not start:\n${out()}`);
}

/** Starts the floor for a running app: wrangler on a copy of the app's persist dir, or Bun on its file. */
async function startFloor(rt) {
  const port = await freePort();
  // Bun's floor opens the file read-only (WAL readers never lock out the app); wrangler's floor
  // gets its own copy, taken after the sync, while nothing writes.
  const copy = rt.name === "wrangler" ? mkdtempSync(path.join(os.tmpdir(), "pb-floor-")) : null;
  if (copy) cpSync(rt.data, copy, { recursive: true });
  const [cmd, args, env] =
    rt.name === "wrangler"
      ? [
          path.join(workerDir, "node_modules/.bin/wrangler"),
          devArgs({ config: "bench/floor/wrangler.jsonc", port, persistTo: copy }),
          offlineEnv,
        ]
      : ["bun", ["run", "bench/floor/bun.ts"], { DATABASE_PATH: rt.data, PORT: String(port) }];
  const child = spawn(cmd, args, {
    cwd: workerDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  child.stdout.on("data", (d) => (text += d));
  child.stderr.on("data", (d) => (text += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (copy) rmSync(copy, { recursive: true, force: true });
  };
  try {
    await waitHealthy(base, child, () => text);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, pgid: child.pid, stop };
}

/** Clock ticks a second, the unit of /proc's CPU times. */
const ticks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/**
 * CPU time (ms, user + system) of every live process in process group `pgid`: the server under
 * load, wrangler's workerd included. Throughput on 2 cores shared with autocannon moves with the
 * load from round to round; the CPU a server spends per request does much less, so the table
 * reports both (issue 17).
 */
function groupCpuMs(pgid) {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command's closing parenthesis: state, ppid, pgrp, …, utime (14), stime (15).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) === pgid) total += Number(f[11]) + Number(f[12]);
  }
  return (total * 1000) / ticks;
}

async function syncAll(rt, key) {
  const api = apiClient(rt.base, key, rt.name);
  await api("PUT", "/v1/connection", { kind: "token", token: standIn.token });
  for (let i = 0; i < 200; i++) {
    // A step that dies (local workerd restarts under load) is resumed by the next one.
    const r = await api("POST", "/v1/sync", {}).catch((e) => {
      if (String(e).includes(": 503 ")) return { outcome: "progress" };
      throw e;
    });
    if (r.outcome === "completed") break;
    if (r.outcome !== "progress") throw new Error(`${rt.name} sync: ${JSON.stringify(r)}`);
  }
  const sample = (await api("GET", "/v1/clients?limit=1000")).data;
  const maxSeq = Math.max(...sample.map((c) => c.changeSeq));
  return {
    ids: sample.map((c) => c.id),
    numbers: sample.map((c) => c.enterpriseNumber).filter(Boolean),
    maxSeq,
  };
}

/** The four reads: app path and floor path for the i-th request (same ids, same cursors). */
function cases(officeId, d) {
  const cursor = (i) => (i * 7919) % Math.max(1, d.maxSeq);
  return [
    ["GET /v1/clients", () => `/v1/clients?limit=${page}`, () => `/list?o=${officeId}`],
    [
      "GET /v1/clients/{id}",
      (i) => `/v1/clients/${d.ids[i % d.ids.length]}`,
      (i) => `/one/${d.ids[i % d.ids.length]}?o=${officeId}`,
    ],
    [
      "GET /v1/enterprises/{n}/client",
      (i) => `/v1/enterprises/${d.numbers[i % d.numbers.length]}/client`,
      (i) => `/enterprise/${d.numbers[i % d.numbers.length]}?o=${officeId}`,
    ],
    [
      "GET /v1/changes",
      (i) => `/v1/changes?cursor=${cursor(i)}&limit=${page}`,
      (i) => `/changes?cursor=${cursor(i)}&o=${officeId}`,
    ],
  ];
}

async function load(base, pathFor, key, pgid) {
  let i = 0;
  const server0 = groupCpuMs(pgid);
  const client0 = process.cpuUsage();
  const run = autocannon({
    url: base,
    connections: 10,
    duration: seconds,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: pathFor(i++) }) }],
  });
  // Every answer's time as autocannon measured it (fractional ms, from hrtime): its own
  // percentiles are whole milliseconds, and on Bun both sides answer in well under one, so its
  // p50s read "0 ms" and their ratio said nothing.
  const times = new Latencies();
  run.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) times.add(ms);
  });
  const r = await run;
  const client = process.cpuUsage(client0);
  const served = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    /** Server CPU µs per request (its whole process group). */
    serverUs: ((groupCpuMs(pgid) - server0) * 1000) / served,
    /** autocannon's CPU µs per request (this process: sending, parsing the answer). */
    clientUs: (client.user + client.system) / served,
    ...times.p50p99(),
    bad: r.non2xx + r.errors,
    // What the bad answers were, so a non-2xx count names its status (and whether it was the app's).
    why: [
      ...Object.entries(r.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith("2"))
        .map(([code, v]) => `${code}×${v.count}`),
      ...(r.errors ? [`errors×${r.errors} (timeouts ${r.timeouts})`] : []),
    ],
  };
}

/** Response times in ms, kept whole (a few hundred thousand a round) for exact percentiles. */
class Latencies {
  #values = new Float64Array(1 << 16);
  #n = 0;
  add(ms) {
    if (this.#n === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#n++] = ms;
  }
  /** Nearest-rank p50 and p99 from one sort (NaN with no answers). */
  p50p99() {
    const n = this.#n;
    const sorted = this.#values.slice(0, n).sort();
    const at = (p) =>
      n === 0 ? Number.NaN : sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)];
    return { p50: at(50), p99: at(99) };
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const standIn = await createStandIn({ size, seed: 7, hostname: "127.0.0.1", port: 0 });
const results = {};
const load0 = os.loadavg()[0];
try {
  for (const start of [startWrangler, startBun]) {
    if (!only.includes(start === startWrangler ? "wrangler" : "bun")) continue;
    const rt = await start({
      adminPulseUrl: standIn.url,
      offices: ["bench"],
      vars: { CONNECTION_ENCRYPTION_KEY: testEncryptionKey() },
    });
    let floor;
    try {
      const { key, officeId } = rt.offices.bench;
      const data = await syncAll(rt, key);
      const rows = [];
      for (const [name, appPath, floorPath] of cases(officeId, data)) {
        if (onlyCases && !onlyCases.some((c) => name.includes(c))) continue;
        // The floor starts for the first read; on workerd each read gets a fresh app and floor.
        // Local workerd keeps memory for every D1 read it serves, the bare floor's too, until V8's
        // heap limit aborts it: the app, which also served the sync, died in the last read of
        // 6-round runs (runtimes.ts, `restart`).
        if (!floor || rt.restart) {
          await floor?.stop();
          await rt.restart?.();
          floor = await startFloor(rt);
        }
        const app = [];
        const flo = [];
        for (let r = 0; r < rounds; r++) {
          // Alternate which goes first, so a load spike does not always hit the same side.
          if (r % 2 === 0) {
            app.push(await load(rt.base, appPath, key, rt.pgid));
            flo.push(await load(floor.base, floorPath, undefined, floor.pgid));
          } else {
            flo.push(await load(floor.base, floorPath, undefined, floor.pgid));
            app.push(await load(rt.base, appPath, key, rt.pgid));
          }
        }
        const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
        const row = {
          name,
          appRps: sum(app, "rps") / rounds,
          floorRps: sum(flo, "rps") / rounds,
          appP50: median(app.map((x) => x.p50)),
          floorP50: median(flo.map((x) => x.p50)),
          appP99: median(app.map((x) => x.p99)),
          floorP99: median(flo.map((x) => x.p99)),
          roundRatios: app.map((a, k) => +(a.rps / flo[k].rps).toFixed(2)),
          appServerUs: median(app.map((x) => x.serverUs)),
          floorServerUs: median(flo.map((x) => x.serverUs)),
          appClientUs: median(app.map((x) => x.clientUs)),
          floorClientUs: median(flo.map((x) => x.clientUs)),
          bad: sum(app, "bad") + sum(flo, "bad"),
          appBad: app.flatMap((x) => x.why).join(" ") || "none",
          floorBad: flo.flatMap((x) => x.why).join(" ") || "none",
        };
        rows.push(row);
        console.log(JSON.stringify({ runtime: rt.name, ...row }));
      }
      results[rt.name] = rows;
    } finally {
      await floor?.stop();
      await rt.stop();
    }
  }
} finally {
  await standIn.close();
}

const f0 = (n) => n.toFixed(0);
const f2 = (n) => n.toFixed(2);
console.log(`
Read path vs floor — ${size.toLocaleString("en")}-relation office, ${page}-row pages, autocannon 10 connections,
${rounds} alternating rounds × ${seconds} s per side, 127.0.0.1, ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}.
`);
for (const [rtName, rows] of Object.entries(results)) {
  console.log(`| ${rtName} | app req/s | floor req/s | throughput ratio (per round) | app p50 | floor p50 | p50 ratio | app p99 | floor p99 | server CPU µs/req app / floor | autocannon CPU µs/req app / floor | non-2xx/errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${f0(r.appRps)} | ${f0(r.floorRps)} | ${f2(r.appRps / r.floorRps)}× (${r.roundRatios.join(", ")}) | ${f2(r.appP50)} ms | ${f2(r.floorP50)} ms | ${f2(r.appP50 / r.floorP50)}× | ${f2(r.appP99)} ms | ${f2(r.floorP99)} ms | ${f0(r.appServerUs)} / ${f0(r.floorServerUs)} | ${f0(r.appClientUs)} / ${f0(r.floorClientUs)} | ${r.bad} |`,
    );
  }
  console.log("");
}
console.log(JSON.stringify({ size, seconds, rounds, results }));
