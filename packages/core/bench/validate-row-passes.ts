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
 *
 * The timed benchmark loads its modules through tsx, one module per file, not as one bundle, and
 * V8 compiles them differently (session 11: old 5,272 instructions a row steady under tsx against
 * 6,043 bundled). To count that configuration, run this file itself through tsx, with
 * `VALIDATE_ROW_MODULE` naming the validate-row.ts to count (default: this checkout's):
 *
 *   VALIDATE_ROW_MODULE=<checkout>/packages/core/src/validate/validate-row.ts PASSES=23 valgrind --tool=cachegrind
 *     --cache-sim=yes --branch-sim=yes node --single-threaded --predictable --predictable-gc-schedule
 *     --import tsx bench/validate-row-passes.ts
 */
import { sheetRows, today } from "./validate-row-data.js";

type Validate = (
  row: Parameters<typeof import("../src/validate/validate-row.js").validateRow>[0],
  options: { today: Date },
) => { ok: boolean };
const other = process.env.VALIDATE_ROW_MODULE;
// A literal import for the bundle (esbuild includes it), a path from the environment left to Node.
const { validateRow } = (
  other ? await import(other) : await import("../src/validate/validate-row.js")
) as { validateRow: Validate };

const passes = Number(process.env.PASSES ?? 0);
const rows = JSON.parse(
  JSON.stringify(sheetRows(Number(process.env.ROWS ?? 20_000))),
) as Parameters<typeof validateRow>[0][];
let ok = 0;
for (let k = 0; k < passes; k++) for (const r of rows) if (validateRow(r, { today }).ok) ok++;
console.log(`${passes} passes over ${rows.length} rows, ${ok} valid`);
