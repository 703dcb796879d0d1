/**
 * validateRow over 100,000 sheet rows ONCE, in a fresh process: the whole run a user waits for
 * (V8 compiling, the checks' first-use data, the first garbage collections of the rows), not only
 * the steady state bench/validate-row.ts times after its warm-up rounds. From packages/core:
 *
 *   VALIDATE_ROW_MODULE=<other checkout>/packages/core/src/validate/validate-row.ts \
 *     node --import tsx bench/validate-row-first.ts
 *
 * Each run is its own child process (rows built and the module imported before the clock starts,
 * then one timed pass over the rows as from Office.js). Runs alternate between the two
 * implementations (other, this, other, this…) so load drift is shared; the median of ROUNDS runs
 * each and their ratio are printed.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const N = Number(process.env.ROWS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);

const child = process.argv[2];
if (child) {
  const { sheetRows, today } = await import("./validate-row-data.js");
  const { validateRow } = (await import(child)) as {
    validateRow: (row: unknown, options: { today: Date }) => { ok: boolean };
  };
  const rows = JSON.parse(JSON.stringify(sheetRows(N))) as unknown[];
  const t = performance.now();
  let ok = 0;
  for (const r of rows) if (validateRow(r, { today }).ok) ok++;
  console.log(JSON.stringify({ ms: performance.now() - t, ok }));
} else {
  const self = fileURLToPath(import.meta.url);
  const targets: [string, string][] = [["this checkout", "../src/validate/validate-row.js"]];
  const other = process.env.VALIDATE_ROW_MODULE;
  if (other) targets.unshift(["VALIDATE_ROW_MODULE", other]);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(
    `validateRow over ${N} rows once per fresh process, median of ${ROUNDS}, Node ${process.version}, load average ${load()}`,
  );
  const times: number[][] = targets.map(() => []);
  for (let k = 0; k < ROUNDS; k++) {
    targets.forEach(([, path], t) => {
      const out = execFileSync(process.execPath, ["--import", "tsx", self, path], {
        encoding: "utf8",
      });
      times[t]?.push((JSON.parse(out) as { ms: number }).ms);
    });
  }
  const medians = times.map((ts) => {
    ts.sort((a, b) => a - b);
    return ts[Math.floor(ts.length / 2)] ?? Number.NaN;
  });
  targets.forEach(([label], t) => {
    const ts = times[t] ?? [];
    console.log(
      `${label.padEnd(20)} median ${medians[t]?.toFixed(1)} ms (runs ${ts.map((x) => x.toFixed(0)).join(", ")})`,
    );
  });
  if (medians.length === 2) {
    console.log(
      `ratio this/other: ${((medians[1] ?? 0) / (medians[0] ?? 1)).toFixed(2)}× · load average ${load()}`,
    );
  }
}
