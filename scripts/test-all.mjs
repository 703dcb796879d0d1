#!/usr/bin/env node
// Runs every package's tests one after the other (the machine has 2 cores; parallel suites fight
// over them and over ports), streams their output, and ends with one plain summary line. The
// counts come from vitest's JSON report, not from its text output.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { wranglerEnv } from "@pulsebridge/wrangler-local";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Cheap suites first, the end-to-end suite last.
const suiteDirs = [
  "packages/wrangler-local",
  "packages/core",
  "packages/client",
  "packages/adminpulse",
  "packages/adminpulse-stand-in",
  "packages/kbo",
  "apps/worker",
  "apps/excel-addin",
  "test",
];
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];

// Static checks first, on a full run: types, lint, the committed Worker types match wrangler.jsonc,
// and the Worker bundles for deployment. They count as failures but never stop the tests.
const checks = [
  ["typecheck", ["typecheck"]],
  ["lint", ["lint"]],
  ["worker types up to date", ["--filter", "@pulsebridge/worker", "run", "check:types"]],
  ["worker deploy --dry-run", ["--filter", "@pulsebridge/worker", "run", "check:deploy"]],
  ["openapi lint (redocly)", ["run", "lint:openapi"]],
  [
    "client types match /openapi.json",
    ["--filter", "@pulsebridge/client", "run", "check:generated"],
  ],
];
for (const [label, args] of only.length === 0 ? checks : []) {
  process.stdout.write(`\n=== check: ${label} ===\n`);
  const code = await run("pnpm", args, root);
  if (code !== 0) broken.push(`check: ${label}`);
}

const reports = mkdtempSync(path.join(tmpdir(), "pb-test-all-"));
try {
  for (const dir of suiteDirs) {
    const pkg = JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"));
    if (only.length > 0 && !only.some((o) => pkg.name.includes(o))) continue;
    process.stdout.write(`\n=== ${pkg.name} ===\n`);
    // A package may run several vitest configs (the worker: workerd, then the cross-runtime
    // contract suite); each writes its own JSON report, and the counts add up.
    const runs = vitestRuns(pkg);
    for (const [i, config] of runs.entries()) {
      const report = path.join(reports, `${pkg.name.replace(/\W/g, "_")}-${i}.json`);
      const args = ["exec", "vitest", "run", ...(config ? ["-c", config] : [])];
      args.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
      const code = await run("pnpm", args, path.join(root, dir));
      const counts = readReport(report);
      if (counts) {
        passed += counts.passed;
        failed += counts.failed;
        skipped += counts.skipped;
      }
      const label = runs.length > 1 ? `${pkg.name} (${config ?? "vitest.config"})` : pkg.name;
      if (code !== 0 || !counts?.success) broken.push(counts ? label : `${label}: no JSON report`);
    }
  }
} finally {
  rmSync(reports, { recursive: true, force: true });
}

process.stdout.write(`\n${broken.length ? `failing suites: ${broken.join(", ")}\n` : ""}`);
process.stdout.write(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
);
process.exit(broken.length ? 1 : 0);

/**
 * The vitest configs a package's `test` script runs: `vitest run` joined by `&&`, each with an
 * optional `-c <config>` (undefined: the default config). Anything else is refused, so a changed
 * script cannot silently drop out of the count.
 */
function vitestRuns(pkg) {
  const script = pkg.scripts?.test;
  if (!script) return [];
  return script.split("&&").map((part) => {
    const m = part.trim().match(/^vitest run(?:\s+-c\s+(\S+))?$/);
    if (!m) throw new Error(`${pkg.name}: cannot count the test script part "${part.trim()}"`);
    return m[1];
  });
}

/** passed / failed / skipped from a vitest JSON report; null when vitest wrote none. */
function readReport(file) {
  let json;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
    // A file that fails to load has no failed test but fails the run.
    success: json.success && json.numFailedTestSuites === 0,
  };
}

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: wranglerEnv(), stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}
