/**
 * The stand-in's limiter: at most `limit` calls in any sliding window, per token — the strictest
 * reading of "480 calls per minute", so a client that passes here passes any coarser real counter.
 */
export function createSlidingWindow(limit: number, windowMs: number) {
  const perKey = new Map<string, { ring: Float64Array; head: number; filled: number }>();
  return {
    /** Records the call and returns 0, or returns how many ms until a call would be allowed. */
    take(key: string, now: number): number {
      let s = perKey.get(key);
      if (!s) {
        s = { ring: new Float64Array(limit), head: 0, filled: 0 };
        perKey.set(key, s);
      }
      if (s.filled === limit) {
        const oldest = s.ring[s.head] as number;
        if (oldest > now - windowMs) return oldest + windowMs - now;
      } else s.filled += 1;
      s.ring[s.head] = now;
      s.head = (s.head + 1) % limit;
      return 0;
    },
  };
}
