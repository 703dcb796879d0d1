import { createRoute, z } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
import { listSyncRuns } from "../../../services/sync.js";
import { exampleRun, syncRunSchema, toRunResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/sync/runs",
  tags: ["sync"],
  operationId: "listSyncRuns",
  summary: "Recent sync runs: started, finished, pages, added/updated/deleted, errors",
  description: `Newest first. ${pageLimit(200, 50, "runs")}`,
  middleware: [anyRole] as const,
  request: {
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(200).default(50).describe("How many runs."),
    }),
  },
  responses: {
    200: jsonResponse("The runs", z.object({ data: z.array(syncRunSchema) }), {
      data: [exampleRun],
    }),
    ...problems("validation_failed"),
  },
});

export function registerSyncRuns(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const rows = await listSyncRuns(serviceContext(c), c.req.valid("query").limit);
    return c.json({ data: rows.map(toRunResource) }, 200);
  });
}
