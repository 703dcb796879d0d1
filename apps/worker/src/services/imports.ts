/**
 * Pushes (issue 14): one push stored all or nothing, and its withdrawal. A push too big for one
 * request goes in parts (staged-imports.ts). Every write is idempotent under its key.
 */
import {
  type ImportRequest,
  type ImportResponse,
  type ImportSummary,
  maxRejectedInResponse,
  type WithdrawImportRequest,
} from "@pulsebridge/core";
import { runBatch } from "../db/batch.js";
import { getStage } from "../db/queries/import-stages.js";
import {
  findImportByKey,
  getImport,
  importStorageBytes,
  insertImportStatement,
  withdrawImportStatements,
} from "../db/queries/imports.js";
import { rejectedIdx } from "../imports/build.js";
import { hashBetweenCollections } from "../imports/phase-gc.js";
import { checkQuota, prepareImport } from "../imports/prepare.js";
import { ApiError, notFound } from "../lib/errors.js";
import { importResponse } from "../routes/v1/imports/read.js";
import { toImportSummary } from "../routes/v1/imports/schema.js";
import { emitStatement } from "../webhooks/events.js";
import { actingKey, auditEntry, type ServiceContext } from "./context.js";
import { type Answer, fresh, priorAnswer } from "./idempotent.js";
import { writePush } from "./push-writes.js";

/**
 * Stores a push: its rows validated and reconciled again, the import, every row, the audit and the
 * `import.pushed` event in one batch. The same key with the same body answers the stored result;
 * with another body a 409 `idempotency_conflict`.
 */
export async function pushImport(
  ctx: ServiceContext,
  key: string,
  body: ImportRequest,
): Promise<Answer<ImportResponse>> {
  const { db, officeId } = ctx;
  const { now: clock, config, notifyWebhooks } = ctx.runtime;
  // Each phase of a large push reuses the memory the phase before let go (phase-gc.ts).
  const { requestHash, collect } = hashBetweenCollections(ctx.runtime, body);
  const replay = async () =>
    priorAnswer(
      await findImportByKey(db, officeId, key),
      requestHash,
      "This Idempotency-Key was used for a different import.",
      (prior) => importResponse(db, prior),
    );
  const prior = await replay();
  if (prior) return prior;

  const now = clock();
  const { built, chunks, bytes } = await prepareImport(db, officeId, body, now);
  collect();
  const id = crypto.randomUUID();
  const used = await importStorageBytes(db, officeId);
  checkQuota(used, bytes, config.IMPORT_STORAGE_BYTES_PER_OFFICE);
  const header = {
    officeId,
    id,
    idempotencyKey: key,
    requestHash,
    source: body.source,
    createdBy: body.createdBy,
    keyId: actingKey(ctx),
    status: built.status,
    rowCount: built.counts.rows,
    created: built.counts.created,
    updated: built.counts.updated,
    unchanged: built.counts.unchanged,
    rejected: built.counts.rejected,
    storedBytes: bytes,
    createdAt: now,
  };
  const audit = (action: string, details: Record<string, unknown>) =>
    auditEntry(ctx, { at: now, action, target: id, person: body.createdBy, details });
  // The import, every row and the audit events become visible together or not at all: the rows
  // in batches of IMPORT_BATCH_BYTES out of sight, then one batch (push-writes.ts). A race lost to
  // the same key answers the winner's import.
  const raced = await writePush(
    ctx,
    {
      id,
      requestHash,
      source: body.source,
      createdBy: body.createdBy,
      keyId: header.keyId,
      scope: JSON.stringify(body.scope ?? { mode: "all" }),
      now,
    },
    chunks(config.IMPORT_BATCH_BYTES),
    [
      insertImportStatement(db, header),
      audit("import.pushed", {
        source: body.source,
        createdBy: body.createdBy,
        counts: built.counts,
        scope: body.scope ?? { mode: "all" },
      }),
      emitStatement(db, {
        officeId,
        type: "import.pushed",
        now,
        data: { importId: id, status: built.status, counts: built.counts },
      }),
      ...(built.overwrites.length > 0
        ? [audit("import.overwrites", { createdBy: body.createdBy, overwrites: built.overwrites })]
        : []),
    ],
    replay,
  );
  if (raced) return raced;
  await notifyWebhooks?.(officeId);
  return fresh({
    ...toImportSummary(header),
    rejected: built.rejected.slice(0, maxRejectedInResponse),
    rejectedNextCursor:
      built.rejected.length > maxRejectedInResponse
        ? String(rejectedIdx(built.rows, maxRejectedInResponse - 1))
        : null,
  });
}

/**
 * Marks a pushed import withdrawn, with who and why, audited as `import.withdrawn` (its rows stay
 * readable). The same key again answers the withdrawal; anything else that cannot be withdrawn
 * (withdrawn by another request, rejected whole, a staged import never committed) is a 409
 * `import_not_withdrawable`.
 */
export async function withdrawImport(
  ctx: ServiceContext,
  id: string,
  key: string,
  body: WithdrawImportRequest,
): Promise<Answer<ImportSummary>> {
  const { db, officeId } = ctx;
  const answer = async (wasReplayed: boolean) => {
    const imp = await getImport(db, officeId, id);
    if (!imp) throw notFound();
    if (imp.withdrawnAt !== null) {
      if (imp.withdrawKey !== key)
        throw new ApiError(
          "import_not_withdrawable",
          `This import was withdrawn already (${new Date(imp.withdrawnAt).toISOString()}).`,
        );
      return { replayed: wasReplayed, value: toImportSummary(imp) };
    }
    return null;
  };
  const imp = await getImport(db, officeId, id);
  if (!imp) {
    if (await getStage(db, officeId, id))
      throw new ApiError(
        "import_not_withdrawable",
        "This is a staged import that was not committed: nothing was pushed.",
      );
    throw notFound();
  }
  const done = await answer(true);
  if (done) return done;
  if (imp.status === "rejected")
    throw new ApiError(
      "import_not_withdrawable",
      "Every row of this import was rejected: nothing was stored that could be withdrawn.",
    );
  const at = ctx.runtime.now();
  await runBatch(
    db,
    withdrawImportStatements(db, {
      officeId,
      id,
      at,
      by: body.by,
      reason: body.reason || null,
      key,
      audit: {
        id: crypto.randomUUID(),
        actorKeyId: actingKey(ctx),
        actorName: ctx.actor.name,
        details: JSON.stringify({
          by: body.by,
          reason: body.reason || null,
          counts: { rows: imp.rowCount, created: imp.created, updated: imp.updated },
        }),
      },
    }),
  );
  // Committed: its import.withdrawn event can go out now, not at the next cron.
  await ctx.runtime.notifyWebhooks?.(officeId);
  // Another request may have withdrawn it between the read and the batch: `answer` tells.
  const after = await answer(false);
  if (!after) throw new Error("withdrawal not recorded");
  return after;
}
