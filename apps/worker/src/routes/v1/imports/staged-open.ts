import { createRoute } from "@hono/zod-openapi";
import {
  maxRowsPerRequest,
  maxStagedImportRows,
  stagedImportRequestSchema,
  stagedImportSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { requireIdempotencyKey } from "../../../imports/request.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleAt, exampleId } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { openStagedImport } from "../../../services/staged-imports.js";
import { idempotencyHeaderSchema } from "./schema.js";

export const exampleStage = {
  id: exampleId,
  status: "open" as const,
  expiresAt: exampleAt,
  parts: 2,
  rows: 20_000,
};

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
    const { replayed, value } = await openStagedImport(serviceContext(c), key, c.req.valid("json"));
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(value, replayed ? 200 : 201);
  });
}
