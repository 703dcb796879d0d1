import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { oauthClientOf } from "../../../config.js";
import { sha256Hex } from "../../../crypto/credential-cipher.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { upsertConnectionStatement } from "../../../db/queries/connections.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { bearerOf, type Credential } from "../../../sync/office-source.js";
import { connectionSchema, putConnectionBodySchema, toConnectionResource } from "./schema.js";

const route = createRoute({
  method: "put",
  path: "/connection",
  tags: ["connection"],
  summary: "Connect AdminPulse: store the office's token, encrypted (never returned)",
  middleware: [requireRole("admin")] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: putConnectionBodySchema } } },
  },
  responses: {
    200: { description: "Stored", content: { "application/json": { schema: connectionSchema } } },
    ...problemResponses,
  },
});

export function registerPutConnection(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { officeId, keyId, name } = c.var.auth;
    const { now: clock, cipher } = c.var.services;
    const now = clock();
    const cred: Credential =
      body.kind === "token"
        ? { kind: "token", token: body.token }
        : { kind: "oauth", accessToken: body.accessToken, refreshToken: body.refreshToken ?? null };
    const sealed = await cipher.seal(JSON.stringify(cred));
    const row = {
      officeId,
      kind: body.kind,
      ...sealed,
      expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null,
      status: "active" as const,
      statusReason: null,
      tokenFingerprint: await sha256Hex(bearerOf(cred)),
      createdAt: now,
      updatedAt: now,
    };
    await runBatch(c.var.db, [
      upsertConnectionStatement(c.var.db, row),
      auditStatement(c.var.db, {
        id: crypto.randomUUID(),
        officeId,
        at: now,
        actorKeyId: keyId,
        actorName: name,
        action: "connection.set",
        target: null,
        details: { kind: row.kind, expiresAt: body.expiresAt ?? null },
      }),
    ]);
    return c.json(
      toConnectionResource(row, now, oauthClientOf(c.var.services.config) !== null),
      200,
    );
  });
}
