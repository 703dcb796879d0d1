import { createStandIn, type StandIn, type StandInOptions } from "@pulsebridge/adminpulse-stand-in";
import type { AdminPulseClient, IterateRequest } from "../src/client/client.js";
import { ok, type Result } from "../src/client/errors.js";
import type { Clock } from "../src/client/rate-limit.js";

/** Starts a stand-in on a free port and closes it after the test file. */
export async function withStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return createStandIn({ port: 0, ...options });
}

/** Every relation of the office in one array (a full scan through `iterateRelations`). */
export async function allRelations(
  client: AdminPulseClient,
  req: IterateRequest = {},
): Promise<Result<unknown[]>> {
  const all: unknown[] = [];
  for await (const page of client.iterateRelations(req)) {
    if (!page.ok) return page;
    all.push(...page.value.results);
  }
  return ok(all);
}

/**
 * Virtual time: `sleep` parks a timer, `run()` jumps to the earliest one. Lets limiter tests check
 * a whole minute of pacing without waiting for it.
 */
export function createFakeClock() {
  let t = 0;
  const timers: { at: number; seq: number; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  let seq = 0;
  const clock: Clock & { run(): Promise<void>; readonly time: number } = {
    now: () => t,
    get time() {
      return t;
    },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = { at: t + ms, seq: seq++, resolve, reject };
        timers.push(timer);
        signal?.addEventListener("abort", () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal.reason);
        });
      }),
    async run() {
      for (;;) {
        for (let k = 0; k < 20; k++) await Promise.resolve();
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) return;
        t = Math.max(t, next.at);
        next.resolve();
      }
    },
  };
  return clock;
}

/** Largest number of entries in any window `(t - windowMs, t]`, over sorted times. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[lo] as number) <= (sorted[hi] as number) - windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}
