import { createRoute } from "@hono/zod-openapi";
import { prepareKey } from "../../../auth/issue-key.js";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { createdKeySchema, createKeyBodySchema, exampleKey, toKeyResource } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/keys",
  tags: ["keys"],
  operationId: "createKey",
  summary: "Create an API key (shown once)",
  description:
    "Creates a key for this office with a role: `admin` (everything), `staff` (read, sync, push " +
    "imports) or `service` (read only). The full key is in this response only; the server keeps " +
    `its hash. Audited as \`key.created\`. ${smallBodyLimit}`,
  middleware: [requireRole("admin")] as const,
  request: {
    body: jsonBody(createKeyBodySchema, { name: "CRM export", role: "service" }),
  },
  responses: {
    201: jsonResponse("Created; `key` is shown this once", createdKeySchema, {
      ...exampleKey,
      lastUsedAt: null,
      key: "pb_k7d2x9qa_V3ryS3cr3tV4lu3Th4tIsSh0wnOnc3xx",
    }),
    ...problems("forbidden", ...bodyCodes),
  },
});

export function registerCreateKey(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { officeId, keyId, name: actor } = c.var.auth;
    const now = c.var.services.now();
    const { key, row, insert } = await prepareKey(c.var.db, {
      officeId,
      role: body.role,
      name: body.name,
      now,
    });
    await runBatch(c.var.db, [
      ...(insert ? [insert] : []),
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
    return c.json({ ...toKeyResource(row), key }, 201);
  });
}
