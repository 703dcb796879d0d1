/**
 * pnpm kbo:load <zip-or-folder> --target <target> [--activities] [--allow-gap] [--quiet]
 *
 * Targets:
 *   sqlite:<file>  a SQLite file (the Bun self-host's database, or a standalone register)
 *   d1-local       the worker's local D1 (its .wrangler/state, as `wrangler dev` uses it)
 *   d1-remote      Cloudflare's D1, one `wrangler d1 execute --remote --file` per commit
 *   --emit-sql     SQL text instead (for `wrangler d1 execute --file`); neither resumes nor checks order
 *
 * D1 options: --worker-dir <dir> (the folder of the worker's wrangler.jsonc; default the current
 * folder, so `pnpm kbo:load` at the root, which runs `kbo-load` in the worker, needs none),
 * --database <name> (default pulsebridge),
 * --persist-to <dir> (local state folder), --via wrangler (d1-local through wrangler's CLI) or
 * --via batch (d1-local with one atomic D1 batch per commit instead of one exec call),
 * --batch <n> statements per commit.
 *
 * Loads a full dump or applies an update. Run it again after an interruption: it resumes from the
 * last checkpoint, which is committed with the rows it covers.
 */

import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { KboFormatError, KboLoadError } from "./format/errors.js";
import { type D1Target, d1Proxy, wranglerExec } from "./load/d1-targets.js";
import { type LoadProgress, loadDump } from "./load/loader.js";
import { kboSchemaSql } from "./load/schema-sql.js";
import { openDump } from "./load/source.js";
import { createSqlStore, inlineSql } from "./load/sql-store.js";
import { sqliteAdapter } from "./load/sqlite-adapter.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    target: { type: "string" },
    "emit-sql": { type: "boolean", default: false },
    out: { type: "string" },
    schema: { type: "boolean", default: false },
    activities: { type: "boolean", default: false },
    "allow-gap": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "worker-dir": { type: "string" },
    database: { type: "string", default: "pulsebridge" },
    "persist-to": { type: "string" },
    via: { type: "string" },
    batch: { type: "string" },
  },
});

const fail = (message: string, code = 2): never => {
  process.stderr.write(`kbo:load: ${message}\n`);
  process.exit(code);
};

const usage =
  "usage: kbo:load <zip-or-folder> --target sqlite:<file> | d1-local | d1-remote | --emit-sql";
const location = positionals[0] ?? fail(usage);
const target = z
  .union([z.literal("d1-local"), z.literal("d1-remote"), z.string().regex(/^sqlite:.+/)])
  .optional()
  .safeParse(values.target);
if (!target.success || (!values["emit-sql"] && !target.data)) fail(usage);
const batch = values.batch
  ? z.coerce.number().int().min(1).max(5000).safeParse(values.batch)
  : null;
if (batch && !batch.success) fail("--batch must be a whole number of statements, 1 to 5000");

function progressBar(p: LoadProgress) {
  if (values.quiet || !process.stderr.isTTY) return;
  const ratio = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const width = 30;
  const bar = "#".repeat(Math.round(ratio * width)).padEnd(width, ".");
  process.stderr.write(
    `\r[${bar}] ${(ratio * 100).toFixed(1).padStart(5)}% ${p.rowsWritten} rows  ${p.file.padEnd(26)}`,
  );
}

/** Opens the target: where rows go, how many statements per commit, and how to close it. */
async function openTarget(
  spec: string,
): Promise<D1Target & { statementsPerCommit: number; label: string }> {
  if (spec.startsWith("sqlite:")) {
    const file = spec.slice("sqlite:".length);
    // Loaded only here: the worker (Bun) wires its own driver.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(kboSchemaSql);
    return {
      ...sqliteAdapter(db),
      close: async () => void db.close(),
      statementsPerCommit: 200,
      label: file,
    };
  }
  // This package does not know where the worker lives: the worker runs this CLI in its own folder.
  const workerDir = path.resolve(values["worker-dir"] ?? process.cwd());
  if (!existsSync(path.join(workerDir, "wrangler.jsonc")))
    fail(`no wrangler.jsonc in ${workerDir}: give --worker-dir <the worker's folder>`);
  const persistTo = values["persist-to"] ? path.resolve(values["persist-to"]) : undefined;
  if (spec === "d1-local" && values.via !== "wrangler") {
    const t = await d1Proxy({
      configPath: path.join(workerDir, "wrangler.jsonc"),
      mode: values.via === "batch" ? "batch" : "exec",
      ...(persistTo ? { persistTo } : {}),
    });
    return { ...t, statementsPerCommit: 200, label: "local D1" };
  }
  const t = await wranglerExec({
    cwd: workerDir,
    database: values.database,
    mode: spec === "d1-remote" ? "remote" : "local",
    wrangler: path.join(import.meta.dirname, "../node_modules/.bin/wrangler"),
    ...(persistTo ? { persistTo } : {}),
  });
  // Each commit is a wrangler process (seconds): large commits, still far below D1's limits.
  return {
    ...t,
    statementsPerCommit: 2000,
    label: spec === "d1-remote" ? `D1 ${values.database} (remote)` : "local D1 (wrangler)",
  };
}

const started = performance.now();
const source = await openDump(location);
try {
  if (values["emit-sql"]) {
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, "drain");
    };
    if (values.schema) await write(`${kboSchemaSql}\n`);
    const store = createSqlStore({
      execBatch: async (statements) => write(`${statements.map(inlineSql).join("\n")}\n`),
      queryAll: async () => [],
    });
    const result = await loadDump(source, store, {
      includeActivities: values.activities,
      checkOrder: false,
      onProgress: values.out ? progressBar : undefined,
    });
    if (values.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, "finish");
    }
    process.stderr.write(
      `\n${result.meta.extractType} extract ${result.meta.extractNumber} (snapshot ${result.meta.snapshotDate}): ${result.rowsWritten} rows as SQL\n`,
    );
  } else {
    const t = await openTarget(target.data as string);
    try {
      const store = createSqlStore(t);
      const result = await loadDump(source, store, {
        includeActivities: values.activities,
        allowGap: values["allow-gap"],
        statementsPerCommit: batch?.success ? batch.data : t.statementsPerCommit,
        onProgress: progressBar,
      });
      const resumed = result.resumedFrom
        ? ` (resumed at ${result.resumedFrom.file} line ${result.resumedFrom.line})`
        : "";
      process.stderr.write(
        `\n${result.meta.extractType} extract ${result.meta.extractNumber} (snapshot ${result.meta.snapshotDate}) loaded into ${t.label}${resumed}: ${result.rowsWritten} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await t.close();
    }
  }
} catch (e) {
  if (e instanceof KboFormatError || e instanceof KboLoadError) fail(`${e.code}: ${e.message}`, 1);
  throw e;
} finally {
  await source.close();
}
