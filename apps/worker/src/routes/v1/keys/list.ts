import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { listKeys } from "../../../services/keys.js";
import { exampleKey, keySchema, toKeyResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/keys",
  tags: ["keys"],
  operationId: "listKeys",
  summary: "List the office's API keys (prefix, role, last use; never the secret)",
  description: "Every key of the office, revoked ones included (with `revokedAt`).",
  middleware: [requireRole("admin")] as const,
  responses: {
    200: jsonResponse("The office's keys", z.object({ data: z.array(keySchema) }), {
      data: [exampleKey],
    }),
    ...problems("forbidden"),
  },
});

export function registerListKeys(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const rows = await listKeys(serviceContext(c));
    return c.json({ data: rows.map(toKeyResource) }, 200);
  });
}
