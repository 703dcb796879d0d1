import { createRoute, z } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleClient, exampleCore } from "../../../openapi/examples.js";
import { pageLimit } from "../../../openapi/limits.js";
import { importRowsPage } from "../../../services/import-reads.js";
import { importIdParamSchema, importRowsResponseSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}/rows",
  tags: ["imports"],
  operationId: "listImportRows",
  summary: "An import's rows with their outcome (JSON, paged)",
  description: `Rows in the order they were sent, each with what the import did with it. ${pageLimit(2000, 500, "rows")}`,
  middleware: [anyRole] as const,
  request: {
    params: importIdParamSchema,
    query: z.strictObject({
      cursor: z
        .string()
        .regex(/^\d{1,9}$/)
        .optional()
        .describe("The `nextCursor` of the previous page."),
      limit: z.coerce.number().int().min(1).max(2000).default(500).describe("Rows per page."),
      action: z
        .enum(["create", "update", "unchanged", "rejected"])
        .optional()
        .describe("Only rows with this outcome: `rejected` pages what a push's response left out."),
    }),
  },
  responses: {
    200: jsonResponse("A page of rows", importRowsResponseSchema, {
      data: [
        {
          ref: "7",
          action: "update",
          clientId: exampleClient.id,
          fields: ["email"],
          client: exampleCore,
          issues: [],
        },
      ],
      nextCursor: null,
    }),
    ...problems("validation_failed", "not_found"),
  },
});

export function registerImportRows(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const page = await importRowsPage(
      serviceContext(c),
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });
}
