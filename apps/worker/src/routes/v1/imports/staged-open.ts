import { createRoute } from "@hono/zod-openapi";
import {
  maxRowsPerRequest,
  maxStagedImportRows,
  stagedImportRequestSchema,
  stagedImportSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import type { Db } from "../../../db/client.js";
import {
  dropExpiredStages,
  findStageByKey,
  insertStageStatement,
  type StageRecord,
  stageTotals,
} from "../../../db/queries/import-stages.js";
import { findImportByKey } from "../../../db/queries/imports.js";
import { requireIdempotencyKey } from "../../../imports/request.js";
import { hashRequest } from "../../../imports/request-hash.js";
import { ApiError } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleAt, exampleId } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { idempotencyHeaderSchema } from "./schema.js";

export const exampleStage = {
  id: exampleId,
  status: "open" as const,
  expiresAt: exampleAt,
  parts: 2,
  rows: 20_000,
};

export async function stageResource(db: Db, s: StageRecord) {
  const totals = await stageTotals(db, s.officeId, s.id);
  return {
    id: s.id,
    status: s.status,
    expiresAt: new Date(s.expiresAt).toISOString(),
    parts: totals.parts,
    rows: totals.rows,
  };
}

const route = createRoute({
  method: "post",
  path: "/imports/staged",
  tags: ["imports"],
  operationId: "openStagedImport",
  summary: "Open a push too big for one request (sent in parts, committed at once)",
  description:
    `A push of more than ${maxRowsPerRequest} rows: open a staged import here, send its rows ` +
    "with `PUT /v1/imports/staged/{id}/parts/{part}`, then `POST /v1/imports/staged/{id}/commit`. " +
    "Nothing is visible in `GET /v1/imports` before the commit, which stores the whole import or " +
    "nothing; a stage not committed within STAGED_IMPORT_TTL_MINUTES (default 60) is dropped with " +
    `its parts. At most ${maxStagedImportRows} rows in all parts. Requires an \`Idempotency-Key\`: ` +
    "the same key answers the same stage (200); it also becomes the committed import's key (ADR " +
    `0021). ${smallBodyLimit}`,
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    headers: idempotencyHeaderSchema,
    body: jsonBody(stagedImportRequestSchema, {
      source: "excel",
      createdBy: "an.peeters@kantoor.be",
      scope: { mode: "all" },
    }),
  },
  responses: {
    201: jsonResponse("Opened", stagedImportSchema, { ...exampleStage, parts: 0, rows: 0 }),
    200: jsonResponse("Replayed: the stage this key opened", stagedImportSchema, exampleStage),
    ...problems(
      "forbidden",
      "validation_failed",
      "malformed_body",
      "unsupported_media_type",
      "payload_too_large",
      "idempotency_key_required",
      "idempotency_conflict",
    ),
  },
});

export function registerOpenStagedImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const key = requireIdempotencyKey(c.req.valid("header")["idempotency-key"], "push");
    const body = c.req.valid("json");
    const { officeId, keyId } = c.var.auth;
    const { db, services } = c.var;
    const requestHash = hashRequest(body);
    const replay = async () => {
      const prior = await findStageByKey(db, officeId, key);
      if (!prior) return null;
      if (prior.requestHash !== requestHash)
        throw new ApiError(
          "idempotency_conflict",
          "This Idempotency-Key was used for a different staged import.",
        );
      c.header("Idempotent-Replayed", "true");
      return c.json(await stageResource(db, prior), 200);
    };
    const prior = await replay();
    if (prior) return prior;
    // The key becomes the committed import's: a key already used by a push is taken.
    if (await findImportByKey(db, officeId, key))
      throw new ApiError("idempotency_conflict", "This Idempotency-Key was used for an import.");
    const now = services.now();
    // Abandoned stages of this office go first: they hold quota until dropped.
    await dropExpiredStages(db, now, officeId);
    const stage: StageRecord = {
      officeId,
      id: crypto.randomUUID(),
      idempotencyKey: key,
      requestHash,
      source: body.source,
      createdBy: body.createdBy,
      keyId,
      scope: JSON.stringify(body.scope ?? { mode: "all" }),
      status: "open",
      createdAt: now,
      expiresAt: now + services.config.STAGED_IMPORT_TTL_MINUTES * 60_000,
    };
    try {
      await runBatch(db, [insertStageStatement(db, stage)]);
    } catch (err) {
      const again = await replay();
      if (again) return again;
      throw err;
    }
    return c.json({ ...(await stageResource(db, stage)) }, 201);
  });
}
