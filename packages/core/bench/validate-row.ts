/**
 * validateRow over 100,000 sheet rows (bench/validate-row-data.ts). Run from packages/core:
 * `node --import tsx bench/validate-row.ts`. Best and median of ROUNDS rounds after WARMUP, a full
 * GC before each round.
 *
 * `VALIDATE_ROW_MODULE=<path to another checkout's src/validate/validate-row.ts>` times that
 * implementation on the same rows in the same run: how the before/after figure in BENCHMARKS.md is
 * taken on one machine at one time.
 *
 * Two inputs: the rows as the generator builds them (strings shared between rows and made by
 * concatenation, as before), and the same rows the way the add-in receives them from Office.js:
 * deserialised from JSON, so every cell is its own flat string. The second is what validateRow
 * sees in use: a shared string keeps its hash for every lookup and a concatenated one is read
 * through its parts, which favours lookups and penalises character scans in the first.
 */
import { loadavg } from "node:os";
import { time } from "./support.js";
import { sheetRows, today } from "./validate-row-data.js";

const ROUNDS = 9;
const WARMUP = 3;
const N = 100_000;

type Validate = (row: unknown, options: { today: Date }) => { ok: boolean };

async function load(path: string): Promise<Validate> {
  const mod = (await import(path)) as { validateRow: Validate };
  return mod.validateRow;
}

const generated = sheetRows(N);
const inputs: [string, unknown[]][] = [
  ["generated", generated],
  ["as from Office.js", JSON.parse(JSON.stringify(generated)) as unknown[]],
];
const targets: [string, string][] = [["this checkout", "../src/validate/validate-row.js"]];
const other = process.env.VALIDATE_ROW_MODULE;
if (other) targets.unshift(["VALIDATE_ROW_MODULE", other]);

console.log(
  `validateRow over ${N} sheet rows: best (median) of ${ROUNDS} rounds after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const [input, rows] of inputs) {
  const results: number[] = [];
  for (const [label, path] of targets) {
    const validate = await load(path);
    let ok = 0;
    const t = time(
      () => {
        ok = 0;
        for (const r of rows) if (validate(r, { today }).ok) ok++;
      },
      ROUNDS,
      WARMUP,
    );
    results.push(t.best);
    console.log(
      `${input.padEnd(18)} ${label.padEnd(20)} ${t.best.toFixed(1)} ms (${t.median.toFixed(1)}) · ${((t.best * 1000) / N).toFixed(2)} µs/row · ${ok} rows valid`,
    );
  }
  if (results.length === 2) {
    console.log(
      `${input.padEnd(18)} ratio this/other: ${((results[1] as number) / (results[0] as number)).toFixed(2)}×`,
    );
  }
}
