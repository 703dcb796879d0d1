/**
 * pnpm --filter @pulsebridge/kbo kbo:load <zip-or-folder> --target sqlite:<file> [--activities] [--allow-gap]
 * pnpm --filter @pulsebridge/kbo kbo:load <zip-or-folder> --emit-sql [--out <file>] [--schema]
 *
 * Loads a full dump or applies an update. Run it again after an interruption: it resumes from the
 * last checkpoint. `--emit-sql` writes the statements as SQL text (for `wrangler d1 execute --file`);
 * it cannot read the target, so it neither resumes nor checks the order of updates.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { KboFormatError, KboLoadError } from "./format/errors.js";
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
  },
});

const fail = (message: string, code = 2): never => {
  process.stderr.write(`kbo:load: ${message}\n`);
  process.exit(code);
};

const location =
  positionals[0] ?? fail("usage: kbo:load <zip-or-folder> --target sqlite:<file> | --emit-sql");
if (!values["emit-sql"] && !values.target?.startsWith("sqlite:"))
  fail("give --target sqlite:<file> or --emit-sql");

function progressBar(p: LoadProgress) {
  if (values.quiet || !process.stderr.isTTY) return;
  const ratio = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const width = 30;
  const bar = "#".repeat(Math.round(ratio * width)).padEnd(width, ".");
  process.stderr.write(
    `\r[${bar}] ${(ratio * 100).toFixed(1).padStart(5)}% ${p.rowsWritten} rows  ${p.file.padEnd(26)}`,
  );
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
    const file = (values.target as string).slice("sqlite:".length);
    // better-sqlite3 is a dev tool dependency: the worker wires its own driver.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(kboSchemaSql);
    const store = createSqlStore(sqliteAdapter(db));
    const result = await loadDump(source, store, {
      includeActivities: values.activities,
      allowGap: values["allow-gap"],
      statementsPerCommit: 200,
      onProgress: progressBar,
    });
    db.close();
    const resumed = result.resumedFrom
      ? ` (resumed at ${result.resumedFrom.file} line ${result.resumedFrom.line})`
      : "";
    process.stderr.write(
      `\n${result.meta.extractType} extract ${result.meta.extractNumber} (snapshot ${result.meta.snapshotDate}) loaded${resumed}: ${result.rowsWritten} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
} catch (e) {
  if (e instanceof KboFormatError || e instanceof KboLoadError) fail(`${e.code}: ${e.message}`, 1);
  throw e;
} finally {
  await source.close();
}
