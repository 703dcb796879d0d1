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
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];

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
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
process.exit(broken.length ? 1 : 0);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...offlineEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const tee = (stream) => (chunk) => {
      out += chunk.toString().replace(/\x1b\[[0-9;]*m/g, "");
      stream.write(chunk);
    };
    child.stdout.on("data", tee(process.stdout));
    child.stderr.on("data", tee(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}
