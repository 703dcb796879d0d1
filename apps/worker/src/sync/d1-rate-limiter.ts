import type { Db } from "../db/client.js";
import { takeRateSlot } from "../db/queries/sync.js";

/**
 * The AdminPulse budget (480 calls/min per token) shared across invocations, isolates and offices
 * that use the same token: a fixed 60 s window counted in D1 (ADR 0005). The in-process bucket of
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
  return {
    async acquire(signal?: AbortSignal): Promise<void> {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const t = opts.now();
        const slot = await takeRateSlot(opts.db, opts.fingerprint, t, 60_000, opts.perMinute);
        if (slot.granted) return;
        await sleep(Math.max(1, slot.windowEnd - t), signal);
      }
    },
  };
}
