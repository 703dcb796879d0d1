import { createRoute, z } from "@hono/zod-openapi";
import {
  maxStagedImportParts,
  maxStagedImportRows,
  stagedPartRequestSchema,
  stagedPartResponseSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import {
  getStage,
  getStagePart,
  insertStagePartStatement,
  insertStageRowsStatements,
  stagedBytes,
  stagedRefsAmong,
  stageTotals,
} from "../../../db/queries/import-stages.js";
import { importStorageBytes } from "../../../db/queries/imports.js";
import { importBody } from "../../../imports/body.js";
import { importSlot } from "../../../imports/gate.js";
import { checkQuota, prepareImport } from "../../../imports/prepare.js";
import { hashRequest } from "../../../imports/request-hash.js";
import { ApiError } from "../../../lib/errors.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImportRow } from "../../../openapi/examples.js";
import { importRequestLimits } from "../../../openapi/limits.js";
import { openStage } from "./staged-stage.js";

const paramsSchema = z.strictObject({
  id: z.string().min(1).max(64).describe("The staged import's `id`."),
  part: z.coerce
    .number()
    .int()
    .min(0)
    .max(maxStagedImportParts - 1)
    .describe("The part's number, from 0; each part once (a resend of the same body is a replay)."),
});

const exampleCounts = { rows: 10_000, created: 12, updated: 40, unchanged: 9_940, rejected: 8 };

const route = createRoute({
  method: "put",
  path: "/imports/staged/{id}/parts/{part}",
  tags: ["imports"],
  operationId: "putStagedImportPart",
  summary: "Send one part of a staged import (reconciled now, stored only on commit)",
  description:
    "One part carries the rows and the choices for those rows. " +
    `${importRequestLimits} The part is validated and reconciled like a push of its own (a ` +
    "stale overwrite " +
    "is a 409 naming row and field) and kept out of sight until the commit. A ref used by another " +
    "part is a 400 naming both. Sending the same part again with the same body answers its first " +
    `result (200); another body is a 409. At most ${maxStagedImportRows} rows in all parts (413).`,
  middleware: [requireRole("admin", "staff"), importSlot, importBody] as const,
  request: {
    params: paramsSchema,
    body: jsonBody(stagedPartRequestSchema, {
      rows: [exampleImportRow],
      choices: { overwrite: { "7": ["email"] }, add: [] },
    }),
  },
  responses: {
    201: jsonResponse("Received", stagedPartResponseSchema, { part: 0, counts: exampleCounts }),
    200: jsonResponse("Replayed: this part was received before", stagedPartResponseSchema, {
      part: 0,
      counts: exampleCounts,
    }),
    ...problems(
      "forbidden",
      "not_found",
      ...bodyCodes,
      "idempotency_conflict",
      "staged_import_closed",
      "import_quota_exceeded",
      "import_busy",
      "stale_overwrite",
    ),
  },
});

export function registerStagedImportPart(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id, part } = c.req.valid("param");
    const body = c.req.valid("json");
    const { officeId } = c.var.auth;
    const { db, services } = c.var;
    const now = services.now();
    const stage = openStage(await getStage(db, officeId, id), now);
    const requestHash = hashRequest(body);
    const replay = async () => {
      const prior = await getStagePart(db, officeId, id, part);
      if (!prior) return null;
      if (prior.requestHash !== requestHash)
        throw new ApiError(
          "idempotency_conflict",
          `Part ${part} of this staged import was sent before with other rows.`,
        );
      c.header("Idempotent-Replayed", "true");
      return c.json({ part, counts: JSON.parse(prior.counts) }, 200);
    };
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
    const used = (await importStorageBytes(db, officeId)) + (await stagedBytes(db, officeId, now));
    checkQuota(used, bytes, services.config.IMPORT_STORAGE_BYTES_PER_OFFICE);
    try {
      // The part and its rows together: a part is there whole or not at all.
      await runBatch(db, [
        insertStagePartStatement(db, {
          officeId,
          stageId: stage.id,
          part,
          requestHash,
          rowCount: built.counts.rows,
          storedBytes: bytes,
          counts: JSON.stringify(built.counts),
        }),
        ...insertStageRowsStatements(db, officeId, stage.id, part, chunks),
      ]);
    } catch (err) {
      // The same part sent twice at once: the first one's row is there now.
      const again = await replay();
      if (again) return again;
      throw err;
    }
    return c.json({ part, counts: built.counts }, 201);
  });
}
