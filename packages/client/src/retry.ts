/**
 * A fetch that retries what is safe to retry: 429 and 503 (and 502/504) answers and network
 * failures, for methods that are idempotent or carry an `Idempotency-Key`. It waits what the server
 * asks in `Retry-After` (seconds or an HTTP date), else backs off exponentially with jitter.
 * openapi-fetch has no retry of its own; this wraps the fetch it is given.
 */
export interface RetryOptions {
  /** Attempts after the first; 0 turns retrying off. Default 4. */
  retries?: number;
  /** First back-off when the server gives no Retry-After. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait, Retry-After included. Default 60 s. */
  maxDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

const retryStatuses = new Set([429, 502, 503, 504]);
const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Milliseconds a `Retry-After` value asks for, or null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function withRetries(inner: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  return async (input, init) => {
    const request = new Request(input, init);
    const safe = idempotentMethods.has(request.method) || request.headers.has("idempotency-key");
    for (let attempt = 0; ; attempt++) {
      const last = !safe || attempt >= retries;
      let response: Response;
      try {
        response = await inner(request.clone());
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (last || !retryStatuses.has(response.status)) return response;
      const asked = retryAfterMs(response.headers.get("retry-after"));
      await response.body?.cancel();
      await sleep(Math.min(max, asked ?? backoff(attempt)));
    }
  };

  function backoff(attempt: number) {
    return Math.min(max, base * 2 ** attempt * (0.5 + Math.random() / 2));
  }
}
