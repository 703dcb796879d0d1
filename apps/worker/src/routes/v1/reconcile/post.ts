import { createRoute } from "@hono/zod-openapi";
import { reconcile, reconcileRequestSchema, reconcileResultSchema } from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { allLiveClients, toClient } from "../../../db/queries/clients.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";

const route = createRoute({
  method: "post",
  path: "/reconcile",
  tags: ["imports"],
  summary:
    "Preview: import rows vs the cache → only in import, only in cache, matching (with differences), invalid",
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: reconcileRequestSchema } } },
  },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: reconcileResultSchema } } },
    ...problemResponses,
  },
});

export function registerReconcile(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { rows } = c.req.valid("json");
    const cached = await allLiveClients(c.var.db, c.var.auth.officeId);
    const existing = cached.map((row) => ({ id: row.id, client: toClient(row) }));
    return c.json(reconcile(rows, existing, { today: new Date(c.var.services.now()) }), 200);
  });
}
