import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { auditRevokeStatement, getKey, revokeKeyStatement } from "../../../db/queries/api-keys.js";
import { ApiError, notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { keyIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "delete",
  path: "/keys/{id}",
  tags: ["keys"],
  operationId: "revokeKey",
  summary: "Revoke an API key (refused within 5 s everywhere)",
  description:
    "The key answers 401 at once on the instance that handles this request, and within 5 seconds " +
    "on every other instance (each keeps keys it verified for at most 5 s; ADR 0017). Audited as " +
    "`key.revoked`; revoking twice is a 404. The office's last live admin key cannot be revoked " +
    "(409 `last_admin_key`): create another first.",
  middleware: [requireRole("admin")] as const,
  request: { params: keyIdParamSchema },
  responses: {
    204: { description: "Revoked" },
    ...problems("forbidden", "validation_failed", "not_found", "last_admin_key"),
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
      auditRevokeStatement(c.var.db, {
        id: crypto.randomUUID(),
        officeId,
        keyId: id,
        now,
        actorKeyId: keyId,
        actorName: name,
        details: { prefix: key.prefix, role: key.role, name: key.name },
      }),
    ]);
    if ((await getKey(c.var.db, officeId, id))?.revokedAt === null)
      throw new ApiError(
        "last_admin_key",
        "This is the office's last admin key: create another admin key first, then revoke this one.",
      );
    // Other isolates drop it within KEY_CACHE_TTL_MS (auth/key-cache.ts).
    c.var.services.keyCache.forgetKey(id);
    return c.body(null, 204);
  });
}
