// Memory under the attacks of issue 11, in `pnpm bench` (never in `pnpm test`): a keyless flood
// (8 concurrent chunked 15 MiB posts without a key, 3 rounds) and the worst pushes the API accepts,
// at every per-request limit at once (10,000 rows, maxLinksPerRequest links, the 16 MiB body):
// every row invalid (the most strings parsed and issues counted) and every row a new client (the
// most stored). The worst push before the links cap (10,000 rows × 40 bad links) is pushed too and
// must now be refused. Each scenario must stay under LIMIT_MB (128) of growth; above it this script
// exits 1 and `pnpm bench` fails. SCENARIO=<part of a name> runs only the matching ones.
//
// Where: the Bun entry (`bun run src/bun.ts`: the same app, routes, middleware and import code as
// the Worker, over SQLite), because the heap of an isolate under `wrangler dev` could not be read
// (issue 17's bench/heap.mjs: the inspector WebSocket refused the connection on this machine).
// What: the server process's peak resident memory (Linux VmHWM, reset before each scenario through
// /proc/<pid>/clear_refs) minus its resident memory at the start of the scenario; a fresh server
// per scenario, warmed up by a one-row push. The JS heap lives
// inside that, so RSS growth is an upper bound of heap growth (it also counts SQLite's page cache
// and native buffers). No sampling: the kernel keeps the peak, so a short spike is not missed.
// A push of 2,000 rows or more collects garbage between its phases on Bun (src/imports/phase-gc.ts):
// without it the worst pushes grew RSS by 150–170 MB, each phase's garbage held into the next.
// Run: `pnpm --filter @pulsebridge/worker bench:memory` (node --import tsx bench/attack-memory.mjs).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { bunCreateOffice, spawnBun, testEncryptionKey } from "../test/contract/runtimes.ts";
import { badBody, oldWorstBody, validBody } from "./attack-bodies.mjs";

const limitMb = Number(process.env.LIMIT_MB ?? 128);
const MB = 2 ** 20;
const dir = mkdtempSync(path.join(os.tmpdir(), "pb-attack-memory-"));
const dbFile = path.join(dir, "pulsebridge.sqlite");

const office = bunCreateOffice(dbFile, "Memory bench");
/** The server of the scenario running now: each scenario gets a fresh process (no garbage left over). */
let bun;
let pid;

const status = () => readFileSync(`/proc/${pid}/status`, "utf8");
const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status())?.[1] ?? 0) * 1024;

const probeFile = path.join(dir, "heap-probe.json");
/** The JS heap's peaks since the last call (bench/bun-heap-probe.ts, preloaded), then a reset. */
async function heapProbe() {
  rmSync(probeFile, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      return JSON.parse(readFileSync(probeFile, "utf8"));
    } catch {}
  }
  throw new Error("the Bun server's heap probe did not answer");
}

/**
 * Peak RSS growth of the server while `op` runs, in MB, and the peaks of its JS heap (JSC): used,
 * capacity (reserved for cells) and the cells' memory outside the heap, each less its start.
 */
async function measure(op) {
  await heapProbe(); // collects, and starts the JS heap's peaks from here
  writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
  const base = kb("VmRSS");
  const t0 = performance.now();
  const result = await op();
  const ms = performance.now() - t0;
  const growthMb = (kb("VmHWM") - base) / MB;
  const h = await heapProbe();
  const grew = (k) => (h.peak[k] - h.base[k]) / MB;
  return {
    growthMb,
    baseMb: base / MB,
    ms,
    result,
    heap: { used: grew("used"), capacity: grew("capacity"), extra: grew("extra") },
  };
}

/** A chunked POST without a key, writing up to `total` bytes until the server answers. */
function keylessChunked(total) {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const req = http.request(new URL("/v1/imports", bun.base), {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      done = true;
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, sent }));
      req.destroy();
    });
    req.on("error", (e) => (done ? undefined : reject(e)));
    const write = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!done) req.end();
    };
    write();
  });
}

