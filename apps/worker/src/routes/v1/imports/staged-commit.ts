import { createRoute, z } from "@hono/zod-openapi";
import { importResponseSchema, stagedCommitRequestSchema } from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { importSlot } from "../../../imports/gate.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImport } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { commitStagedImport } from "../../../services/staged-commit.js";

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

export function registerCommitStagedImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { parts } = c.req.valid("json");
    const { replayed, value } = await commitStagedImport(serviceContext(c), id, parts);
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(value, replayed ? 200 : 201);
  });
}
