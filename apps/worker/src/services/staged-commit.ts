/**
 * The commit of a staged push (ADR 0021): its parts become one import, at once, or nothing.
 */
import { duplicateIssue, type RowIssue } from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  clearStageStatements,
  crossPartDuplicates,
  getStage,
  markStageCommittedStatement,
  moveStageRowsStatement,
  rejectStageRowsStatement,
  stageActionCounts,
  stagedOverwrites,
  stageTotals,
} from "../db/queries/import-stages.js";
import { getImport, insertImportStatement } from "../db/queries/imports.js";
import { emitStatement } from "../db/queries/webhooks.js";
import { ApiError, notFound } from "../lib/errors.js";
import { importResponse } from "../routes/v1/imports/read.js";
import { actingKey, auditEntry, type ServiceContext } from "./context.js";
import { commitOrReplay, fresh, replayed } from "./idempotent.js";
import { openStage } from "./staged-imports.js";

/** Rows of different parts that are one client: each gets the duplicate error, naming the others. */
async function crossPartRejections(db: Db, officeId: string, stageId: string) {
  const dups = await crossPartDuplicates(db, officeId, stageId);
  const byKey = new Map<string, typeof dups>();
  for (const d of dups) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const rows = new Map<
    string,
    { part: number; idx: number; ref: string; action: string; key: string; issues: RowIssue[] }
  >();
  for (const [key, group] of byKey) {
    for (const d of group) {
      const others = group.filter((o) => o.ref !== d.ref).map((o) => o.ref);
      const id = `${d.part}:${d.idx}`;
      // One duplicate error per row, as one push gives (its first key: identity, then claim).
      if (rows.has(id)) continue;
      rows.set(id, { ...d, issues: [duplicateIssue(key, [...new Set(others)].join(", "))] });
    }
  }
  return [...rows.values()];
}

/**
 * Commits parts 0 to `parts` − 1 as one import with the stage's id: rows of different parts that
 * are one client made invalid (as one push would), the import, its rows, the audit, the event and
 * the stage's cleanup in one batch. Committing again answers the stored import.
 */
export async function commitStagedImport(ctx: ServiceContext, id: string, parts: number) {
  const { db, officeId } = ctx;
  const now = ctx.runtime.now();
  const replay = async () => {
    const done = await getImport(db, officeId, id);
    return done ? replayed(await importResponse(db, done)) : null;
  };
  const raw = await getStage(db, officeId, id);
  if (!raw) throw notFound();
  if (raw.status === "committed") {
    const done = await replay();
    if (done) return done;
  }
  const stage = openStage(raw, now);
  const totals = await stageTotals(db, officeId, id);
  if (totals.parts !== parts || totals.maxPart !== parts - 1)
    throw new ApiError(
      "staged_import_incomplete",
      `The commit names ${parts} parts (0 to ${parts - 1}); the stage holds ${totals.parts} (highest ${totals.maxPart}).`,
    );

  const rejections = await crossPartRejections(db, officeId, id);
  const counts = await stageActionCounts(db, officeId, id);
  for (const r of rejections) {
    const a = r.action === "create" ? "created" : r.action === "update" ? "updated" : "unchanged";
    counts[a]--;
    counts.rejected++;
  }
  const rowCount = counts.created + counts.updated + counts.unchanged + counts.rejected;
  const header = {
    officeId,
    id,
    idempotencyKey: stage.idempotencyKey,
    requestHash: `staged:${stage.requestHash}`,
    source: stage.source,
    createdBy: stage.createdBy,
    keyId: actingKey(ctx),
    status:
      counts.rejected === 0
        ? ("accepted" as const)
        : counts.rejected === rowCount
          ? ("rejected" as const)
          : ("partially_accepted" as const),
    rowCount,
    ...counts,
    storedBytes: totals.bytes,
    createdAt: now,
  };
  const rejectedRefs = new Set(rejections.map((r) => r.ref));
  const overwrites = (await stagedOverwrites(db, officeId, id)).filter(
    (o) => !rejectedRefs.has(o.ref),
  );
  const audit = (action: string, details: Record<string, unknown>) =>
    auditEntry(ctx, { at: now, action, target: id, person: stage.createdBy, details });
  // One batch: the import, every row, the audit and the stage's cleanup, or nothing. A commit
  // sent twice at once: the first one stored the import.
  const raced = await commitOrReplay(
    db,
    [
      ...(rejections.length > 0
        ? [
            rejectStageRowsStatement(
              db,
              officeId,
              id,
              JSON.stringify(
                rejections.map((r) => ({
                  part: r.part,
                  idx: r.idx,
                  issues: JSON.stringify(r.issues),
                })),
              ),
            ),
          ]
        : []),
      insertImportStatement(db, header),
      moveStageRowsStatement(db, officeId, id),
      audit("import.pushed", {
        source: stage.source,
        createdBy: stage.createdBy,
        counts: { rows: rowCount, ...counts },
        scope: JSON.parse(stage.scope),
        staged: { parts },
      }),
      emitStatement(db, {
        officeId,
        type: "import.pushed",
        now,
        data: { importId: id, status: header.status, counts: { rows: rowCount, ...counts } },
      }),
      ...(overwrites.length > 0
        ? [
            audit("import.overwrites", {
              createdBy: stage.createdBy,
              overwrites: overwrites.map((o) => ({
                ref: o.ref,
                clientId: o.clientId,
                fields: JSON.parse(o.fields),
              })),
            }),
          ]
        : []),
      markStageCommittedStatement(db, officeId, id),
      ...clearStageStatements(db, officeId, id),
    ],
    replay,
  );
  if (raced) return raced;
  // Committed: its import.pushed event can go out now, as after POST /v1/imports.
  await ctx.runtime.notifyWebhooks?.(officeId);
  return fresh(
    await importResponse(db, {
      ...header,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
      withdrawKey: null,
    }),
  );
}
