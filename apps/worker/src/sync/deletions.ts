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
import { LeaseLost, type LeaseWriter, leaseWriter } from "./lease.js";
import { deletionProofProblem } from "./scan-proof.js";

const tombstoneChunk = 200;

type Deps = { db: Db; now: () => number; config: { SYNC_DELETE_MAX_PERCENT: number } };

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
    const n = await tombstoneBatch(deps, w, runId, officeId, run);
    if (n < tombstoneChunk) return { status: "done", statements: [] };
  }
  return { status: "more" };
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
    tombstoneStatement(db, officeId, deps.now(), ids),
    bumpOfficeSeqStatement(db, officeId, ids.length),
    addToRunStatement(db, run.id, { deleted: ids.length }),
  ]);
  return ids.length;
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
