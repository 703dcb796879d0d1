/**
 * The instruction-count harness of BENCHMARKS.md ("validateRow over 100,000 sheet rows"): PASSES
 * passes of validateRow over ROWS seeded rows as from Office.js, nothing timed. On a machine
 * shared with other work, wall time says little; instructions counted by valgrind do not depend
 * on the load. From packages/core:
 *
 *   esbuild bench/validate-row-passes.ts --bundle --platform=node --format=esm --keep-names --outfile=<tmp>/p.mjs
 *   PASSES=13 valgrind --tool=cachegrind --cache-sim=no node --single-threaded --predictable --predictable-gc-schedule <tmp>/p.mjs
 *
 * To count another checkout's validateRow (19d7759 for "before"), point the import of
 * validate-row.js below at its file before bundling. Instructions per row =
 * (count at 13 passes − count at 3) / (10 × ROWS): the steady state the timed benchmark measures
 * after its 3 warm-up rounds; 10 minus 0 passes also counts the compiling while V8 warms up.
 * The whole run the issue names (100,000 rows validated once, warm-up, first-use data and the
 * first collections of the rows included) is ROWS=100000, count at PASSES=1 minus PASSES=0;
 * bench/validate-row-first.ts times the same in fresh processes.
 * `--predictable` and its GC schedule keep the count from depending on how fast the run goes.
 */
import { validateRow } from "../src/validate/validate-row.js";
import { sheetRows, today } from "./validate-row-data.js";

const passes = Number(process.env.PASSES ?? 0);
const rows = JSON.parse(
  JSON.stringify(sheetRows(Number(process.env.ROWS ?? 20_000))),
) as Parameters<typeof validateRow>[0][];
let ok = 0;
for (let k = 0; k < passes; k++) for (const r of rows) if (validateRow(r, { today }).ok) ok++;
console.log(`${passes} passes over ${rows.length} rows, ${ok} valid`);
