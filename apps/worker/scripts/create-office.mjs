#!/usr/bin/env node
// Creates an office and its first admin key in D1, and prints the key once.
//   node scripts/create-office.mjs --name "Kantoor Peeters"            (local D1, as `wrangler dev` uses)
//   node scripts/create-office.mjs --name "Kantoor Peeters" --remote   (the deployed database)
// Options: --office-id <id> (default: random), --key <pb_…> (use this key, e.g. PULSEBRIDGE_DEMO_KEY),
//          --database <name> (default: pulsebridge), --json (machine-readable output).
// Re-running with the same --office-id and --key changes nothing (idempotent, for `pnpm start`).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  apiKeyFormat,
  generateApiKey,
  hashApiKeySecret,
  parseApiKey,
} from "@pulsebridge/core/api-key";
import { wranglerEnv } from "@pulsebridge/wrangler-local";

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

// The key format, generator and stored hash are core's, as in the worker (src/auth/api-key.ts).
const key = values.key ?? generateApiKey().key;
const parsed = parseApiKey(key);
if (!parsed) {
  console.error(`--key must look like ${apiKeyFormat}`);
  process.exit(2);
}
const { prefix, secret } = parsed;
const secretHash = await hashApiKeySecret(secret);
const officeId = values["office-id"] ?? randomUUID();
const now = Date.now();
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

const cwd = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const where = [values.remote ? "--remote" : "--local"].concat(
  values["persist-to"] ? ["--persist-to", values["persist-to"]] : [],
);
const wrangler = (args, stdio) =>
  spawnSync("pnpm", ["exec", "wrangler", "d1", "execute", values.database, ...where, ...args], {
    cwd,
    stdio,
    env: wranglerEnv(),
    encoding: "utf8",
  });

// The same rule as the API and the Bun command (src/auth/issue-key.ts): a given key whose prefix
// another key holds (another office, or another secret) is refused, and nothing is created.
if (values.key) {
  const found = wrangler(
    [
      "--json",
      "--command",
      `select office_id, secret_hash from api_keys where prefix = '${prefix}'`,
    ],
    ["ignore", "pipe", "pipe"],
  );
  if (found.status !== 0) {
    process.stderr.write(found.stderr ?? "");
    console.error("wrangler d1 execute failed (did you apply the migrations?)");
    process.exit(1);
  }
  const owner = JSON.parse(found.stdout)[0]?.results?.[0];
  if (owner && (owner.office_id !== officeId || owner.secret_hash !== secretHash)) {
    console.error(
      `A key with prefix ${prefix} already belongs to another office or has another secret; ` +
        "nothing was created. Leave out --key to get a new key, or pass another one.",
    );
    process.exit(1);
  }
}

const sql = `
insert into offices (id, name, change_seq, created_at) values (${q(officeId)}, ${q(values.name)}, 0, ${now})
  on conflict (id) do nothing;
insert into sync_state (office_id) values (${q(officeId)}) on conflict (office_id) do nothing;
insert into api_keys (id, office_id, prefix, secret_hash, role, name, created_at)
  select ${q(randomUUID())}, ${q(officeId)}, ${q(prefix)}, ${q(secretHash)}, 'admin', ${q(values["key-name"])}, ${now}
  where not exists (select 1 from api_keys
    where prefix = ${q(prefix)} and office_id = ${q(officeId)} and secret_hash = ${q(secretHash)});
`;

const dir = mkdtempSync(path.join(tmpdir(), "pb-office-"));
const file = path.join(dir, "office.sql");
writeFileSync(file, sql);
const res = wrangler(
  ["--file", file, "--yes"],
  values.json ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
);
rmSync(dir, { recursive: true, force: true });
if (res.status !== 0) {
  if (values.json) process.stderr.write(res.stderr ?? "");
  console.error(
    "wrangler d1 execute failed (did you apply the migrations? `pnpm --filter @pulsebridge/worker dev` does)",
  );
  process.exit(1);
}
if (values.json) {
  process.stdout.write(`${JSON.stringify({ officeId, key })}\n`);
} else {
  process.stdout.write(
    `\nOffice ${values.name} (${officeId})\nAdmin API key (shown once, store it now):\n\n  ${key}\n\n`,
  );
}
