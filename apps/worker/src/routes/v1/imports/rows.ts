import { createRoute, z } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { getImport, listImportRows } from "../../../db/queries/imports.js";
import { notFound } from "../../../lib/errors.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { toRowResource } from "./read.js";
import { importIdParamSchema, importRowsResponseSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}/rows",
  tags: ["imports"],
  summary: "An import's rows with their outcome (JSON, paged)",
  middleware: [anyRole] as const,
  request: {
    params: importIdParamSchema,
    query: z.strictObject({
      cursor: z
        .string()
        .regex(/^\d{1,9}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(2000).default(500),
    }),
  },
  responses: {
    200: {
      description: "OK",
      content: { "application/json": { schema: importRowsResponseSchema } },
    },
    ...problemResponses,
  },
});

export function registerImportRows(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const { officeId } = c.var.auth;
    if (!(await getImport(c.var.db, officeId, id))) throw notFound();
    const rows = await listImportRows(
      c.var.db,
      officeId,
      id,
      q.cursor ? Number(q.cursor) : -1,
      q.limit,
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(toRowResource),
        nextCursor: rows.length > q.limit && last ? String(last.idx) : null,
      },
      200,
    );
  });
}
