import { createRoute, z } from "@hono/zod-openapi";
import { importStatusSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleImport } from "../../../openapi/examples.js";
import { pageLimit } from "../../../openapi/limits.js";
import { importsPage } from "../../../services/import-reads.js";
import { cursorQuery, importListResponseSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports",
  tags: ["imports"],
  operationId: "listImports",
  summary: "Imports of this office, newest first",
  description:
    "Summaries only (who pushed, when, counts, withdrawal); `GET /v1/imports/{id}/rows` has each " +
    `row's outcome. Filter with \`status\`. ${pageLimit(200, 50, "imports")}`,
  middleware: [anyRole] as const,
  request: {
    query: z.strictObject({
      cursor: cursorQuery,
      limit: z.coerce.number().int().min(1).max(200).default(50).describe("Imports per page."),
      status: importStatusSchema
        .optional()
        .describe(
          "Only imports with this status; `withdrawn` lists the imports to undo (staged imports " +
            "never appear before their commit).",
        ),
    }),
  },
  responses: {
    200: jsonResponse("A page of imports", importListResponseSchema, {
      data: [(({ rejected, ...summary }) => summary)(exampleImport)],
      nextCursor: null,
    }),
    ...problems("validation_failed"),
  },
});

export function registerListImports(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) =>
    c.json(await importsPage(serviceContext(c), c.req.valid("query")), 200),
  );
}
