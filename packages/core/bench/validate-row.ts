/**
 * validateRow over 100,000 sheet rows (bench/validate-row-data.ts), against validateRow as it was
 * before issue 15's field checks (commit 19d7759): the figure issue 15 and ADR 0032 budget. Run
 * from packages/core: `node --import tsx bench/validate-row.ts` (part of `pnpm bench`).
 *
 * PROCESSES fresh processes, one after another; in each, best and median of ROUNDS rounds after
 * WARMUP, a full GC before each round, the two implementations' rounds alternating. The figure is
 * the median over the processes of each process's best-round ratio: the same code measures up to
 * ~20 % apart from one fresh process to the next (where V8 places its machine code, when the heap
 * grows), more than rounds within one process differ, so one process's ratio is one draw.
 *
 * The baseline is read from git (`git archive 19d7759`: the package's sources, package.json and
 * tsconfig, into a temporary folder that borrows this package's node_modules), so the before/after
 * figure needs no second checkout.
 * `VALIDATE_ROW_MODULE=<path to another checkout's src/validate/validate-row.ts>` compares against
 * that instead; without git history (a shallow clone) this checkout is timed alone.
 *
 * Two inputs: the rows as the generator builds them (strings shared between rows and made by
 * concatenation, as before), and the same rows the way the add-in receives them from Office.js:
 * deserialised from JSON, so every cell is its own flat string. The second is what validateRow
 * sees in use: a shared string keeps its hash for every lookup and a concatenated one is read
 * through its parts, which favours lookups and penalises character scans in the first.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { time } from "./support.js";
import { sheetRows, today } from "./validate-row-data.js";

/** validateRow before issue 15's field checks: what its speed budget is stated against. */
const BASELINE = "19d7759";
/** ADR 0032: the new checks may cost at most what the whole row cost before them. */
const BUDGET = 2.0;
/** Issue 15's figure as first written, printed beside it (ADR 0032 says why it was restated). */
const FIRST_BUDGET = 1.5;
const PROCESSES = Number(process.env.PROCESSES ?? 7);
const ROUNDS = 9;
const WARMUP = 3;
const N = 100_000;
const INPUTS = ["generated", "as from Office.js"] as const;
/** Set in the child processes: the validate-row.ts to compare against, or "" for none. */
const CHILD = process.env.VALIDATE_ROW_CHILD;

type Validate = (row: unknown, options: { today: Date }) => { ok: boolean };
interface Timing {
  best: number;
  median: number;
  /** Rows validateRow accepted: the two implementations' checks differ, so these differ too. */
  valid: number;
}
/** What a child prints last, one line: per input, each implementation's timing (before first). */
type ChildResult = Record<(typeof INPUTS)[number], Timing[]>;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The baseline's validate-row.ts, extracted from git into a temporary folder (removed on exit), or
 * null without the commit. Its imports resolve through this package's node_modules: the baseline's
 * dependencies (ibantools, validator, zod) are a subset of today's.
 */
function baselineModule(): string | null {
  const core = join(here, "..");
  const dir = mkdtempSync(join(tmpdir(), "validate-row-baseline-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  try {
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: core })
      .toString()
      .trim();
    // With its package.json ("type": "module") and tsconfig: without them tsx loads the files as
    // CommonJS, every imported function read through a getter, and the same code runs ~25 % slower.
    const files = [
      "packages/core/src",
      "packages/core/package.json",
      "packages/core/tsconfig.json",
    ];
    const tar = execFileSync(
      "git",
      ["archive", "--format=tar", BASELINE, ...files, "tsconfig.base.json"],
      { cwd: top, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
    );
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
  } catch {
    return null;
  }
  symlinkSync(join(core, "node_modules"), join(dir, "packages/core/node_modules"), "dir");
  return join(dir, "packages/core/src/validate/validate-row.ts");
}

