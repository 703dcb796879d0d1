#!/usr/bin/env node
// `pnpm bench`: every package's benchmark, one after another (they measure; running them side by
// side on two cores would measure each other). `pnpm bench core` runs only the matching ones.
import { spawnSync } from "node:child_process";
import { wranglerEnv } from "@pulsebridge/wrangler-local";

const suites = [
  "@pulsebridge/core",
  "@pulsebridge/adminpulse",
  "@pulsebridge/kbo",
  "@pulsebridge/excel-addin",
  "@pulsebridge/worker",
  "@pulsebridge/bench",
];
const only = process.argv.slice(2);
let failed = 0;
for (const name of suites.filter((s) => only.length === 0 || only.some((o) => s.includes(o)))) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync("pnpm", ["--filter", name, "--if-present", "run", "bench"], {
    stdio: "inherit",
    env: wranglerEnv(),
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
