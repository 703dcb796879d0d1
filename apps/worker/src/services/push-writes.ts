/**
 * A push's rows written in several D1 batches, out of sight until one last batch makes the import
 * (issue 11/17). One batch carrying every row held all their JSON twice in the isolate (the rows',
 * then the batch's parameters inside workerd's D1 binding: ~48 MB of the worst accepted push).
 * The rows go where a staged push's parts go (ADR 0021): a stage of the push's own, never shown,
 * whose rows the last batch moves into `import_rows` with one insert … select, beside the import,
 * its audit and its event. A push that dies between batches leaves only that stage's rows: nothing
 * reads them, they count against the office's quota until they expire with the stage
 * (STAGED_IMPORT_TTL_MINUTES) and are dropped (dropExpiredStages, the cron and the next push).
 */
import { runBatch, type Statement } from "../db/batch.js";
import {
  clearStageStatements,
  deleteStageStatement,
  dropExpiredStages,
  insertStagePartStatement,
  insertStageRowsStatements,
  insertStageStatement,
  moveStageRowsStatement,
  type StageRecord,
} from "../db/queries/import-stages.js";
import { insertImportRowsStatements, type RowChunk } from "../db/queries/imports.js";
import type { ServiceContext } from "./context.js";
import { type Answer, commitOrReplay } from "./idempotent.js";

/** The import being written: its id is the hidden stage's id, and the import's own. */
export interface PushWrite {
  id: string;
  requestHash: string;
  source: string;
  createdBy: string;
  keyId: string;
  scope: string;
  now: number;
}

/**
 * Writes the rows of `chunks` and then `last` (the import, its audit and event): one batch when the
 * rows fit one chunk (as before), else one batch per chunk into the push's hidden stage and a last
 * batch that moves them and commits `last`. Null once committed; the winner's answer when the same
 * request committed first (commitOrReplay).
 */
export async function writePush<T>(
  ctx: ServiceContext,
  push: PushWrite,
  chunks: Generator<RowChunk>,
  last: Statement[],
  replay: () => Promise<Answer<T> | null>,
): Promise<Answer<T> | null> {
  const { db, officeId } = ctx;
  const first = chunks.next();
  const second = first.done ? first : chunks.next();
  if (second.done) {
    const rows = first.done ? [] : [first.value.payload];
    const [header, ...rest] = last;
    return commitOrReplay(
      db,
      [header!, ...insertImportRowsStatements(db, officeId, push.id, rows), ...rest],
      replay,
    );
  }
  // Stages this office's killed pushes left behind go first: they hold quota until dropped.
  await dropExpiredStages(db, push.now, officeId);
  const stage: StageRecord = {
    officeId,
    id: push.id,
    // Unique per push (the key's index is per office) and unlike a staged import's: the import's
    // id is random, so no request can name this stage before it is gone.
    idempotencyKey: `push:${push.id}`,
    requestHash: push.requestHash,
    source: push.source,
    createdBy: push.createdBy,
    keyId: push.keyId,
    scope: push.scope,
    status: "open",
    createdAt: push.now,
    expiresAt: push.now + ctx.runtime.config.STAGED_IMPORT_TTL_MINUTES * 60_000,
  };
  const part = (n: number, chunk: RowChunk): Statement[] => [
    insertStagePartStatement(db, {
      officeId,
      stageId: push.id,
      part: n,
      requestHash: push.requestHash,
      rowCount: chunk.rows,
      storedBytes: chunk.bytes,
      counts: "{}",
    }),
    ...insertStageRowsStatements(db, officeId, push.id, n, [chunk.payload]),
  ];
  const cleared = [
    ...clearStageStatements(db, officeId, push.id),
    deleteStageStatement(db, officeId, push.id),
  ];
  // A push that failed or lost to the same request: nothing of it is visible; its rows go now
  // rather than at the stage's expiry, if the database still answers (a dead isolate cannot).
  const dropStage = () => runBatch(db, cleared).catch(() => {});
  try {
    await runBatch(db, [insertStageStatement(db, stage), ...part(0, first.value!)]);
    await runBatch(db, part(1, second.value));
    let n = 2;
    for (const chunk of chunks) await runBatch(db, part(n++, chunk));
    const [header, ...rest] = last;
    const raced = await commitOrReplay(
      db,
      [header!, moveStageRowsStatement(db, officeId, push.id), ...rest, ...cleared],
      replay,
    );
    if (raced) await dropStage();
    return raced;
  } catch (err) {
    await dropStage();
    throw err;
  }
}
