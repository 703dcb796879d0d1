import { createRoute } from "@hono/zod-openapi";
import { meResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { oauthClientOf } from "../../../config.js";
import { getConnection } from "../../../db/queries/connections.js";
import { getOffice } from "../../../db/queries/offices.js";
import { notFound } from "../../../lib/errors.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { connectionStatus } from "../connection/schema.js";

const route = createRoute({
  method: "get",
  path: "/me",
  tags: ["office"],
  summary: "The calling key, its office and the AdminPulse connection status",
  middleware: [anyRole] as const,
  responses: {
    200: { description: "OK", content: { "application/json": { schema: meResponseSchema } } },
    ...problemResponses,
  },
});

export function registerMe(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { officeId, keyId, prefix, role, name } = c.var.auth;
    const office = await getOffice(c.var.db, officeId);
    if (!office) throw notFound();
    const conn = await getConnection(c.var.db, officeId);
    const { now, config } = c.var.services;
    const state = conn && connectionStatus(conn, now(), oauthClientOf(config) !== null);
    return c.json(
      {
        office: { id: office.id, name: office.name },
        key: { id: keyId, prefix, role, name },
        adminpulse: {
          connected: conn !== null,
          status: state?.status ?? null,
          reason: state?.reason ?? null,
          expiresAt: conn?.expiresAt ? new Date(conn.expiresAt).toISOString() : null,
        },
      },
      200,
    );
  });
}
