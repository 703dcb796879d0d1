#!/usr/bin/env node
// Regenerates src/schema.d.ts from the worker's OpenAPI document (the one /openapi.json serves) with
// openapi-typescript. `--check` (a static check in `pnpm test`) fails when the committed file differs:
// a route or schema changed without regenerating the client's types.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkg = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const committed = path.join(pkg, "src/schema.d.ts");
const check = process.argv.includes("--check");
const dir = mkdtempSync(path.join(tmpdir(), "pulsebridge-client-"));
const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
try {
  const doc = path.join(dir, "openapi.json");
  const raw = path.join(dir, "schema.d.ts");
  run("pnpm", ["--filter", "@pulsebridge/worker", "exec", "tsx", "scripts/openapi.ts", doc], pkg);
  // `--default-non-nullable false`: a property with a default may be absent on the wire (the
  // compact reconcile answer leaves defaults out), so its type stays optional; zod applies it.
  run(
    "pnpm",
    ["exec", "openapi-typescript", doc, "--default-non-nullable", "false", "-o", raw],
    pkg,
  );
  // Formatted as the repository formats it (through stdin: Biome only reads files under the root).
  const fmt = spawnSync("pnpm", ["exec", "biome", "format", `--stdin-file-path=${committed}`], {
    cwd: pkg,
    input: readFileSync(raw),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (fmt.status !== 0) process.exit(fmt.status ?? 1);
  if (!check) writeFileSync(committed, fmt.stdout);
  else if (fmt.stdout !== readFileSync(committed, "utf8")) {
    console.error(
      "packages/client/src/schema.d.ts is out of date: run `pnpm --filter @pulsebridge/client generate`.",
    );
    process.exit(1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