async function flood() {
  const answers = [];
  for (let round = 0; round < 3; round++)
    answers.push(...(await Promise.all(Array.from({ length: 8 }, () => keylessChunked(15 * MB)))));
  if (answers.some((a) => a.status !== 401)) throw new Error("a keyless post was not refused");
  return `${answers.length} keyless posts, all 401; at most ${(Math.max(...answers.map((a) => a.sent)) / MB).toFixed(1)} MiB sent before the answer`;
}

/** POST /v1/imports of `text` with the office's key, to the server running now. */
const postImport = (text) =>
  fetch(new URL("/v1/imports", bun.base), {
    method: "POST",
    headers: {
      authorization: `Bearer ${office.key}`,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: text,
  });

async function push(body, expected) {
  const { text, rows, links } = body;
  const res = await postImport(text);
  const answer = await res.text();
  if (res.status !== expected)
    throw new Error(`push answered ${res.status}: ${answer.slice(0, 300)}`);
  const counts = res.status === 201 ? JSON.parse(answer).counts : null;
  const what = counts
    ? `${counts.created} created, ${counts.rejected} rejected`
    : JSON.parse(answer).code;
  return `${rows.toLocaleString("en")} rows, ${links.toLocaleString("en")} links, ${(Buffer.byteLength(text) / MB).toFixed(1)} MiB → ${res.status} (${what}), answer ${(answer.length / MB).toFixed(2)} MiB`;
}

/** A small push, so that the measured request does not also compile the import code. */
async function warmUp() {
  await fetch(new URL("/health", bun.base));
  const res = await postImport(
    JSON.stringify({
      source: "bench",
      createdBy: "bench",
      rows: [{ ref: "warm", kind: "company", name: "Opwarming BV", links: [{ role: "koning" }] }],
      choices: { overwrite: {}, add: [] },
    }),
  );
  if (res.status !== 201) throw new Error(`warm-up push answered ${res.status}`);
}

const rows = [];
let failed = false;
const scenarios = [
  ["keyless flood", null, flood],
  ["worst accepted push: every row invalid", badBody, 201],
  ["worst accepted push: every row a new client", validBody, 201],
  ["refused push: 10,000 rows × 40 bad links (the worst before the links cap)", oldWorstBody, 413],
];
const only = process.env.SCENARIO; // e.g. SCENARIO=invalid: run the scenarios whose name has it
try {
  for (const [name, make, expected] of scenarios) {
    if (only && !name.includes(only)) continue;
    const body = make?.(); // built before the server starts: only the server is measured
    bun = await spawnBun(dbFile, {
      CONNECTION_ENCRYPTION_KEY: testEncryptionKey(),
      BUN_OPTIONS: `--preload=${path.join(import.meta.dirname, "bun-heap-probe.ts")}`,
      PULSEBRIDGE_HEAP_PROBE: probeFile,
    });
    pid = bun.child.pid;
    try {
      await warmUp();
      const m = await measure(body ? () => push(body, expected) : expected);
      const ok = m.growthMb < limitMb;
      failed ||= !ok;
      rows.push(
        `| ${name} | ${m.result} | ${m.baseMb.toFixed(0)} MB | **${m.growthMb.toFixed(1)} MB** | ${m.heap.used.toFixed(1)} / ${m.heap.capacity.toFixed(1)} / ${m.heap.extra.toFixed(1)} MB | ${(m.ms / 1000).toFixed(1)} s | ${ok ? "ok" : `OVER ${limitMb} MB`} |`,
      );
    } finally {
      bun.child.kill("SIGTERM");
      await bun.exited;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nAttack memory (Bun ${process.versions.bun ?? "entry"}, peak RSS growth of the server; limit ${limitMb} MB)`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)}`,
);
console.log(
  "| scenario | what | RSS at start | RSS growth (peak) | JS heap growth: used / capacity / outside (sampled) | time | bound |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
if (failed) {
  console.error(`\nFAILED: a scenario grew the server's memory by ${limitMb} MB or more.`);
  process.exit(1);
}
