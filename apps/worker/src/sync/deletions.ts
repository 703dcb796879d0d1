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
  finishRunStatement,
  getRun,
  latestFullRun,
  recordRunError,
  releaseLeaseStatement,
  type SyncStateRow,
} from "../db/queries/sync.js";
import { emitStatement, feedEventStatement } from "../webhooks/events.js";
import { LeaseLost, type LeaseWriter, leaseWriter } from "./lease.js";
import { pageStatements } from "./page-write.js";
import { deletionProofProblem } from "./scan-proof.js";
import type { RelationSource, SourceProblem, SourceRecord } from "./source.js";

const tombstoneChunk = 200;

type Deps = {
  db: Db;
  now: () => number;
  config: { SYNC_DELETE_MAX_PERCENT: number };
  /** To ask AdminPulse about each client before deleting it (absent: no such check). */
  source?: RelationSource;
};

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

/**
 * The deletions of a finished relation scan (ADR 0013). Only a scan that proves absence deletes
 * (`deletionProofProblem`); a proven scan that would delete more than SYNC_DELETE_MAX_PERCENT of the
 * office's live clients holds them all for an admin (POST /v1/sync/runs/{id}/confirm-deletions)
 * and audits that. `statements` go into the run's closing batch; "more" means the tombstone budget
 * ran out and the next step continues.
 */
export async function finishDeletions(
  deps: Deps,
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  maxBatches: number,
  /** Calls to AdminPulse this step may still make (the deletion check spends them). */
  calls: { left: number } = { left: Number.POSITIVE_INFINITY },
): Promise<DeletionStep> {
  const { db } = deps;
  const runId = state.runId!;
  const problem = deletionProofProblem(state);
  if (problem) {
    await recordRunError(db, runId, `${problem}; deletions deferred to the next full run`);
    return { status: "done", statements: [] };
  }
  const run = await getRun(db, officeId, runId);
  if (!run) return { status: "done", statements: [] };
  const share = await deletionShare(db, officeId, run);
  if (share.unseen === 0) return { status: "done", statements: [] };
  const percent = deps.config.SYNC_DELETE_MAX_PERCENT;
  if (share.unseen * 100 > share.live * percent) {
    return {
      status: "held",
      held: share.unseen,
      statements: [
        emitStatement(db, {
          officeId,
          type: "sync.deletions_held",
          now: deps.now(),
          data: { runId, held: share.unseen, liveClients: share.live, maxPercent: percent },
        }),
        auditStatement(db, {
          id: crypto.randomUUID(),
          officeId,
          at: deps.now(),
          actorKeyId: null,
          actorName: null,
          action: "sync.deletions_held",
          target: runId,
          details: { runId, held: share.unseen, liveClients: share.live, maxPercent: percent },
        }),
      ],
    };
  }
  for (let i = 0; i < maxBatches; i++) {
    const n = deps.source
      ? await confirmAndTombstone({ ...deps, source: deps.source }, w, officeId, run, calls)
      : await tombstoneBatch(deps, w, runId, officeId, run);
    if (n === "unconfirmed") {
      await recordRunError(
        db,
        runId,
        "deletions_unconfirmed: AdminPulse did not answer while the deletions were checked one by one; deferred to the next full run",
      );
      return { status: "done", statements: [] };
    }
    if (n === "budget") return { status: "more" };
    if (n < tombstoneChunk) return { status: "done", statements: [] };
  }
  return { status: "more" };
}

/** Relations asked for one by one before deletion, per chunk. */
const confirmChunk = 20;

/**
 * Each client a proven scan did not see is asked for by its keys (APR code, then UUID) before it is
 * deleted: the list may hide relations that still exist (inactive ones, N8). Found: written as seen
 * with `upstream.unlisted` on it, never deleted. 404 by every key: tombstoned. Each answer is
 * written before the next chunk, so a killed step resumes where it stopped. The calls spend the
 * step's page budget (`calls.left`); "budget" means the next step goes on.
 */
async function confirmAndTombstone(
  deps: Pick<Deps, "db" | "now"> & { source: RelationSource },
  w: LeaseWriter,
  officeId: string,
  run: { id: string; startedAt: number },
  calls: { left: number },
): Promise<number | "budget" | "unconfirmed"> {
  const { db } = deps;
  if (calls.left <= 0) return "budget";
  const unseen = await unseenClients(db, officeId, run, confirmChunk);
  if (unseen.length === 0) return 0;
  const gone: string[] = [];
  const found: SourceRecord[] = [];
  for (const c of unseen) {
    if (calls.left <= 0) break;
    calls.left--;
    const res = await deps.source.getRelation({
      adminpulseId: c.adminpulse_id,
      uniqueIdentifier: c.unique_identifier,
    });
    if (!res.ok) return "unconfirmed";
    if (res.value === null) gone.push(c.id);
    else found.push({ ...res.value, problems: [...(res.value.problems ?? []), unlistedProblem] });
  }
  const page = await pageStatements(
    deps,
    officeId,
    run.id,
    found,
    found.map((r) => r.adminpulseId),
  );
  await w.write(run.id, [
    ...page.statements,
    ...(gone.length > 0 ? tombstoneStatements(db, officeId, deps.now(), gone, run.id) : []),
    addToRunStatement(db, run.id, {
      deleted: gone.length,
      updated: page.added + page.updated,
      ...(found.length > 0 ? { problems: { [unlistedProblem.code]: found.length } } : {}),
    }),
  ]);
  if (gone.length + found.length < unseen.length) return "budget";
  // A full chunk may have more behind it: report it as full so the caller loops.
  return unseen.length < confirmChunk ? 0 : tombstoneChunk;
}

/** Tombstones up to one chunk of the clients `run` did not see; returns how many. */
async function tombstoneBatch(
  deps: Pick<Deps, "db" | "now">,
  w: LeaseWriter,
  /** The run the lease guard expects open: the finishing run, or null (idle) for a confirmation. */
  openRunId: string | null,
  officeId: string,
  run: { id: string; startedAt: number },
): Promise<number> {
  const { db } = deps;
  const ids = (await unseenClients(db, officeId, run, tombstoneChunk)).map((g) => g.id);
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
  | { ok: false; reason: "not_found" | "not_held" | "stale" | "busy" };

/**
 * An admin confirms the deletions a run held. Only the office's latest full run may be confirmed
 * (a newer run carries newer evidence), under the sync lease so no step runs meanwhile; clients
 * confirmed by anything since the run started (an on-demand refresh) are not deleted.
 */
export async function confirmHeldDeletions(
  deps: Pick<Deps, "db" | "now"> & { leaseMs: number },
  officeId: string,
  runId: string,
  actor: { keyId: string; name: string | null },
): Promise<ConfirmResult> {
  const { db } = deps;
  const run = await getRun(db, officeId, runId);
  if (run?.kind !== "full") return { ok: false, reason: "not_found" };
  if (run.status !== "deletions_held") return { ok: false, reason: "not_held" };
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
