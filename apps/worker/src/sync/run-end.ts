import type { Db } from "../db/client.js";
import { clearPendingStatement } from "../db/queries/pending-clients.js";
import {
  finishRunStatement,
  type RunErrorPlace,
  type SyncStateRow,
  updateStateStatement,
} from "../db/queries/sync.js";
import { clearTaskLinksStatement } from "../db/queries/task-links.js";
import { emitStatement } from "../webhooks/events.js";

/**
 * The statements that end an open run as failed and leave the office idle (the next run starts
 * from the first page): `message` starts with a stable code (`page_unreadable:`,
 * `connection_expired:` …). To be written through the lease holder's guarded writer.
 */
export function failRunStatements(
  db: Db,
  officeId: string,
  owner: string,
  runId: string,
  now: number,
  message: string,
  /** Where the run was when it ended (kept with the message in the run's `errors`). */
  where: RunErrorPlace,
) {
  return [
    finishRunStatement(db, runId, "failed", now, { message, where }),
    // Webhook `sync.failed` in the same batch (ADR 0022): the code only, never the upstream message.
    emitStatement(db, {
      officeId,
      type: "sync.failed",
      now,
      data: { runId, reason: message.split(":")[0] ?? "failed" },
    }),
    updateStateStatement(db, officeId, owner, {
      runId: null,
      phase: "idle",
      nextPage: 0,
      pageFailures: 0,
    }),
    clearTaskLinksStatement(db, officeId),
    // A failed run's deferred clients (ADR 0025) come with the next run, which reads them again.
    clearPendingStatement(db, officeId),
  ];
}

/** Where a run is, for its error notes: the phase and the page it was reading. */
export function placeOf(
  state: Pick<SyncStateRow, "phase" | "nextPage" | "taskNextPage">,
): RunErrorPlace {
  if (state.phase === "paging") return { phase: state.phase, page: state.nextPage };
  if (state.phase === "tasks") return { phase: state.phase, page: state.taskNextPage };
  return { phase: state.phase === "finalizing" ? state.phase : null, page: null };
}
