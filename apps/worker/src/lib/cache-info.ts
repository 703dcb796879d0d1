import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { getSyncState } from "../db/queries/sync.js";

export interface CacheInfo {
  lastSyncedAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
}

/** How old the office's cache is; also set as `X-Cache-Age` so tools can read it without the body. */
export async function cacheInfo(c: Context<AppEnv>, refreshedAt?: number): Promise<CacheInfo> {
  const { now, config } = c.var.services;
  const at =
    refreshedAt ?? (await getSyncState(c.var.db, c.var.auth.officeId))?.lastCompletedAt ?? null;
  const age = at === null ? null : Math.max(0, Math.floor((now() - at) / 1000));
  if (age !== null) c.header("X-Cache-Age", String(age));
  return {
    lastSyncedAt: at === null ? null : new Date(at).toISOString(),
    ageSeconds: age,
    stale: age === null || age > config.CACHE_STALE_SECONDS,
  };
}
