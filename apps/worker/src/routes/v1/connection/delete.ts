import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { deleteConnection } from "../../../services/connection.js";

const route = createRoute({
  method: "delete",
  path: "/connection",
  tags: ["connection"],
  operationId: "deleteConnection",
  summary: "Disconnect AdminPulse (the cache stays, sync stops)",
  description: "Deletes the stored credential. Audited as `connection.deleted`.",
  middleware: [requireRole("admin")] as const,
  responses: { 204: { description: "Removed" }, ...problems("forbidden", "not_found") },
});

export function registerDeleteConnection(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    await deleteConnection(serviceContext(c));
    return c.body(null, 204);
  });
}
