import { createRoute } from "@hono/zod-openapi";
import { generateApiKey } from "../../../auth/api-key.js";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { insertKeyStatement } from "../../../db/queries/api-keys.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { createdKeySchema, createKeyBodySchema, toKeyResource } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/keys",
  tags: ["keys"],
  summary: "Create an API key (shown once)",
  middleware: [requireRole("admin")] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: createKeyBodySchema } } },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: createdKeySchema } } },
    ...problemResponses,
  },
});

export function registerCreateKey(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { officeId, keyId, name: actor } = c.var.auth;
    const now = c.var.services.now();
    const gen = await generateApiKey();
    const row = {
      id: crypto.randomUUID(),
      officeId,
      prefix: gen.prefix,
      secretHash: gen.secretHash,
      role: body.role,
      name: body.name,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await runBatch(c.var.db, [
      insertKeyStatement(c.var.db, row),
      auditStatement(c.var.db, {
        id: crypto.randomUUID(),
        officeId,
        at: now,
        actorKeyId: keyId,
        actorName: actor,
        action: "key.created",
        target: row.id,
        details: { prefix: row.prefix, role: row.role, name: row.name },
      }),
    ]);
    return c.json({ ...toKeyResource(row), key: gen.key }, 201);
  });
}
