/**
 * reconcile() on an office-sized import, against a bare hash join on the enterprise number (the
 * floor: what matching alone costs, with no validation, no differences, no duplicate checks).
 * Run from packages/core: `node --import tsx bench/reconcile.ts` (add `--quick` for 25k only).
 *
 * Data (seeded): N target clients (90% companies, 10% persons with a national number) and N import
 * rows typed the way a sheet holds them (dotted numbers, "Vennootschap", "België", dd/mm/yyyy,
 * a link on a third of the clients): half match a target client (a fifth of those with a changed
 * e-mail and street), four tenths are new, a tenth are invalid (wrong check digits, bad e-mail, or
 * no name). Each size runs warm-up rounds, then the median of ROUNDS rounds is reported.
 */
import { loadavg } from "node:os";
import type { ImportRow } from "../src/model/client.js";
import { reconcile } from "../src/reconcile/reconcile.js";
import type { ExistingClient } from "../src/reconcile/types.js";
import { dataset, today } from "./reconcile-data.js";
import { type Timing, time as tm } from "./support.js";

const ROUNDS = 9;
const WARMUP = 3;

/** The floor: index the target by enterprise number, probe it once per row, list the rest. */
function hashJoin(rows: ImportRow[], existing: ExistingClient[]) {
  const byNumber = new Map<string, number>();
  for (let t = 0; t < existing.length; t++) {
    const n = (existing[t] as ExistingClient).client.enterpriseNumber;
    if (n) byNumber.set(n, t);
  }
  const matched = new Uint8Array(existing.length);
  const matching: { ref: string; id: string }[] = [];
  const onlyInImport: string[] = [];
  for (const r of rows) {
    const t = r.enterpriseNumber ? byNumber.get(r.enterpriseNumber.replaceAll(".", "")) : undefined;
    if (t === undefined) onlyInImport.push(r.ref);
    else {
      matching.push({ ref: r.ref, id: (existing[t] as ExistingClient).id });
      matched[t] = 1;
    }
  }
  const onlyInTarget = existing.filter((_, t) => matched[t] === 0);
  return { matching, onlyInImport, onlyInTarget };
}

const time = (fn: () => unknown) => tm(fn, ROUNDS, WARMUP);

const sizes = process.argv.includes("--quick") ? [25_000] : [25_000, 50_000, 100_000];
const ms = (t: Timing) => `${t.best.toFixed(1)} (${t.median.toFixed(1)})`;
console.log(
  `reconcile vs bare hash join on the enterprise number: best (median) of ${ROUNDS} rounds after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  "rows = clients | reconcile ms      | join ms         | ratio | µs/row | onlyInImport/onlyInTarget/matching/invalid",
);
for (const n of sizes) {
  const { rows, existing } = dataset(n);
  const check = reconcile(rows, existing, { today });
  const floor = hashJoin(rows, existing);
  const r = time(() => reconcile(rows, existing, { today }));
  const j = time(() => hashJoin(rows, existing));
  const buckets = [
    check.onlyInImport.length,
    check.onlyInTarget.length,
    check.matching.length,
    check.invalid.length,
  ];
  const changed = check.matching.filter((m) => m.differences.length > 0).length;
  console.log(
    `${String(n).padStart(14)} | ${ms(r).padEnd(17)} | ${ms(j).padEnd(15)} | ${(r.best / j.best).toFixed(1).padStart(5)} | ${((r.best * 1000) / n).toFixed(2).padStart(6)} | ${buckets.join("/")} (${changed} changed; the join pairs ${floor.matching.length}: companies only)`,
  );
}
