import { createRoute, z } from "@hono/zod-openapi";
import { importStatusSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { listImports } from "../../../db/queries/imports.js";
import { decodeCursor, encodeCursor, timeIdCursor } from "../../../lib/cursor.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleImport } from "../../../openapi/examples.js";
import { pageLimit } from "../../../openapi/limits.js";
import { cursorQuery, importListResponseSchema, toImportSummary } from "./schema.js";

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
  r.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const before = decodeCursor(q.cursor, timeIdCursor);
    const rows = await listImports(
      c.var.db,
      c.var.auth.officeId,
      q.limit,
      before ? { createdAt: before[0], id: before[1] } : undefined,
      q.status,
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(toImportSummary),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
      },
      200,
    );
  });
}
