import { createRoute, z } from "@hono/zod-openapi";
import {
  duplicateIssue,
  importResponseSchema,
  type RowIssue,
  stagedCommitRequestSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import type { Db } from "../../../db/client.js";
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
} from "../../../db/queries/import-stages.js";
import { getImport, insertImportStatement } from "../../../db/queries/imports.js";
import { emitStatement } from "../../../db/queries/webhooks.js";
import { importSlot } from "../../../imports/gate.js";
import { importAudit } from "../../../imports/request.js";
import { ApiError, notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImport } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { importResponse } from "./read.js";
import { openStage } from "./staged-stage.js";

const route = createRoute({
  method: "post",
  path: "/imports/staged/{id}/commit",
  tags: ["imports"],
  operationId: "commitStagedImport",
  summary: "Commit a staged import: all its parts become one import, at once",
  description:
    "Checks that parts 0 to `parts` − 1 are all there, makes rows of different parts that are " +
    "one client invalid (as one push would), and stores the import in one batch: it appears in " +
    "`GET /v1/imports` whole or not at all. The import keeps the stage's `id`. Committing again " +
    "answers the stored import (200, `Idempotent-Replayed: true`). One push or commit is " +
    "processed at a time per server process, two wait, more get a 503 `import_busy`. " +
    smallBodyLimit,
  middleware: [requireRole("admin", "staff"), importSlot] as const,
  request: {
    params: z.strictObject({ id: z.string().min(1).max(64).describe("The staged import's `id`.") }),
    body: jsonBody(stagedCommitRequestSchema, { parts: 5 }),
  },
  responses: {
    201: jsonResponse("Committed", importResponseSchema, exampleImport),
    200: jsonResponse("Replayed: committed before", importResponseSchema, exampleImport),
    ...problems(
      "forbidden",
      "not_found",
      "validation_failed",
      "malformed_body",
      "unsupported_media_type",
      "staged_import_closed",
      "staged_import_incomplete",
      "import_busy",
    ),
  },
});

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

export function registerCommitStagedImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { parts } = c.req.valid("json");
    const { officeId, keyId, name } = c.var.auth;
    const { db, services } = c.var;
    const now = services.now();
    const replay = async () => {
      const done = await getImport(db, officeId, id);
      if (!done) return null;
      c.header("Idempotent-Replayed", "true");
      return c.json(await importResponse(db, done), 200);
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
      keyId,
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
    const audit = importAudit(db, {
      officeId,
      at: now,
      keyId,
      name,
      person: stage.createdBy,
      target: id,
    });
    try {
      // One batch: the import, every row, the audit and the stage's cleanup, or nothing.
      await runBatch(db, [
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
      ]);
    } catch (err) {
      // A commit sent twice at once: the first one stored the import.
      const again = await replay();
      if (again) return again;
      throw err;
    }
    // Committed: its import.pushed event can go out now, as after POST /v1/imports.
    await c.var.services.notifyWebhooks?.(officeId);
    return c.json(
      await importResponse(db, {
        ...header,
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
        withdrawKey: null,
      }),
      201,
    );
  });
}
