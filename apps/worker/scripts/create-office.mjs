#!/usr/bin/env node
// Creates an office and its first admin key in D1, and prints the key once.
//   pnpm create-office --name "Kantoor Peeters"            (local D1, as `wrangler dev` uses)
//   pnpm create-office --name "Kantoor Peeters" --remote   (the deployed database)
// Options: --office-id <id> (default: random), --key <pb_…> (use this key, e.g. PULSEBRIDGE_DEMO_KEY),
//          --database <name> (default: pulsebridge), --json (machine-readable output).
// Re-running with the same --office-id and --key changes nothing (idempotent, for `pnpm start`).
//
// The office is made by the worker's own code (services/office.ts `createOfficeWithKey`, which the
// Bun entry's create-office runs too) over a database whose statements go through
// `wrangler d1 execute`: reads one by one, the write as one file (all or nothing). Run it with tsx
// (`node --import tsx`), which `pnpm create-office` does.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { apiKeyFormat, parseApiKey } from "@pulsebridge/core/api-key";
import { wranglerEnv } from "@pulsebridge/wrangler-local";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { KeyCollisionError } from "../src/auth/issue-key.ts";
import * as schema from "../src/db/schema/index.ts";
import { createOfficeWithKey } from "../src/services/office.ts";

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    "office-id": { type: "string" },
    key: { type: "string" },
    database: { type: "string", default: "pulsebridge" },
    remote: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    "persist-to": { type: "string" },
    "key-name": { type: "string", default: "First admin key" },
  },
});
if (!values.name) {
  console.error(
    "usage: create-office.mjs --name <office name> [--remote] [--office-id id] [--key pb_…]",
  );
  process.exit(2);
}
if (values.key && !parseApiKey(values.key)) {
  console.error(`--key must look like ${apiKeyFormat}`);
  process.exit(2);
}

const cwd = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const where = [values.remote ? "--remote" : "--local"].concat(
  values["persist-to"] ? ["--persist-to", values["persist-to"]] : [],
);
const wrangler = (args) => {
  const res = spawnSync(
    "pnpm",
    ["exec", "wrangler", "d1", "execute", values.database, ...where, ...args],
    { cwd, stdio: ["ignore", "pipe", "pipe"], env: wranglerEnv(), encoding: "utf8" },
  );
  if (res.status !== 0) {
    process.stderr.write(res.stderr ?? "");
    console.error(
      "wrangler d1 execute failed (did you apply the migrations? `pnpm --filter @pulsebridge/worker dev` does)",
    );
    process.exit(1);
  }
  return res.stdout;
};

/** A bound value as an SQL literal: `wrangler d1 execute` takes SQL text only. */
const literal = (v) =>
  v === null || v === undefined
    ? "null"
    : typeof v === "number" || typeof v === "bigint"
      ? String(v)
      : typeof v === "boolean"
        ? String(Number(v))
        : `'${String(v).replaceAll("'", "''")}'`;
const inline = (sql, params) => {
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]));
};

// Reads go one by one (`--command`, rows back as JSON); a write alone is refused: every write of
// createOfficeWithKey goes through `$atomic`, one `--file`, which D1 runs all or nothing.
const db = drizzle(
  async (sql, params, method) => {
    if (method === "run") throw new Error("create-office writes only through $atomic");
    const [answer] = JSON.parse(wrangler(["--json", "--command", inline(sql, params)]));
    const rows = answer.results.map((row) => Object.values(row));
    return { rows: method === "get" ? rows[0] : rows };
  },
  { schema },
);
db.$atomic = async (queries) => {
  const dir = mkdtempSync(path.join(tmpdir(), "pb-office-"));
  const file = path.join(dir, "office.sql");
  writeFileSync(file, queries.map((q) => `${inline(q.sql, q.params)};\n`).join(""));
  try {
    wrangler(["--file", file, "--yes"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

let made;
try {
  made = await createOfficeWithKey(db, {
    name: values.name,
    ...(values["office-id"] ? { officeId: values["office-id"] } : {}),
    ...(values.key ? { key: values.key } : {}),
    keyName: values["key-name"],
  });
} catch (err) {
  if (!(err instanceof KeyCollisionError)) throw err;
  console.error(err.message);
  process.exit(1);
}
process.stdout.write(
  values.json
    ? `${JSON.stringify(made)}\n`
    : `\nOffice ${values.name} (${made.officeId})\nAdmin API key (shown once, store it now):\n\n  ${made.key}\n\n`,
);
