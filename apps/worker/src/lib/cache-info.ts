import type { Context, TypedResponse } from "hono";
import type { AppEnv } from "../app-env.js";
import type { Runtime } from "../runtime/runtime.js";

export interface CacheInfo {
  lastSyncedAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
}

/**
 * How old the cache is, from `at` (a client's refreshed_at, or the office's last completed sync,
 * which the list reads in the same batch as its rows). Routes also send the age as `X-Cache-Age`
 * (`sendCacheAge`) so tools can read it without the body.
 */
export function cacheInfoAt(
  runtime: Pick<Runtime, "now" | "config">,
  at: number | null,
): CacheInfo {
  const age = at === null ? null : Math.max(0, Math.floor((runtime.now() - at) / 1000));
  return {
    lastSyncedAt: at === null ? null : new Date(at).toISOString(),
    ageSeconds: age,
    stale: age === null || age > runtime.config.CACHE_STALE_SECONDS,
  };
}

/**
 * A 200 JSON body assembled from pieces already serialized (see db/queries/client-json.ts). `T` is
 * the route's response type: the text is built to match it, which the route tests check by parsing.
 */
export function jsonText<T>(c: Context<AppEnv>, text: string) {
  return c.body(text, 200, { "content-type": "application/json" }) as unknown as Response &
    TypedResponse<T, 200, "json">;
}
