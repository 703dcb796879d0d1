/**
 * A push too big for one request (ADR 0021): open a stage, send its parts (each reconciled like a
 * push of its own, kept out of sight), commit them as one import at once. Each step is idempotent.
 */
import {
  maxStagedImportRows,
  type StagedImportRequest,
  type StagedPartRequest,
} from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  dropExpiredStages,
  findStageByKey,
  getStage,
  getStagePart,
  insertStagePartStatement,
  insertStageRowsStatements,
  insertStageStatement,
  type StageRecord,
  stagedBytes,
  stagedRefsAmong,
  stageTotals,
} from "../db/queries/import-stages.js";
import { findImportByKey, importStorageBytes } from "../db/queries/imports.js";
import { hashBetweenCollections } from "../imports/phase-gc.js";
import { checkQuota, prepareImport } from "../imports/prepare.js";
import { hashRequest } from "../imports/request-hash.js";
import { ApiError, notFound } from "../lib/errors.js";
import { actingKey, type ServiceContext } from "./context.js";
import { commitOrReplay, fresh, priorAnswer } from "./idempotent.js";

/** A stage as the API shows it, with the parts and rows it holds so far. */
async function stageView(db: Db, s: StageRecord) {
  const totals = await stageTotals(db, s.officeId, s.id);
  return {
    id: s.id,
    status: s.status,
    expiresAt: new Date(s.expiresAt).toISOString(),
    parts: totals.parts,
    rows: totals.rows,
  };
}

/** The stage if it still takes parts: unknown (or another office's) is a 404, closed a 409. */
export function openStage(stage: StageRecord | null, now: number): StageRecord {
  if (!stage) throw notFound();
  if (stage.status !== "open")
    throw new ApiError("staged_import_closed", "This staged import was committed already.");
  if (stage.expiresAt <= now)
    throw new ApiError(
      "staged_import_closed",
      "This staged import expired before its commit; its parts are dropped. Push again.",
    );
  return stage;
}

/**
 * Opens a stage under the push's key (it becomes the committed import's key: a key a push used is
 * taken). The same key and body answer the same stage. Expired stages of the office go first.
 */
export async function openStagedImport(
  ctx: ServiceContext,
  key: string,
  body: StagedImportRequest,
) {
  const { db, officeId } = ctx;
  const { now: clock, config } = ctx.runtime;
  const requestHash = hashRequest(body);
  const replay = async () =>
    priorAnswer(
      await findStageByKey(db, officeId, key),
      requestHash,
      "This Idempotency-Key was used for a different staged import.",
      (prior) => stageView(db, prior),
    );
  const prior = await replay();
  if (prior) return prior;
  // The key becomes the committed import's: a key already used by a push is taken.
  if (await findImportByKey(db, officeId, key))
    throw new ApiError("idempotency_conflict", "This Idempotency-Key was used for an import.");
  const now = clock();
  // Abandoned stages of this office go first: they hold quota until dropped.
  await dropExpiredStages(db, now, officeId);
  const stage: StageRecord = {
    officeId,
    id: crypto.randomUUID(),
    idempotencyKey: key,
    requestHash,
    source: body.source,
    createdBy: body.createdBy,
    keyId: actingKey(ctx),
    scope: JSON.stringify(body.scope ?? { mode: "all" }),
    status: "open",
    createdAt: now,
    expiresAt: now + config.STAGED_IMPORT_TTL_MINUTES * 60_000,
  };
  const raced = await commitOrReplay(db, [insertStageStatement(db, stage)], replay);
  return raced ?? fresh(await stageView(db, stage));
}

/**
 * Receives one part: validated and reconciled now (a stale overwrite is a 409), stored out of sight
 * until the commit. A ref another part used is a 400 naming both; the same part and body again
 * answer its first result, another body a 409.
 */
export async function putStagedPart(
  ctx: ServiceContext,
  id: string,
  part: number,
  body: StagedPartRequest,
) {
  const { db, officeId } = ctx;
  const { now: clock, config } = ctx.runtime;
  const now = clock();
  const stage = openStage(await getStage(db, officeId, id), now);
  // As a push's phases (phase-gc.ts): a large part's garbage goes before the next phase allocates.
  const { requestHash, collect } = hashBetweenCollections(ctx.runtime, body);
  const replay = async () =>
    priorAnswer(
      await getStagePart(db, officeId, id, part),
      requestHash,
      `Part ${part} of this staged import was sent before with other rows.`,
      (prior) => ({ part, counts: JSON.parse(prior.counts) }),
    );
  const prior = await replay();
  if (prior) return prior;

  const totals = await stageTotals(db, officeId, stage.id);
  if (totals.rows + body.rows.length > maxStagedImportRows)
    throw new ApiError(
      "payload_too_large",
      `A staged import holds at most ${maxStagedImportRows} rows; it has ${totals.rows}, this part ${body.rows.length}.`,
    );
  const taken = await stagedRefsAmong(
    db,
    officeId,
    stage.id,
    part,
    body.rows.map((r) => r.ref),
  );
  if (taken.length > 0) {
    const at = new Map(body.rows.map((r, i) => [r.ref, i]));
    throw new ApiError(
      "validation_failed",
      "Some refs were already sent in another part; refs must be unique in the whole import.",
      taken.slice(0, 100).map((t) => ({
        field: `rows.${at.get(t.ref)}.ref`,
        ref: t.ref,
        code: "duplicate_ref",
        message: `Ref "${t.ref.slice(0, 50)}" is also in part ${t.part}.`,
      })),
    );
  }

  const { built, chunks, bytes } = await prepareImport(db, officeId, body, now, true);
  collect();
  const used = (await importStorageBytes(db, officeId)) + (await stagedBytes(db, officeId, now));
  checkQuota(used, bytes, config.IMPORT_STORAGE_BYTES_PER_OFFICE);
  // The part and its rows together: a part is there whole or not at all. The same part sent
  // twice at once: the first one's answer.
  const raced = await commitOrReplay(
    db,
    [
      insertStagePartStatement(db, {
        officeId,
        stageId: stage.id,
        part,
        requestHash,
        rowCount: built.counts.rows,
        storedBytes: bytes,
        counts: JSON.stringify(built.counts),
      }),
      // A part is written whole (its rows with its record), so all its rows' JSON goes at once.
      ...insertStageRowsStatements(
        db,
        officeId,
        stage.id,
        part,
        Array.from(chunks(), (c) => c.payload),
      ),
    ],
    replay,
  );
  return raced ?? fresh({ part, counts: built.counts });
}
