import type { Context } from "hono";
import { sha256HexSync } from "./sha256.js";

/**
 * Bumped when the resource's JSON shape changes, so a deploy that adds a field invalidates the
 * ETags clients hold.
 */
const RESOURCE_VERSION = 1;

/** What a client resource's version is made of: its change_seq, plus the on-demand 404 flag. */
export interface ClientVersion {
  id: string;
  changeSeq: number;
  /** Set by an on-demand 404 and cleared by the next sighting, without a new change_seq. */
  notFoundUpstreamAt: number | null;
}

const versionOf = (r: ClientVersion) =>
  `${r.changeSeq}.${r.id}${r.notFoundUpstreamAt === null ? "" : `.n${r.notFoundUpstreamAt}`}`;

/**
 * ETags are derived from change_seq, never from the body (issue 17: hashing a 50-client page on
 * every request cost more than the query). Every write that changes what a client resource shows
 * takes a new change_seq (sync upserts, task templates, tombstones), except the upstream-404 flag,
 * which is therefore part of the version too.
 */
export function clientEtag(row: ClientVersion): string {
  return `W/"c${RESOURCE_VERSION}.${versionOf(row)}"`;
}

/**
 * A list page: a hash of the request (office, validated query, `extra` such as the register version
 * for `register=differs`) and the versions of the rows it read (the page and the one past it, which
 * decides `nextCursor`): a few dozen short strings, not the body.
 */
export function listEtag(
  officeId: string,
  query: unknown,
  rows: ClientVersion[],
  extra = "",
): string {
  const digest = sha256HexSync(JSON.stringify([officeId, query, extra, rows.map(versionOf)]));
  return `W/"l${RESOURCE_VERSION}.${digest.slice(0, 32)}"`;
}

export function matchesIfNoneMatch(c: Context, etag: string): boolean {
  return matchesIfNoneMatchHeader(c.req.header("if-none-match"), etag);
}

/** Whether an `If-None-Match` header value names `etag` (weakly) or is `*`. */
export function matchesIfNoneMatchHeader(inm: string | null | undefined, etag: string): boolean {
  if (!inm) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return inm.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