/** One process's measurement: prints its rounds, then its ChildResult as the last line. */
async function measure(other: string): Promise<void> {
  const targets: string[] = other ? [other] : [];
  targets.push("../src/validate/validate-row.js");
  const validators: Validate[] = [];
  for (const path of targets) {
    validators.push(((await import(path)) as { validateRow: Validate }).validateRow);
  }
  const generated = sheetRows(N);
  const rowsOf: Record<(typeof INPUTS)[number], unknown[]> = {
    generated,
    "as from Office.js": JSON.parse(JSON.stringify(generated)) as unknown[],
  };
  const result = {} as ChildResult;
  for (const input of INPUTS) {
    const rows = rowsOf[input];
    let ok = 0;
    const pass = (validate: Validate) => () => {
      ok = 0;
      for (const r of rows) if (validate(r, { today }).ok) ok++;
    };
    for (let w = 0; w < WARMUP; w++) for (const validate of validators) pass(validate)();
    // Rounds alternate between the implementations (old, new, old, new…): on a shared machine
    // the load drifts within seconds, and timing one after the other would charge the drift to one.
    const rounds: number[][] = validators.map(() => []);
    const valid: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      validators.forEach((validate, v) => {
        rounds[v]?.push(time(pass(validate), 1, 0).best);
        valid[v] = ok;
      });
    }
    result[input] = rounds.map((times, v) => {
      times.sort((a, b) => a - b);
      return {
        best: times[0] ?? Number.NaN,
        median: times[Math.floor(times.length / 2)] ?? Number.NaN,
        valid: valid[v] ?? 0,
      };
    });
  }
  console.log(JSON.stringify(result));
}

const ms = (t: Timing) => `${t.best.toFixed(1)} ms (${t.median.toFixed(1)})`;
const middle = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

if (CHILD !== undefined) await measure(CHILD);
else {
  const other = process.env.VALIDATE_ROW_MODULE ?? baselineModule();
  const label = process.env.VALIDATE_ROW_MODULE ? "VALIDATE_ROW_MODULE" : BASELINE;
  if (!other)
    console.log(
      `${BASELINE} is not in this clone's history (shallow?): this checkout is timed alone.`,
    );
  console.log(
    `validateRow over ${N} sheet rows, ${other ? `${label} against this checkout` : "this checkout alone"}: ${PROCESSES} processes, each best (median) of ${ROUNDS} rounds after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const runs: ChildResult[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url)],
      {
        cwd: join(here, ".."),
        env: { ...process.env, VALIDATE_ROW_CHILD: other ?? "" },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).toString();
    const run = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as ChildResult;
    runs.push(run);
    const line = INPUTS.map((input) => {
      const [a, b] = run[input];
      return b
        ? `${input}: ${ms(a as Timing)} → ${ms(b)}, ${(b.best / (a as Timing).best).toFixed(2)}×`
        : `${input}: ${ms(a as Timing)}`;
    });
    console.log(`process ${p + 1}  ${line.join(" · ")}`);
  }
  for (const input of INPUTS) {
    const current = runs.map((r) => (r[input].at(-1) as Timing).best);
    const perRow = ((middle(current) * 1000) / N).toFixed(2);
    if (!other) {
      console.log(
        `${input.padEnd(18)} this checkout: median of bests ${middle(current).toFixed(1)} ms, ${perRow} µs/row`,
      );
      continue;
    }
    const [before, after] = runs[0]?.[input] ?? [];
    console.log(
      `${input.padEnd(18)} rows valid: ${label} ${before?.valid}, this checkout ${after?.valid} (the new checks find more)`,
    );
    const ratios = runs.map((r) => (r[input][1] as Timing).best / (r[input][0] as Timing).best);
    const ratio = middle(ratios);
    const verdict = ratio <= BUDGET ? "within" : "OVER";
    const first = ratio <= FIRST_BUDGET ? "within" : "over";
    console.log(
      `${input.padEnd(18)} ratio this/${label}: median ${ratio.toFixed(2)}× (processes ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×), this checkout ${perRow} µs/row · ${verdict} the budget of ADR 0032 (≤ ${BUDGET.toFixed(1)}×), ${first} issue 15's first figure (≤ ${FIRST_BUDGET}×)`,
    );
  }
}
