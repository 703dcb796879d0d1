import { runBatch, type Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { addWriteTimeStatement, getSyncState, leaseGuardStatement } from "../db/queries/sync.js";

/**
 * A holder of an office's sync lease: every batch it writes starts with the lease guard, and carries
 * the time the writer's earlier batches took onto the run (`sync_runs.write_ms`: the D1 write part
 * of the sync's rate-limit bound, issue 17).
 */
export interface LeaseWriter {
  owner: string;
  /** Writes all statements or none; throws `LeaseLost` when the lease (or run) is no longer ours. */
  write(runId: string | null, statements: Statement[]): Promise<void>;
}

export class LeaseLost extends Error {
  constructor() {
    super("the sync lease was lost: another step took over; nothing was written");
  }
}

export function leaseWriter(
  deps: { db: Db; now: () => number; afterCommit?: () => void },
  officeId: string,
  owner: string,
): LeaseWriter {
  /** Milliseconds spent in batches whose time is not yet on the run (added with the next batch). */
  let unrecorded = 0;
  return {
    owner,
    async write(runId, statements) {
      const now = deps.now();
      const carried = runId === null ? 0 : Math.round(unrecorded);
      const started = performance.now();
      try {
        await runBatch(deps.db, [
          leaseGuardStatement(deps.db, officeId, owner, runId, now),
          ...statements,
          ...(runId !== null && carried > 0
            ? [addWriteTimeStatement(deps.db, runId, carried)]
            : []),
        ]);
        unrecorded += performance.now() - started - carried;
      } catch (e) {
        // The guard's abort, or a real failure? Only the state row can tell.
        const state = await getSyncState(deps.db, officeId);
        if (state?.leaseOwner !== owner || (state.leaseUntil ?? 0) < now || state.runId !== runId)
          throw new LeaseLost();
        throw e;
      }
      // Committed: whatever events the batch queued can go out now, not at the step's end.
      deps.afterCommit?.();
    },
  };
}
