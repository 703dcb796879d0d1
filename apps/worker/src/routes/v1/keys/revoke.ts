import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { getKey, revokeKeyStatement } from "../../../db/queries/api-keys.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { keyIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "delete",
  path: "/keys/{id}",
  tags: ["keys"],
  operationId: "revokeKey",
  summary: "Revoke an API key (it stops working at once)",
  description:
    "The key answers 401 from now on. Audited as `key.revoked`; revoking twice is a 404.",
  middleware: [requireRole("admin")] as const,
  request: { params: keyIdParamSchema },
  responses: {
    204: { description: "Revoked" },
    ...problems("forbidden", "validation_failed", "not_found"),
  },
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
