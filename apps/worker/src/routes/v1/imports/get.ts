import { createRoute } from "@hono/zod-openapi";
import { importResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { getImport } from "../../../db/queries/imports.js";
import { notFound } from "../../../lib/errors.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { importResponse } from "./read.js";
import { importIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}",
  tags: ["imports"],
  summary: "One import: summary and rejected rows",
  middleware: [anyRole] as const,
  request: { params: importIdParamSchema },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: importResponseSchema } } },
    ...problemResponses,
  },
});

export function registerGetImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const header = await getImport(c.var.db, c.var.auth.officeId, c.req.valid("param").id);
    if (!header) throw notFound();
    return c.json(await importResponse(c.var.db, header), 200);
  });
}
