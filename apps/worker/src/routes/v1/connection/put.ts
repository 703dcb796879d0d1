import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { oauthClientOf } from "../../../config.js";
import { sha256Hex } from "../../../crypto/credential-cipher.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { upsertConnectionStatement } from "../../../db/queries/connections.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { bearerOf, type Credential } from "../../../sync/office-source.js";
import {
  connectionSchema,
  exampleConnection,
  putConnectionBodySchema,
  toConnectionResource,
} from "./schema.js";

const route = createRoute({
  method: "put",
  path: "/connection",
  tags: ["connection"],
  operationId: "putConnection",
  summary: "Connect AdminPulse: store the office's token, encrypted (never returned)",
  description:
    "Stores an AdminPulse API key (`kind: token`) or OAuth tokens (`kind: oauth`), encrypted at " +
    `rest, replacing any earlier one. The next sync uses it. Audited as \`connection.set\`. ${smallBodyLimit}`,
  middleware: [requireRole("admin")] as const,
  request: {
    body: jsonBody(putConnectionBodySchema, {
      kind: "token",
      token: "ap_live_3f9c1d2e7a6b4c5d",
      expiresAt: "2027-03-01T00:00:00Z",
    }),
  },
  responses: {
    200: jsonResponse("Stored", connectionSchema, exampleConnection),
    ...problems("forbidden", ...bodyCodes),
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
    const sealed = await cipher.seal(JSON.stringify(cred), { officeId, kind: body.kind });
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
