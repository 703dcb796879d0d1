/**
 * The review (POST /v1/reconcile): the rows against the office's cache, three-way with the pulled
 * versions, known rows confirmed by fingerprint. Stores nothing. Memory (issue 11/17): only the
 * cached clients the rows can match are read (review/cache.ts, core's `candidatesOf`), in pages;
 * `onlyInTarget` is read from the cache as the answer is written (review/only-in-target.ts), and the
 * answer is written as it is read (lib/json-stream.ts), so a review of 10,000 rows never holds the
 * whole cache or its answer's text.
 */
import {
  type Candidates,
  candidatesOf,
  compactResult,
  confirmKnown,
  type ImportRow,
  type KnownRow,
  knownAsRows,
  maxIssuesPerRow,
  type PullScope,
  reconcileValidated,
  validateRows,
} from "@pulsebridge/core";
import { loadBaseOf } from "../history/bases.js";
import { officeCache } from "../review/cache.js";
import { onlyInTarget as unmatchedClients } from "../review/only-in-target.js";
import type { ServiceContext } from "./context.js";

/** Known rows name their clients by id or AdminPulse id only. */
const byIds = (known: KnownRow[]): Candidates => ({
  ids: known.flatMap((k) => (k.id ? [k.id] : [])),
  adminpulseIds: known.flatMap((k) => (k.adminpulseId ? [k.adminpulseId] : [])),
  enterpriseNumbers: [],
  nationalNumbers: [],
  anyPostcodes: [],
  idlessPostcodes: [],
});

/**
 * Known rows confirmed against the clients they name (the whole cache is not needed for that), and
 * those clients by id: the confirmed rows hold them, so the review's own read reuses them.
 */
async function confirmed(ctx: ServiceContext, known: KnownRow[]) {
  if (known.length === 0) return { ...(await confirmKnown(known, [], () => undefined)), named: [] };
  const named = await officeCache(ctx.db, ctx.officeId, byIds(known));
  const baseOf = await loadBaseOf(ctx.db, ctx.officeId, knownAsRows(known), named);
  return { ...(await confirmKnown(known, named, baseOf)), named };
}

/**
 * The review's answer as an object (full or compact), with `resend` when known rows were sent;
 * its `onlyInTarget` is an async iterable of entries (read while the answer is written).
 */
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
  const { rows, known = [], scope, answer } = body;
  const fromKnown = await confirmed(ctx, known);
  const all = [...rows, ...fromKnown.rows];
  // Issues past maxIssuesPerRow are counted (`issuesOmitted`), not listed: the answer stays
  // proportional to the request (issue 11).
  const options = {
    today: new Date(ctx.runtime.now()),
    known: fromKnown.clients,
    maxIssues: maxIssuesPerRow,
  };
  const validated = validateRows(all, options);
  const existing = await officeCache(
    ctx.db,
    ctx.officeId,
    candidatesOf(all, validated),
    undefined,
    new Map(fromKnown.named.map((e) => [e.id, e])),
  );
  const baseOf = await loadBaseOf(ctx.db, ctx.officeId, all, existing);
  // Against the candidates only, reconcile's own onlyInTarget would list just the unmatched
  // candidates: it is asked for none and read from the whole cache below.
  const result = reconcileValidated(all, validated, existing, {
    ...options,
    baseOf,
    inScope: () => false,
  });
  const matched = new Set<string>();
  for (const m of result.matching) matched.add(m.id);
  for (const i of result.invalid) if (i.id !== undefined) matched.add(i.id);
  const resend = known.length > 0 ? { resend: fromKnown.resend } : {};
  return {
    ...(answer === "compact" ? compactResult(result) : result),
    // "Only in PulseBridge" not asked for (`false`): empty.
    onlyInTarget:
      body.onlyInTarget === false ? [] : unmatchedClients(ctx.db, ctx.officeId, scope, matched),
    ...resend,
  };
}
