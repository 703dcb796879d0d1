import type { Context } from "hono";
import { sha256Hex } from "../crypto/credential-cipher.js";

/** Weak ETag over the data only (not the cache age), so it changes only when the data does. */
export async function etagOf(data: unknown): Promise<string> {
  return `W/"${(await sha256Hex(JSON.stringify(data))).slice(0, 32)}"`;
}

export function matchesIfNoneMatch(c: Context, etag: string): boolean {
  const inm = c.req.header("if-none-match");
  if (!inm) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return inm.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
