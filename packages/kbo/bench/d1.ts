/**
 * Benchmark: load a full-size synthetic dump into the worker's *local D1* through the real CLI
 * path (`kbo:load --target d1-local`, wrangler's platform proxy over a throw-away `--persist-to`),
 * then check clients through the worker's bulk path (lookupMany per 1,000 ids, as
 * POST /v1/register/check does, + checkAgainstRegister) against that D1.
 *   pnpm --filter @pulsebridge/kbo bench:d1 [-- --enterprises 2000000 --clients 10000]
 * Peak memory is the CLI's whole process tree (Node + workerd), sampled from /proc every 250 ms.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { wranglerEnv } from "@pulsebridge/wrangler-local";
import { checkAgainstRegister } from "../src/check/check.js";
import { createSqlReader } from "../src/check/register-entry.js";
import { d1Proxy } from "../src/load/d1-targets.js";
import { d1WorkerDir } from "../test/fixtures.js";
import { benchClients } from "./clients.js";

const { values } = parseArgs({
  options: {
    enterprises: { type: "string", default: "2000000" },
    clients: { type: "string", default: "10000" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.enterprises);
const CLIENTS = Number(values.clients);
const SEED = 7;
const here = import.meta.dirname;
const dir = await mkdtemp(path.join(tmpdir(), "kbo-bench-d1-"));
// A D1 binding like the worker's, in a throw-away folder.
const workerDir = await d1WorkerDir(dir);
const secs = (t0: number) => (performance.now() - t0) / 1000;
const env = wranglerEnv();

let t0 = performance.now();
const out = execFileSync(
  process.execPath,
  [
    "--import",
    "tsx",
    path.join(here, "../src/generator/cli.ts"),
    "--out",
    dir,
    "--enterprises",
    String(N),
    "--seed",
    String(SEED),
  ],
  { encoding: "utf8" },
);
const dumpPath = (out.split(" (")[0] ?? "").trim();
const generateS = secs(t0);

/** RSS of a process and all its descendants, in bytes (Linux /proc). */
async function treeRss(pid: number): Promise<number> {
  let total = 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8");
    for (const c of children.split(/\s+/).filter(Boolean)) total += await treeRss(Number(c));
  } catch {
    // the process ended between two reads
  }
  return total;
}

const persist = path.join(dir, "state");
t0 = performance.now();
const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    path.join(here, "../src/cli.ts"),
    dumpPath,
    "--target",
    "d1-local",
    "--worker-dir",
    workerDir,
    "--persist-to",
    persist,
  ],
  { env, stdio: ["ignore", "ignore", "pipe"] },
);
let stderr = "";
child.stderr.on("data", (d: Buffer) => {
  stderr += d.toString();
});
let peak = 0;
const sampler = setInterval(async () => {
  if (child.pid) peak = Math.max(peak, await treeRss(child.pid));
}, 250);
const code: number = await new Promise((r) => child.on("close", (c) => r(c ?? 1)));
clearInterval(sampler);
const loadS = secs(t0);
if (code !== 0) throw new Error(`kbo:load failed: ${stderr}`);
const rows = Number(/: (\d+) rows in/.exec(stderr)?.[1] ?? 0);
const d1Bytes = Number(
  execFileSync("du", ["-sb", path.join(persist, "v3", "d1")], { encoding: "utf8" }).split("\t")[0],
);

// The same clients as the other register benchmark (bench/clients.ts).
const clients = benchClients(SEED, N, CLIENTS);
const d1 = await d1Proxy({
  configPath: path.join(workerDir, "wrangler.jsonc"),
  persistTo: persist,
});
let queries = 0;
const reader = createSqlReader(async (sql, params) => {
  queries++;
  return d1.queryAll(sql, params);
});
t0 = performance.now();
const statuses: Record<string, number> = {};
for (let i = 0; i < clients.length; i += 1000) {
  const chunk = clients.slice(i, i + 1000);
  const snapshot = await reader.snapshotDate();
  const entries = await reader.lookupMany(chunk.map((c) => c.enterpriseNumber ?? ""));
  for (const c of chunk) {
    const r = checkAgainstRegister(
      c,
      entries.get(c.enterpriseNumber ?? "") ?? null,
      "nl",
      snapshot,
    );
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
}
const checkS = secs(t0);
await d1.close();

process.stdout.write(
  `${JSON.stringify(
    {
      enterprises: N,
      generateSeconds: Number(generateS.toFixed(1)),
      load: {
        target: "d1-local (getPlatformProxy, one exec call per 200-statement commit)",
        seconds: Number(loadS.toFixed(1)),
        rowsWritten: rows,
        rowsPerSecond: Math.round(rows / loadS),
        peakRssTree: `${(peak / 1024 / 1024).toFixed(0)} MB`,
        d1Bytes,
      },
      check: {
        clients: CLIENTS,
        requests: Math.ceil(CLIENTS / 1000),
        d1Queries: queries,
        seconds: Number(checkS.toFixed(2)),
        perClientMs: Number(((checkS * 1000) / CLIENTS).toFixed(3)),
        statuses,
      },
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
if (!values.keep) await rm(dir, { recursive: true, force: true });
else process.stderr.write(`kept ${dir}\n`);
