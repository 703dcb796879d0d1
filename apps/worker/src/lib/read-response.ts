import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ReadAnswer } from "../services/client-reads.js";
import { jsonText } from "./cache-info.js";
import { matchesIfNoneMatch } from "./etag.js";

/**
 * A cached read's answer as HTTP: `ETag`, `X-Cache-Age` (the body's `cache.ageSeconds`, for tools
 * that read no body), and a bodiless 304 when `If-None-Match` still matches.
 */
export function readResponse<T>(c: Context<AppEnv>, answer: ReadAnswer) {
  c.header("ETag", answer.etag);
  if (answer.cache.ageSeconds !== null) c.header("X-Cache-Age", String(answer.cache.ageSeconds));
  if (answer.registerCheck) c.header("X-Register-Check", answer.registerCheck);
  if (matchesIfNoneMatch(c, answer.etag)) return c.body(null, 304);
  return jsonText<T>(c, answer.body);
}
