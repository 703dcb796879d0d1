import { type StepOutcome, type SyncDeps, syncStep } from "../src/sync/engine.js";

/** Steps a full run until it completes (`maxPages` per step); `beforeStep` may move a clock. */
export async function runToEnd(
  d: SyncDeps,
  officeId: string,
  opts: { maxPages?: number; beforeStep?: () => void } = {},
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (let i = 0; i < 200; i++) {
    opts.beforeStep?.();
    const o = await syncStep(d, officeId, {
      start: i === 0,
      trigger: "manual",
      maxPages: opts.maxPages ?? 100,
    });
    outcomes.push(o);
    if (o.status === "completed") return outcomes;
  }
  throw new Error(`did not complete: ${JSON.stringify(outcomes.slice(-3))}`);
}
