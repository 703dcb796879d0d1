import { createRoute } from "@hono/zod-openapi";
import { importResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleImport } from "../../../openapi/examples.js";
import { readImport } from "../../../services/import-reads.js";
import { importIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}",
  tags: ["imports"],
  operationId: "getImport",
  summary: "One import: summary and rejected rows",
  description: "The same body `POST /v1/imports` answered.",
  middleware: [anyRole] as const,
  request: { params: importIdParamSchema },
  responses: {
    200: jsonResponse("The import", importResponseSchema, exampleImport),
    ...problems("validation_failed", "not_found"),
  },
});

export function registerGetImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) =>
    c.json(await readImport(serviceContext(c), c.req.valid("param").id), 200),
  );
}
