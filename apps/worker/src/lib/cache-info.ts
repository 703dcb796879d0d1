import type { Context, TypedResponse } from "hono";
import type { AppEnv } from "../app-env.js";

export interface CacheInfo {
  lastSyncedAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
}

/**
 * How old the cache is, from `at` (a client's refreshed_at, or the office's last completed sync,
 * which the list reads in the same batch as its rows); also set as `X-Cache-Age` so tools can read
 * it without the body.
 */
export function cacheInfo(c: Context<AppEnv>, at: number | null): CacheInfo {
  const { now, config } = c.var.services;
  const age = at === null ? null : Math.max(0, Math.floor((now() - at) / 1000));
  if (age !== null) c.header("X-Cache-Age", String(age));
  return {
    lastSyncedAt: at === null ? null : new Date(at).toISOString(),
    ageSeconds: age,
    stale: age === null || age > config.CACHE_STALE_SECONDS,
  };
}

/**
 * A 200 JSON body assembled from pieces already serialized (see clientResourceJson). `T` is the
 * route's response type: the text is built to match it, which the route tests check by parsing.
 */
export function jsonText<T>(c: Context<AppEnv>, text: string) {
  return c.body(text, 200, { "content-type": "application/json" }) as unknown as Response &
    TypedResponse<T, 200, "json">;
}
