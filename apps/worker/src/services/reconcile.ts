/**
 * The review (POST /v1/reconcile): the rows against the office's cache, three-way with the pulled
 * versions, known rows confirmed by fingerprint. Stores nothing. Memory (issue 11/17): the cache is
 * read in pages (review/cache.ts) and the answer is written as it is read (lib/json-stream.ts), so
 * a review of 10,000 rows never holds the cache's rows or its answer's text whole.
 */
import {
  compactResult,
  confirmKnown,
  type ImportRow,
  type KnownRow,
  knownAsRows,
  maxIssuesPerRow,
  type PullScope,
  reconcile,
} from "@pulsebridge/core";
import { loadBaseOf } from "../history/bases.js";
import { officeCache } from "../review/cache.js";
import type { ServiceContext } from "./context.js";

/** The review's answer as an object (full or compact), with `resend` when known rows were sent. */
export async function reviewRows(
  ctx: ServiceContext,
  body: {
    rows: ImportRow[];
    known?: KnownRow[] | undefined;
    scope?: PullScope | undefined;
    answer?: "full" | "compact" | undefined;
    onlyInTarget?: boolean | undefined;
  },
) {
  const { rows, known = [], scope, answer, onlyInTarget } = body;
  // "Only in PulseBridge" is not asked for: no scope to decide.
  const { existing, inScope: scoped } = await officeCache(
    ctx.db,
    ctx.officeId,
    onlyInTarget === false ? undefined : scope,
  );
  const baseOf = await loadBaseOf(ctx.db, ctx.officeId, [...rows, ...knownAsRows(known)], existing);
  const confirmed = await confirmKnown(known, existing, baseOf);
  // Issues past maxIssuesPerRow are counted (`issuesOmitted`), not listed: the answer stays
  // proportional to the request (issue 11).
  const result = reconcile([...rows, ...confirmed.rows], existing, {
    today: new Date(ctx.runtime.now()),
    baseOf,
    inScope: onlyInTarget === false ? () => false : scoped,
    known: confirmed.clients,
    maxIssues: maxIssuesPerRow,
  });
  const resend = known.length > 0 ? { resend: confirmed.resend } : {};
  return { ...(answer === "compact" ? compactResult(result) : result), ...resend };
}
