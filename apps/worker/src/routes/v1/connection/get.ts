import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { oauthClientOf } from "../../../config.js";
import { getConnection } from "../../../db/queries/connections.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { noteExpiry } from "../../../sync/expiry.js";
import { connectionSchema, exampleConnection, toConnectionResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/connection",
  tags: ["connection"],
  operationId: "getConnection",
  summary: "AdminPulse connection status and expiry (never the token)",
  description: "`connected: false` when no credential is stored.",
  middleware: [requireRole("admin")] as const,
  responses: {
    200: jsonResponse("The connection", connectionSchema, exampleConnection),
    ...problems("forbidden"),
  },
});

export function registerGetConnection(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const row = await getConnection(c.var.db, c.var.auth.officeId);
    const { now, config } = c.var.services;
    const refreshable = oauthClientOf(config) !== null;
    if (row) await noteExpiry(c.var.db, row, now(), refreshable);
    return c.json(toConnectionResource(row, now(), refreshable), 200);
  });
}
