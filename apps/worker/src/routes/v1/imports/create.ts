import { createRoute } from "@hono/zod-openapi";
import {
  importRequestSchema,
  importResponseSchema,
  maxRejectedInResponse,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { importBody } from "../../../imports/body.js";
import { importSlot } from "../../../imports/gate.js";
import { requireIdempotencyKey } from "../../../imports/request.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImport, exampleImportRow } from "../../../openapi/examples.js";
import { importRequestLimits } from "../../../openapi/limits.js";
import { pushImport } from "../../../services/imports.js";
import { idempotencyHeaderSchema } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/imports",
  tags: ["imports"],
  summary: "Push a cleaned import (idempotent, validated again, stored all or nothing)",
  description:
    "Requires an `Idempotency-Key` header. The same key with the same body returns the stored " +
    "result (200, `Idempotent-Replayed: true`); with another body it is refused (409). Rows are " +
    "validated again; what is refused comes back in `rejected`, the rest is stored all or nothing " +
    "(rows past IMPORT_BATCH_BYTES, 1.5 MB, go in several batches out of sight, then one batch " +
    "makes them the import). " +
    `${importRequestLimits} At most ${maxRejectedInResponse} rejected rows in the response (the rest: ` +
    "`rejectedNextCursor`); the office's stored imports may hold IMPORT_STORAGE_BYTES_PER_OFFICE " +
    "(256 MiB) of rows (409 `import_quota_exceeded`); one push is processed at a time per " +
    "server process, two wait, more get a 503 `import_busy`.",
  operationId: "createImport",
  middleware: [requireRole("admin", "staff"), importSlot, importBody] as const,
  request: {
    headers: idempotencyHeaderSchema,
    body: jsonBody(importRequestSchema, {
      source: "excel",
      createdBy: "an.peeters@kantoor.be",
      rows: [exampleImportRow],
      choices: { overwrite: { "7": ["email"] }, add: [] },
    }),
  },
  responses: {
    201: jsonResponse("Stored", importResponseSchema, exampleImport),
    200: jsonResponse(
      "Replayed: the stored result of the same push",
      importResponseSchema,
      exampleImport,
    ),
    ...problems(
      "forbidden",
      ...bodyCodes,
      "idempotency_key_required",
      "idempotency_conflict",
      "import_quota_exceeded",
      "import_busy",
      "stale_overwrite",
    ),
  },
});

export function registerCreateImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const key = requireIdempotencyKey(c.req.valid("header")["idempotency-key"], "push");
    const { replayed, value } = await pushImport(serviceContext(c), key, c.req.valid("json"));
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(value, replayed ? 200 : 201);
  });
}
