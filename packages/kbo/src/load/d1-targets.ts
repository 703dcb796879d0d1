/**
 * The worker's D1 as a load target, from Node. Two ways in:
 *
 * - `d1Proxy`: wrangler's `getPlatformProxy` opens the worker's *local* D1 (the same
 *   `.wrangler/state/v3` files `wrangler dev` and `wrangler d1 execute --local` use) in one
 *   workerd process; each commit is one `DB.batch()`, so it is atomic, and nothing is spawned per
 *   chunk. This is the `d1-local` target.
 * - `wranglerExec`: one `wrangler d1 execute --file` per commit (`--remote` for Cloudflare's D1,
 *   `--local` to prove the path here). Each file ends with its checkpoint row; statements are
 *   idempotent, so a file that failed half-way is simply replayed on resume. This is `d1-remote`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { wranglerEnv } from "@pulsebridge/wrangler-local";
import { kboSchemaSql } from "./schema-sql.js";
import { type ExecBatch, inlineSql, type QueryAll, type SqlStatement } from "./sql-store.js";

const run = promisify(execFile);

/** kboSchemaSql as single statements (D1 prepares one statement at a time). */
export function schemaStatements(): SqlStatement[] {
  // Comments first: one of them holds a semicolon.
  return kboSchemaSql
    .split("\n")
    .filter((l) => !l.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((sql) => ({ sql, params: [] }));
}

export interface D1Target {
  execBatch: ExecBatch;
  queryAll: QueryAll;
  close(): Promise<void>;
}

/** The minimal D1 surface we use (the proxy's binding). */
interface D1Like {
  prepare(sql: string): {
    bind(...values: unknown[]): { all<T>(): Promise<{ results: T[] }> };
  };
  batch(statements: unknown[]): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

export async function d1Proxy(options: {
  /** The worker's wrangler config (its D1 binding and state folder). */
  configPath: string;
  binding?: string;
  /** Like wrangler's `--persist-to` (default the worker's `.wrangler/state`). */
  persistTo?: string;
  /** `exec` (default): one call per commit; `batch`: one atomic D1 batch per commit, slower here. */
  mode?: "exec" | "batch";
}): Promise<D1Target> {
  // wrangler is a dev tool of this package; imported lazily so the sqlite target never loads it.
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<Record<string, unknown>>({
    configPath: options.configPath,
    // wrangler's --persist-to names the folder that holds `v3`; the proxy wants `v3` itself.
    persist: options.persistTo ? { path: path.join(options.persistTo, "v3") } : true,
    remoteBindings: false,
    envFiles: [],
  });
  const db = proxy.env[options.binding ?? "DB"] as D1Like | undefined;
  if (!db) {
    await proxy.dispose();
    throw new Error(`no D1 binding ${options.binding ?? "DB"} in ${options.configPath}`);
  }
  const batch: ExecBatch = async (statements) => {
    await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
  };
  // Through the proxy every prepare() and bind() is a round trip to workerd; exec() sends a whole
  // commit as one call. exec is not one transaction, but every statement is idempotent and the
  // checkpoint is the commit's last statement, so a commit cut short is replayed on resume.
  const execBatch: ExecBatch =
    options.mode === "batch"
      ? batch
      : async (statements) => {
          // exec separates statements by line: a value holding a line break goes the slow way.
          const multiline = statements.some((s) =>
            s.params.some((p) => typeof p === "string" && /[\r\n]/.test(p)),
          );
          if (multiline) await batch(statements);
          else await db.exec(statements.map((s) => inlineSql(s)).join("\n"));
        };
  await batch(schemaStatements());
  return {
    execBatch,
    queryAll: async (sql, params) =>
      (
        await db
          .prepare(sql)
          .bind(...params)
          .all<Record<string, unknown>>()
      ).results,
    close: () => proxy.dispose(),
  };
}

export async function wranglerExec(options: {
  /** The worker folder (where its wrangler config is). */
  cwd: string;
  database: string;
  mode: "remote" | "local";
  persistTo?: string;
  /** The wrangler binary; default the one installed for this package. */
  wrangler?: string;
}): Promise<D1Target> {
  const bin = options.wrangler ?? "wrangler";
  const dir = await mkdtemp(path.join(tmpdir(), "kbo-d1-"));
  const common = [
    "d1",
    "execute",
    options.database,
    `--${options.mode}`,
    ...(options.persistTo ? ["--persist-to", options.persistTo] : []),
  ];
  const env = wranglerEnv();
  const wrangler = async (args: string[]) => {
    try {
      return await run(bin, [...common, ...args], {
        cwd: options.cwd,
        env,
        maxBuffer: 256 << 20,
      });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      // wrangler prints the failing statement, never credentials (it reads them from its own store).
      throw new Error(
        `wrangler d1 execute failed: ${(err.stderr || err.stdout || err.message).trim().slice(0, 2000)}`,
      );
    }
  };
  let n = 0;
  const execBatch: ExecBatch = async (statements) => {
    const file = path.join(dir, `chunk-${n++}.sql`);
    await writeFile(file, `${statements.map(inlineSql).join("\n")}\n`);
    await wrangler(["--file", file, "--yes"]);
    await rm(file, { force: true });
  };
  await execBatch(schemaStatements());
  return {
    execBatch,
    queryAll: async (sql, params) => {
      const { stdout } = await wrangler(["--command", inlineSql({ sql, params }), "--json"]);
      const parsed = JSON.parse(stdout) as { results?: Record<string, unknown>[] }[];
      return parsed[0]?.results ?? [];
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
