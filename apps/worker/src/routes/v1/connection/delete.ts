import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { deleteConnectionStatement, getConnection } from "../../../db/queries/connections.js";
import { notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";

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
    const { officeId, keyId, name } = c.var.auth;
    if (!(await getConnection(c.var.db, officeId))) throw notFound();
    const now = c.var.services.now();
    await runBatch(c.var.db, [
      deleteConnectionStatement(c.var.db, officeId),
      auditStatement(c.var.db, {
        id: crypto.randomUUID(),
        officeId,
        at: now,
        actorKeyId: keyId,
        actorName: name,
        action: "connection.deleted",
        target: null,
        details: {},
      }),
    ]);
    return c.body(null, 204);
  });
}
