/**
 * Benchmark: load a full-size synthetic dump into SQLite (better-sqlite3), then check clients.
 *   pnpm --filter @pulsebridge/kbo bench [-- --enterprises 2000000 --clients 10000 --zip]
 * The dump is generated in a child process first, so this process's peak RSS is the load's and
 * the check's alone.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { checkAgainstRegister } from "../src/check/check.js";
import { createSqlReader } from "../src/check/register-entry.js";
import { loadDump } from "../src/load/loader.js";
import { kboSchemaSql } from "../src/load/schema-sql.js";
import { openDump } from "../src/load/source.js";
import { createSqlStore } from "../src/load/sql-store.js";
import { sqliteAdapter } from "../src/load/sqlite-adapter.js";
import { benchClients } from "./clients.js";

const { values } = parseArgs({
  options: {
    enterprises: { type: "string", default: "2000000" },
    clients: { type: "string", default: "10000" },
    zip: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.enterprises);
const CLIENTS = Number(values.clients);
const SEED = 7;
const here = path.dirname(new URL(import.meta.url).pathname);
const dir = await mkdtemp(path.join(tmpdir(), "kbo-bench-"));
const secs = (t0: number) => (performance.now() - t0) / 1000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

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
    ...(values.zip ? ["--zip"] : []),
  ],
  { encoding: "utf8" },
);
const dumpPath = (out.split(" (")[0] ?? "").trim();
const generateS = secs(t0);
const dumpSize = (await stat(dumpPath)).isDirectory()
  ? Number(execFileSync("du", ["-sb", dumpPath], { encoding: "utf8" }).split("\t")[0])
  : (await stat(dumpPath)).size;

const dbFile = path.join(dir, "register.sqlite");
const db = new Database(dbFile);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(kboSchemaSql);
const adapter = sqliteAdapter(db);
const store = createSqlStore(adapter);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

t0 = performance.now();
const source = await openDump(dumpPath);
const result = await loadDump(source, store, { statementsPerCommit: 200 });
await source.close();
const loadS = secs(t0);
const counts = Object.fromEntries(
  ["kbo_enterprises", "kbo_establishments", "kbo_denominations", "kbo_addresses", "kbo_codes"].map(
    (t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n],
  ),
);

const reader = createSqlReader(adapter.queryAll);
// The same clients as the other register benchmark (bench/clients.ts).
const clients = benchClients(SEED, N, CLIENTS);
t0 = performance.now();
const statuses: Record<string, number> = {};
const snapshot = await reader.snapshotDate();
for (const c of clients) {
  const entry = c.enterpriseNumber ? await reader.lookup(c.enterpriseNumber) : null;
  const r = checkAgainstRegister(c, entry, c.language === "fr" ? "fr" : "nl", snapshot);
  statuses[r.status] = (statuses[r.status] ?? 0) + 1;
}
const checkS = secs(t0);
clearInterval(sampler);
const maxRss = process.resourceUsage().maxRSS * 1024;
const dbSize = (await stat(dbFile)).size;
db.close();

const report = {
  enterprises: N,
  snapshotDate: result.meta.snapshotDate,
  generate: { seconds: Number(generateS.toFixed(1)), dumpBytes: dumpSize, zip: values.zip },
  load: {
    seconds: Number(loadS.toFixed(1)),
    rowsWritten: result.rowsWritten,
    rowsPerSecond: Math.round(result.rowsWritten / loadS),
    peakRss: mb(Math.max(peakRss, maxRss)),
    databaseBytes: dbSize,
    counts,
  },
  check: {
    clients: CLIENTS,
    seconds: Number(checkS.toFixed(2)),
    perClientMs: Number(((checkS * 1000) / CLIENTS).toFixed(3)),
    statuses,
  },
  node: process.version,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (!values.keep) await rm(dir, { recursive: true, force: true });
else process.stderr.write(`kept ${dir}\n`);
