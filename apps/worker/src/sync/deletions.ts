import type { Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { auditStatement } from "../db/queries/audit.js";
import {
  bumpOfficeSeqStatement,
  deletionShare,
  tombstoneStatement,
  unseenClients,
} from "../db/queries/clients.js";
import {
  acquireLease,
  addToRunStatement,
  deletionCheckCursorStatement,
  deletionsCheckedStatement,
  finishRunStatement,
  getRun,
  latestFullRun,
  recordRunError,
  releaseLeaseStatement,
  type SyncStateRow,
} from "../db/queries/sync.js";
import { emitStatement, feedEventStatement } from "../webhooks/events.js";
import { LeaseLost, type LeaseWriter, leaseWriter } from "./lease.js";
import { nameLinks, targetsFor } from "./link-names.js";
import { pageStatements, templatesForPage } from "./page-write.js";
import { deletionProofProblem } from "./scan-proof.js";
import type { RelationSource, SourceProblem, SourceRecord } from "./source.js";

const tombstoneChunk = 200;

type Deps = {
  db: Db;
  now: () => number;
  config: { SYNC_DELETE_MAX_PERCENT: number };
  /** To ask AdminPulse about each client before deleting it. */
  source: RelationSource;
};

/**
 * The AdminPulse calls this step may still make: `take` grants one (and counts it) or says the
 * step's page and time budget is spent (engine `StepOptions.maxPages`/`maxMs`).
 */
export interface CallBudget {
  take(): boolean;
}

const unlimited: CallBudget = { take: () => true };

/** Problem recorded on a client the list left out but AdminPulse still answers by its key. */
export const unlistedProblem: SourceProblem = {
  code: "upstream.unlisted",
  field: "",
  seen: "missing from GET /relations but found by its key (inactive or hidden?); not deleted",
};

export type DeletionStep =
  | { status: "done"; statements: Statement[] }
  | { status: "more" }
  | { status: "held"; held: number; statements: Statement[] };

const finalizing = { phase: "finalizing", page: null } as const;

/**
 * The deletions of a finished relation scan (ADR 0013). Only a scan that proves absence deletes
 * (`deletionProofProblem`). Then every client it did not see is asked for by key
 * (`checkUnseen`): what AdminPulse still answers is kept, and only what it answers 404 for by
 * every key is a deletion. Those deletions, if more than SYNC_DELETE_MAX_PERCENT of the office's
 * live clients, are held for an admin (POST /v1/sync/runs/{id}/confirm-deletions) and audited.
 * `statements` go into the run's closing batch; "more" means the step's budget ran out and the
 * next step continues.
 */
export async function finishDeletions(
  deps: Deps,
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  maxBatches: number,
  /** Calls to AdminPulse this step may still make (the per-key check spends them). */
  calls: CallBudget = unlimited,
): Promise<DeletionStep> {
  const { db } = deps;
  const runId = state.runId!;
  const problem = deletionProofProblem(state);
  if (problem) {
    await recordRunError(
      db,
      runId,
      `${problem}; deletions deferred to the next full run`,
      deps.now(),
      finalizing,
    );
    return { status: "done", statements: [] };
  }
  const run = await getRun(db, officeId, runId);
  if (!run) return { status: "done", statements: [] };
  if (run.deletionsCheckedAt === null) {
    const outcome = await checkUnseen(deps, w, officeId, state, run, calls);
    if (outcome === "budget") return { status: "more" };
    if (outcome === "unconfirmed") {
      await recordRunError(
        db,
        runId,
        "deletions_unconfirmed: AdminPulse did not answer while the deletions were checked one by one; deferred to the next full run",
        deps.now(),
        finalizing,
      );
      return { status: "done", statements: [] };
    }
  }
  // Every client still unseen now was answered 404 by every key: those are the deletions.
  const checked = (await getRun(db, officeId, runId)) ?? run;
  const share = await deletionShare(db, officeId, checked);
  if (share.unseen === 0) return { status: "done", statements: [] };
  const percent = deps.config.SYNC_DELETE_MAX_PERCENT;
  if (share.unseen * 100 > share.live * percent) {
    const details = { runId, held: share.unseen, liveClients: share.live, maxPercent: percent };
    return {
      status: "held",
      held: share.unseen,
      statements: [
        emitStatement(db, {
          officeId,
          type: "sync.deletions_held",
          now: deps.now(),
          data: details,
        }),
        auditStatement(db, {
          id: crypto.randomUUID(),
          officeId,
          at: deps.now(),
          actorKeyId: null,
          actorName: null,
          action: "sync.deletions_held",
          target: runId,
          details,
        }),
      ],
    };
  }
  for (let i = 0; i < maxBatches; i++) {
    const n = await tombstoneBatch(deps, w, runId, officeId, checked);
    if (n < tombstoneChunk) return { status: "done", statements: [] };
  }
  return { status: "more" };
}

/** Answers committed together (with the cursor): a kill re-asks at most this many. */
const checkChunk = 10;

/**
 * Each client a proven scan did not see is asked for by its keys (APR code, then UUID): the list
 * may hide relations that still exist (inactive ones, N8). Found: written as seen with
 * `upstream.unlisted` on it, never deleted. 404 by every key: left unseen — a deletion. Answers
 * are committed in chunks with the run's cursor (`deletion_check_after`), so a step killed
 * mid-check resumes after the last committed client. Every call spends the step's budget; a 429
 * that outlasted the client's retries is pacing, not failure: the next step goes on ("budget").
 * Any other failure: "unconfirmed" (nothing more is deleted this run).
 */
async function checkUnseen(
  deps: Deps,
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  run: { id: string; startedAt: number; deletionCheckAfter: string | null },
  calls: CallBudget,
): Promise<"checked" | "budget" | "unconfirmed"> {
  const { db } = deps;
  let after = run.deletionCheckAfter;
  for (;;) {
    const unseen = await unseenClients(db, officeId, run, checkChunk, { after });
    if (unseen.length === 0) {
      await w.write(run.id, [deletionsCheckedStatement(db, run.id, deps.now())]);
      return "checked";
    }
    const found: SourceRecord[] = [];
    let last: string | null = null;
    let stop: "budget" | "unconfirmed" | null = null;
    for (const c of unseen) {
      if (!calls.take()) {
        stop = "budget";
        break;
      }
      const res = await deps.source.getRelation({
        adminpulseId: c.adminpulse_id,
        uniqueIdentifier: c.unique_identifier,
      });
      if (!res.ok) {
        stop = res.error.kind === "rate_limited" ? "budget" : "unconfirmed";
        break;
      }
      if (res.value !== null)
        found.push({ ...res.value, problems: [...(res.value.problems ?? []), unlistedProblem] });
      last = c.id;
    }
    if (last !== null) {
      // Written like a relation page: links named, with this run's staged templates (ADR 0023,
      // 0025), once.
      const { records } = nameLinks(found, await targetsFor(db, officeId, run.id, found));
      const page = await pageStatements(
        deps,
        officeId,
        run.id,
        records,
        found.map((r) => r.adminpulseId),
        await templatesForPage(db, officeId, state, records),
      );
      await w.write(run.id, [
        ...page.statements,
        addToRunStatement(db, run.id, {
          updated: page.added + page.updated,
          ...(found.length > 0 ? { problems: { [unlistedProblem.code]: found.length } } : {}),
        }),
        deletionCheckCursorStatement(db, run.id, last),
      ]);
      after = last;
    }
    if (stop) return stop;
  }
}

/**
 * Tombstones up to one chunk of the clients `run` did not see and asked for by key (up to its
 * check's cursor: each was answered 404 by every key); returns how many.
 */
async function tombstoneBatch(
  deps: Pick<Deps, "db" | "now">,
  w: LeaseWriter,
  /** The run the lease guard expects open: the finishing run, or null (idle) for a confirmation. */
  openRunId: string | null,
  officeId: string,
  run: { id: string; startedAt: number; deletionCheckAfter: string | null },
): Promise<number> {
  const { db } = deps;
  if (run.deletionCheckAfter === null) return 0;
  const upTo = run.deletionCheckAfter;
  const ids = (await unseenClients(db, officeId, run, tombstoneChunk, { upTo })).map((g) => g.id);
  if (ids.length === 0) return 0;
  await w.write(openRunId, [
    ...tombstoneStatements(db, officeId, deps.now(), ids, run.id),
    addToRunStatement(db, run.id, { deleted: ids.length }),
  ]);
  return ids.length;
}

/**
 * Tombstones for `ids`, their change_seqs, and the `clients.deleted` webhook, in one piece: every
 * deletion path writes all three in its batch (one path once forgot the event).
 */
function tombstoneStatements(
  db: Db,
  officeId: string,
  now: number,
  ids: string[],
  runId: string,
): Statement[] {
  return [
    tombstoneStatement(db, officeId, now, ids),
    bumpOfficeSeqStatement(db, officeId, ids.length),
    feedEventStatement(db, { officeId, now, count: ids.length, runId, type: "clients.deleted" }),
  ];
}

export type ConfirmResult =
  | { ok: true; deleted: number }
  | { ok: false; reason: "not_found" | "not_held" | "unchecked" | "stale" | "busy" };

/**
 * An admin confirms the deletions a run held: clients AdminPulse answered 404 for by every key
 * during that run (the per-key check ran before the hold). Only the office's latest full run may
 * be confirmed (a newer run carries newer evidence), under the sync lease so no step runs
 * meanwhile; clients confirmed by anything since the run started (an on-demand refresh) are not
 * deleted. AdminPulse is not asked again here: every held client already answered 404, the
 * evidence is at most one full-sync interval old (a newer full run makes the hold stale), and
 * re-asking hundreds of keys would not fit one request's subrequest and rate budget. A hold from
 * before the per-key check existed ("unchecked") cannot be confirmed: the next full run decides.
 */
export async function confirmHeldDeletions(
  deps: Pick<Deps, "db" | "now"> & { leaseMs: number },
  officeId: string,
  runId: string,
  actor: { keyId: string | null; name: string | null },
): Promise<ConfirmResult> {
  const { db } = deps;
  const run = await getRun(db, officeId, runId);
  if (run?.kind !== "full") return { ok: false, reason: "not_found" };
  if (run.status !== "deletions_held") return { ok: false, reason: "not_held" };
  if (run.deletionsCheckedAt === null) return { ok: false, reason: "unchecked" };
  if ((await latestFullRun(db, officeId))?.id !== run.id) return { ok: false, reason: "stale" };
  const owner = crypto.randomUUID();
  const state = await acquireLease(db, officeId, owner, deps.now(), deps.leaseMs);
  if (!state || state.runId !== null) {
    if (state) await releaseLeaseStatement(db, officeId, owner);
    return { ok: false, reason: "busy" };
  }
  const w = leaseWriter(deps, officeId, owner);
  let deleted = 0;
  try {
    for (;;) {
      const n = await tombstoneBatch(deps, w, null, officeId, run);
      deleted += n;
      if (n < tombstoneChunk) break;
    }
    await w.write(null, [
      finishRunStatement(db, run.id, "completed", run.finishedAt ?? deps.now()),
      auditStatement(db, {
        id: crypto.randomUUID(),
        officeId,
        at: deps.now(),
        actorKeyId: actor.keyId,
        actorName: actor.name,
        action: "sync.deletions_confirmed",
        target: run.id,
        details: { runId: run.id, held: run.deletionsHeld, deleted },
      }),
    ]);
    return { ok: true, deleted };
  } catch (e) {
    if (e instanceof LeaseLost) return { ok: false, reason: "busy" };
    throw e;
  } finally {
    await releaseLeaseStatement(db, officeId, owner);
  }
}
