import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { listKeys } from "../../../db/queries/api-keys.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { keySchema, toKeyResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/keys",
  tags: ["keys"],
  summary: "List the office's API keys (prefix, role, last use; never the secret)",
  middleware: [requireRole("admin")] as const,
  responses: {
    200: {
      description: "OK",
      content: { "application/json": { schema: z.object({ data: z.array(keySchema) }) } },
    },
    ...problemResponses,
  },
});

export function registerListKeys(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const rows = await listKeys(c.var.db, c.var.auth.officeId);
    return c.json({ data: rows.map(toKeyResource) }, 200);
  });
}
