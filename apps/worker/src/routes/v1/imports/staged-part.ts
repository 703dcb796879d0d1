import { createRoute, z } from "@hono/zod-openapi";
import {
  maxStagedImportParts,
  maxStagedImportRows,
  stagedPartRequestSchema,
  stagedPartResponseSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { importBody } from "../../../imports/body.js";
import { importSlot } from "../../../imports/gate.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImportRow } from "../../../openapi/examples.js";
import { importRequestLimits } from "../../../openapi/limits.js";
import { putStagedPart } from "../../../services/staged-imports.js";

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
    const { replayed, value } = await putStagedPart(
      serviceContext(c),
      id,
      part,
      c.req.valid("json"),
    );
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(value, replayed ? 200 : 201);
  });
}
