import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { revokeKey } from "../../../services/keys.js";
import { keyIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "delete",
  path: "/keys/{id}",
  tags: ["keys"],
  operationId: "revokeKey",
  summary: "Revoke an API key (refused within 5 s everywhere)",
  description:
    "The key answers 401 at once on the instance that handles this request, and within 5 seconds " +
    "on every other instance (each keeps keys it verified for at most 5 s, the setting " +
    "`KEY_CACHE_SECONDS`; ADR 0017). Audited as " +
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
    await revokeKey(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
