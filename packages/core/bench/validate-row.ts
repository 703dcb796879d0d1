/**
 * validateRow over 100,000 sheet rows (bench/validate-row-data.ts). Run from packages/core:
 * `node --import tsx bench/validate-row.ts`. Best and median of ROUNDS rounds after WARMUP, a full
 * GC before each round; with two implementations their rounds alternate.
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
// Rounds alternate between the implementations (old, new, old, new…): on a shared machine the load
// drifts within seconds, and timing one after the other would charge the drift to one of them.
const validators: [string, Validate][] = [];
for (const [label, path] of targets) validators.push([label, await load(path)]);
for (const [input, rows] of inputs) {
  let ok = 0;
  const pass = (validate: Validate) => () => {
    ok = 0;
    for (const r of rows) if (validate(r, { today }).ok) ok++;
  };
  for (let w = 0; w < WARMUP; w++) for (const [, validate] of validators) pass(validate)();
  const rounds: number[][] = validators.map(() => []);
  const valid: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    validators.forEach(([, validate], v) => {
      rounds[v]?.push(time(pass(validate), 1, 0).best);
      valid[v] = ok;
    });
  }
  const results = rounds.map((times) => {
    times.sort((a, b) => a - b);
    return {
      best: times[0] ?? Number.NaN,
      median: times[Math.floor(times.length / 2)] ?? Number.NaN,
    };
  });
  validators.forEach(([label], v) => {
    const t = results[v] as { best: number; median: number };
    console.log(
      `${input.padEnd(18)} ${label.padEnd(20)} ${t.best.toFixed(1)} ms (${t.median.toFixed(1)}) · ${((t.best * 1000) / N).toFixed(2)} µs/row · ${valid[v]} rows valid`,
    );
  });
  if (results.length === 2) {
    const [before, after] = results as [
      { best: number; median: number },
      { best: number; median: number },
    ];
    console.log(
      `${input.padEnd(18)} ratio this/other: best ${(after.best / before.best).toFixed(2)}×, median ${(after.median / before.median).toFixed(2)}×`,
    );
  }
}
