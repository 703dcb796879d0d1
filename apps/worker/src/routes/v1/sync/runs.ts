import { createRoute, z } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { listRuns } from "../../../db/queries/sync.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { syncRunSchema, toRunResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/sync/runs",
  tags: ["sync"],
  summary: "Recent sync runs: started, finished, pages, added/updated/deleted, errors",
  middleware: [anyRole] as const,
  request: {
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  },
  responses: {
    200: {
      description: "OK",
      content: { "application/json": { schema: z.object({ data: z.array(syncRunSchema) }) } },
    },
    ...problemResponses,
  },
});

export function registerSyncRuns(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const rows = await listRuns(c.var.db, c.var.auth.officeId, c.req.valid("query").limit);
    return c.json({ data: rows.map(toRunResource) }, 200);
  });
}
