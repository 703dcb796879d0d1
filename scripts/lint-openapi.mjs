#!/usr/bin/env node
// Static check: builds the worker's OpenAPI document (the one /openapi.json serves) and lints it with
// Redocly (redocly.yaml: recommended rules as errors, plus descriptions and examples). Offline: no
// telemetry, no update check, no remote $refs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "pulsebridge-openapi-"));
const file = join(dir, "openapi.json");
// Redocly: no telemetry, no update notice (with these set, strace shows no outbound connection).
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;
try {
  let code = run("pnpm", [
    "--filter",
    "@pulsebridge/worker",
    "exec",
    "tsx",
    "scripts/openapi.ts",
    file,
  ]);
  if (code === 0)
    code = run("pnpm", [
      "exec",
      "redocly",
      "lint",
      file,
      "--config",
      "redocly.yaml",
      "--max-problems",
      "200",
    ]);
  process.exitCode = code;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
