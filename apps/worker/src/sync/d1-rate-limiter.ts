import type { Db } from "../db/client.js";
import { reserveCallSlot } from "../db/queries/sync.js";

/**
 * Spacing between call starts at `perMinute`: 60 s ÷ the limit, plus 1 % because the limit is
 * counted where the calls arrive. Starts exactly 125 ms apart put call 481 exactly 60 s after call
 * 1; a first call that travels 5 ms longer than the 481st would make AdminPulse see 481 in a sliding
 * minute. The 1 % (600 ms per 480 calls) absorbs that jitter.
 */
export const callSpacingMs = (perMinute: number) => (60_000 / perMinute) * 1.01;

/**
 * The AdminPulse budget (480 calls/min per token) shared across invocations, isolates and offices
 * that use the same token (ADR 0026, replacing ADR 0005's fixed window): each call reserves the
 * token's next start slot in D1 and waits for it, so call STARTS are spaced `callSpacingMs` apart
 * whatever the calls' durations — calls may overlap (a sync reads its next page while writing the
 * current one), and no sliding minute ever holds more than the limit. The in-process bucket of
 * packages/adminpulse only sees one isolate; cron steps and on-demand reads run in many.
 */
export function createD1RateLimiter(opts: {
  db: Db;
  fingerprint: string;
  perMinute: number;
  now: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}) {
  const sleep =
    opts.sleep ??
    ((ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        signal?.addEventListener("abort", () => {
          clearTimeout(t);
          reject(signal.reason);
        });
      }));
  const spacing = callSpacingMs(opts.perMinute);
  return {
    async acquire(signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) throw signal.reason;
      const t = opts.now();
      const start = await reserveCallSlot(opts.db, opts.fingerprint, t, spacing);
      // An aborted wait leaves its slot unused: the budget errs on the safe side.
      const wait = start - opts.now();
      if (wait > 0) await sleep(wait, signal);
    },
  };
}
