import { createRoute } from "@hono/zod-openapi";
import { importSummarySchema, withdrawImportRequestSchema } from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { requireIdempotencyKey } from "../../../imports/request.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleAt, exampleImport } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { withdrawImport } from "../../../services/imports.js";
import { idempotencyHeaderSchema, importIdParamSchema } from "./schema.js";

const exampleWithdrawn = {
  ...(({ rejected, ...summary }) => summary)(exampleImport),
  status: "withdrawn" as const,
  withdrawn: { at: exampleAt, by: "an.peeters@kantoor.be", reason: "Pushed the wrong sheet" },
};

const route = createRoute({
  method: "post",
  path: "/imports/{id}/withdraw",
  tags: ["imports"],
  operationId: "withdrawImport",
  summary: "Withdraw a pushed import (staff or admin)",
  description:
    "Marks the import `withdrawn` (its counts and rows stay readable), records who withdrew it and " +
    "why in the import and the audit log (`import.withdrawn`). `GET /v1/imports?status=withdrawn` " +
    "lists withdrawn imports, so tools that took an import's rows can undo what they took. Requires " +
    "an `Idempotency-Key`: the same key again answers 200 with `Idempotent-Replayed: true`; a " +
    "withdrawal of an import already withdrawn by another request, of an import rejected whole " +
    "(nothing was stored) or of a staged import not committed is a 409 `import_not_withdrawable`. " +
    smallBodyLimit,
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    params: importIdParamSchema,
    headers: idempotencyHeaderSchema,
    body: jsonBody(withdrawImportRequestSchema, {
      by: "an.peeters@kantoor.be",
      reason: "Pushed the wrong sheet",
    }),
  },
  responses: {
    200: jsonResponse("Withdrawn (or replayed)", importSummarySchema, exampleWithdrawn),
    ...problems(
      "forbidden",
      "not_found",
      "validation_failed",
      "malformed_body",
      "unsupported_media_type",
      "idempotency_key_required",
      "import_not_withdrawable",
    ),
  },
});

export function registerWithdrawImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const key = requireIdempotencyKey(c.req.valid("header")["idempotency-key"], "withdrawal");
    const { id } = c.req.valid("param");
    const { replayed, value } = await withdrawImport(
      serviceContext(c),
      id,
      key,
      c.req.valid("json"),
    );
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(value, 200);
  });
}
