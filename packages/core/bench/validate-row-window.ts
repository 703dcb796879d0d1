/**
 * validateRow's steady state under callgrind with the instrumentation on only for the measured
 * passes, and the JIT code named (BENCHMARKS, "Session 12 — validateRow code size"): WARM passes
 * over 20,000 rows as from Office.js, "warm" printed, then PASSES passes once the file GO_FILE
 * exists, "done" printed, then it waits for STOP_FILE. From packages/core, with
 * VALIDATE_ROW_MODULE the validate-row.ts to count (through tsx, as bench/validate-row.ts times it):
 *
 *   VALIDATE_ROW_MODULE=… GO_FILE=<dir>/go STOP_FILE=<dir>/stop valgrind --tool=callgrind --cache-sim=yes
 *     --branch-sim=yes --dump-instr=yes --instr-atstart=no --callgrind-out-file=<dir>/cg.out
 *     node --perf-basic-prof --single-threaded --predictable --predictable-gc-schedule --import tsx
 *     bench/validate-row-window.ts
 *
 * On "warm": `callgrind_control -i on <pid>` and touch GO_FILE; on "done": `callgrind_control -i off
 * <pid>`, `callgrind_control -d <pid>` (writes <dir>/cg.out.1), copy /tmp/perf-<pid>.map to
 * <dir>/perf.map, touch STOP_FILE. Then `python3 bench/jit-lines.py <dir> 40000` gives per row the
 * instructions, simulated I1 misses and mispredicts by function, and the 64-byte lines of machine
 * code run on at least 30 % of rows.
 */
import { existsSync } from "node:fs";
import { sheetRows, today } from "./validate-row-data.js";

type Validate = (row: unknown, options: { today: Date }) => { ok: boolean };
const path = process.env.VALIDATE_ROW_MODULE ?? "../src/validate/validate-row.js";
const { validateRow } = (await import(path)) as { validateRow: Validate };
const rows = JSON.parse(JSON.stringify(sheetRows(20_000))) as unknown[];
let ok = 0;
const run = (passes: number) => {
  for (let k = 0; k < passes; k++) for (const r of rows) if (validateRow(r, { today }).ok) ok++;
};
const untilExists = async (file: string | undefined) => {
  while (file && !existsSync(file)) await new Promise((r) => setTimeout(r, 200));
};
run(Number(process.env.WARM ?? 4));
console.log("warm");
await untilExists(process.env.GO_FILE);
run(Number(process.env.PASSES ?? 2));
console.log("done", ok);
await untilExists(process.env.STOP_FILE);
