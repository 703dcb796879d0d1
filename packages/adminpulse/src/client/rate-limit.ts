/**
 * Pacing for AdminPulse's 480 calls/min per token (adminpulse-api.md §3).
 *
 * Hand-written because the guarantee we need is specific: the API's window semantics are unknown,
 * so we assume the strictest one — no more than `perMinute` calls in ANY sliding window — and a
 * token bucket only gives that when `burst + rate × window ≤ perMinute`. The refill rate is derived
 * from that inequality (plus a small margin for network jitter, which can bunch requests up on
 * arrival), instead of the usual "rate = limit / window" that overshoots by `burst` calls.
 */
export interface RateLimiter {
  /** Resolves when one call may be made; rejects with the signal's reason when aborted. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export type Clock = {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export type TokenBucketOptions = {
  /** Calls allowed in any window (default 480, AdminPulse's documented limit). */
  perMinute?: number;
  /** Calls that may go out back to back from a full bucket (default 40). */
  burst?: number;
  /** Window length; 60 000 ms for real use, scaled down in tests. */
  windowMs?: number;
  /** Extra spacing so jitter on the wire cannot push a window over the limit (default window/60). */
  safetyMs?: number;
  clock?: Clock;
};

export type TokenBucket = RateLimiter & {
  /** Calls per millisecond the bucket refills at. */
  readonly ratePerMs: number;
  readonly burst: number;
};

export function createTokenBucket(options: TokenBucketOptions = {}): TokenBucket {
  const limit = options.perMinute ?? 480;
  const windowMs = options.windowMs ?? 60_000;
  const burst = Math.max(1, Math.min(options.burst ?? 40, limit - 1));
  const safetyMs = options.safetyMs ?? windowMs / 60;
  const clock = options.clock ?? realClock;
  const ratePerMs = (limit - burst) / (windowMs + safetyMs);
  let tokens = burst;
  let last = clock.now();

  return {
    ratePerMs,
    burst,
    async acquire(signal) {
      if (signal?.aborted) throw signal.reason;
      const now = clock.now();
      tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
      last = now;
      // Reserve first, wait after: concurrent callers queue up in arrival order because each one
      // pushes the balance further below zero and waits for its own share of the refill.
      tokens -= 1;
      if (tokens >= 0) return;
      const waitMs = -tokens / ratePerMs;
      try {
        await clock.sleep(waitMs, signal);
      } catch (e) {
        // Give the reservation back; later waiters then wait slightly longer than needed, never less.
        tokens += 1;
        throw e;
      }
    },
  };
}

/** Default limiters keyed by a hash of the token, so every client of one token shares a budget. */
const sharedBuckets = new Map<string, TokenBucket>();

export async function sharedLimiterFor(
  token: string,
  options?: TokenBucketOptions,
): Promise<TokenBucket> {
  const key = await tokenKey(token);
  let bucket = sharedBuckets.get(key);
  if (!bucket) {
    bucket = createTokenBucket(options);
    sharedBuckets.set(key, bucket);
  }
  return bucket;
}

/** SHA-256 of the token: the map never holds the secret itself. Web Crypto runs everywhere we do. */
export async function tokenKey(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
