#!/usr/bin/env node
// Runs every package's tests one after the other (the machine has 2 cores; parallel suites fight
// over them and over ports), streams their output, and ends with one plain summary line.
import { spawn } from "node:child_process";
import { offlineEnv } from "./offline-env.mjs";

const suites = [
  "@pulsebridge/core",
  "@pulsebridge/adminpulse",
  "@pulsebridge/kbo",
  "@pulsebridge/worker",
  "@pulsebridge/excel-addin",
  "@pulsebridge/e2e",
];
// The ANSI colour codes vitest prints, so the summary lines can be read.
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
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
];
for (const [label, args] of only.length === 0 ? checks : []) {
  process.stdout.write(`\n=== check: ${label} ===\n`);
  const { code } = await run("pnpm", args);
  if (code !== 0) broken.push(`check: ${label}`);
}

for (const name of suites.filter((s) => only.length === 0 || only.some((o) => s.includes(o)))) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const { code, out } = await run("pnpm", ["--filter", name, "--if-present", "run", "test"]);
  // vitest's summary: "Tests  2 failed | 40 passed | 1 skipped (43)"; a package may run several
  // vitest projects (the worker: workerd, then the cross-runtime contract suite), so add them all.
  for (const line of out.split("\n").filter((l) => /^\s*Tests\s+\d/.test(l))) {
    const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    passed += count("passed");
    failed += count("failed");
    skipped += count("skipped");
  }
  if (code !== 0) broken.push(name);
}

process.stdout.write(`\n${broken.length ? `failing suites: ${broken.join(", ")}\n` : ""}`);
process.stdout.write(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
);
process.exit(broken.length ? 1 : 0);

function stripAnsi(text) {
  return text.replace(ansi, "");
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...offlineEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const tee = (stream) => (chunk) => {
      out += stripAnsi(chunk.toString());
      stream.write(chunk);
    };
    child.stdout.on("data", tee(process.stdout));
    child.stderr.on("data", tee(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}
