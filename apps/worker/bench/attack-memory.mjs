// Memory under the attacks of issue 11, in `pnpm bench` (never in `pnpm test`): a keyless flood
// (8 concurrent chunked 15 MiB posts without a key, 3 rounds) and the worst push the API accepts
// (10,000 rows, each with as many bad links as fit in MAX_IMPORT_BODY_BYTES). Each must stay under
// LIMIT_MB (128) of growth; above it this script exits 1 and `pnpm bench` fails.
//
// Where: the Bun entry (`bun run src/bun.ts`: the same app, routes, middleware and import code as
// the Worker, over SQLite), because the heap of an isolate under `wrangler dev` could not be read
// (issue 17's bench/heap.mjs: the inspector WebSocket refused the connection on this machine).
// What: the server process's peak resident memory (Linux VmHWM, reset before each scenario through
// /proc/<pid>/clear_refs) minus its resident memory at the start of the scenario. The JS heap lives
// inside that, so RSS growth is an upper bound of heap growth (it also counts SQLite's page cache
// and native buffers). No sampling: the kernel keeps the peak, so a short spike is not missed.
// Run: `pnpm --filter @pulsebridge/worker bench:memory` (node --import tsx bench/attack-memory.mjs).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { bunCreateOffice, spawnBun, testEncryptionKey } from "../test/contract/runtimes.ts";

const limitMb = Number(process.env.LIMIT_MB ?? 128);
const MB = 2 ** 20;
const dir = mkdtempSync(path.join(os.tmpdir(), "pb-attack-memory-"));
const dbFile = path.join(dir, "pulsebridge.sqlite");

const office = bunCreateOffice(dbFile, "Memory bench");
const bun = await spawnBun(dbFile, { CONNECTION_ENCRYPTION_KEY: testEncryptionKey() });
const pid = bun.child.pid;

const status = () => readFileSync(`/proc/${pid}/status`, "utf8");
const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status())?.[1] ?? 0) * 1024;

/** Peak RSS growth of the server while `op` runs, in MB. */
async function measure(op) {
  writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
  const base = kb("VmRSS");
  const t0 = performance.now();
  const result = await op();
  const ms = performance.now() - t0;
  return { growthMb: (kb("VmHWM") - base) / MB, baseMb: base / MB, ms, result };
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

/** 10,000 rows with as many bad links each as fit in 15.5 MiB: the most issues an accepted push has. */
function worstPushBody() {
  const link = { role: "koning", startDate: "morgen" };
  const row = (i, links) => ({
    ref: `w-${i}`,
    kind: "company",
    name: `Versterker ${i} BV`,
    links: Array.from({ length: links }, () => link),
  });
  const perLink = JSON.stringify(link).length + 1;
  const links = Math.floor((15.5 * MB) / 10_000 / perLink) - 1;
  const rows = Array.from({ length: 10_000 }, (_, i) => row(i, links));
  return {
    links,
    text: JSON.stringify({
      source: "bench",
      createdBy: "bench",
      rows,
      choices: { overwrite: {}, add: [] },
    }),
  };
}

async function worstPush() {
  const { links, text } = worstPushBody();
  const res = await fetch(new URL("/v1/imports", bun.base), {
    method: "POST",
    headers: {
      authorization: `Bearer ${office.key}`,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: text,
  });
  const answer = await res.text();
  if (res.status !== 201) throw new Error(`push answered ${res.status}: ${answer.slice(0, 200)}`);
  return `10,000 rows × ${links} bad links (${(text.length / MB).toFixed(1)} MiB) → 201, answer ${(answer.length / MB).toFixed(2)} MiB`;
}

const rows = [];
let failed = false;
try {
  // Warm-up: the first request compiles the routes.
  await fetch(new URL("/health", bun.base));
  for (const [name, op] of [
    ["keyless flood", flood],
    ["worst accepted push", worstPush],
  ]) {
    const m = await measure(op);
    const ok = m.growthMb < limitMb;
    failed ||= !ok;
    rows.push(
      `| ${name} | ${m.result} | ${m.baseMb.toFixed(0)} MB | **${m.growthMb.toFixed(1)} MB** | ${(m.ms / 1000).toFixed(1)} s | ${ok ? "ok" : `OVER ${limitMb} MB`} |`,
    );
  }
} finally {
  bun.child.kill("SIGTERM");
  await bun.exited;
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nAttack memory (Bun ${process.versions.bun ?? "entry"}, peak RSS growth of the server; limit ${limitMb} MB)`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)}`,
);
console.log("| scenario | what | RSS at start | growth (peak) | time | bound |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
if (failed) {
  console.error(`\nFAILED: a scenario grew the server's memory by ${limitMb} MB or more.`);
  process.exit(1);
}
