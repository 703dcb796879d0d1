/**
 * Bytes allocated a row, scavenges and bytes kept a result, of validateRow over the rows of
 * bench/validate-row.ts: measures that do not depend on the machine's load (BENCHMARKS,
 * "validateRow, session 11"). From packages/core:
 * `VALIDATE_ROW_MODULE=<other checkout's src/validate/validate-row.ts> node --import tsx bench/validate-row-alloc.ts`.
 * Allocation is read from V8's GC profiler: the heap used before each collection minus after the
 * one before, plus the growth since the last.
 */
import { GCProfiler } from "node:v8";
import { sheetRows, today } from "./validate-row-data.js";

type Validate = (row: unknown, options: { today: Date }) => { ok: boolean };
interface GcStat {
  gcType: string;
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

const N = 100_000;
const PASSES = 3;
const paths = [["this checkout", "../src/validate/validate-row.js"]];
if (process.env.VALIDATE_ROW_MODULE)
  paths.unshift(["VALIDATE_ROW_MODULE", process.env.VALIDATE_ROW_MODULE]);
const validators: [string, Validate][] = [];
for (const [label, path] of paths) {
  validators.push([
    label as string,
    ((await import(path as string)) as { validateRow: Validate }).validateRow,
  ]);
}
const generated = sheetRows(N);
const inputs: [string, unknown[]][] = [
  ["generated", generated],
  ["as from Office.js", JSON.parse(JSON.stringify(generated)) as unknown[]],
];
const used = () => process.memoryUsage().heapUsed;

for (const [input, rows] of inputs) {
  for (let w = 0; w < 3; w++)
    for (const [, validate] of validators) for (const r of rows) validate(r, { today });
  for (const [label, validate] of validators) {
    const profiler = new GCProfiler();
    profiler.start();
    const start = used();
    for (let p = 0; p < PASSES; p++) for (const r of rows) validate(r, { today });
    const end = used();
    const stats = (profiler.stop() as { statistics: GcStat[] }).statistics;
    let allocated = 0;
    let after = start;
    const collections: Record<string, number> = {};
    for (const s of stats) {
      allocated += s.beforeGC.heapStatistics.usedHeapSize - after;
      after = s.afterGC.heapStatistics.usedHeapSize;
      collections[s.gcType] = (collections[s.gcType] ?? 0) + 1;
    }
    allocated += end - after;
    console.log(
      `${input.padEnd(18)} ${label.padEnd(20)} ${(allocated / (PASSES * N)).toFixed(0)} B allocated a row · collections in ${PASSES} passes: ${JSON.stringify(collections)}`,
    );
  }
}
