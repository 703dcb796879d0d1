import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { getKey, revokeKeyStatement } from "../../../db/queries/api-keys.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { notFound } from "../../../lib/errors.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { keyIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "delete",
  path: "/keys/{id}",
  tags: ["keys"],
  summary: "Revoke an API key (it stops working at once)",
  middleware: [requireRole("admin")] as const,
  request: { params: keyIdParamSchema },
  responses: { 204: { description: "Revoked" }, ...problemResponses },
});

export function registerRevokeKey(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { officeId, keyId, name } = c.var.auth;
    const key = await getKey(c.var.db, officeId, id);
    if (!key || key.revokedAt !== null) throw notFound();
    const now = c.var.services.now();
    await runBatch(c.var.db, [
      revokeKeyStatement(c.var.db, officeId, id, now),
      auditStatement(c.var.db, {
        id: crypto.randomUUID(),
        officeId,
        at: now,
        actorKeyId: keyId,
        actorName: name,
        action: "key.revoked",
        target: id,
        details: { prefix: key.prefix, role: key.role, name: key.name },
      }),
    ]);
    return c.body(null, 204);
  });
}
