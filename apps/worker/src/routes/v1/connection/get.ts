import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { oauthClientOf } from "../../../config.js";
import { getConnection } from "../../../db/queries/connections.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { connectionSchema, toConnectionResource } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/connection",
  tags: ["connection"],
  summary: "AdminPulse connection status and expiry (never the token)",
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { description: "OK", content: { "application/json": { schema: connectionSchema } } },
    ...problemResponses,
  },
});

export function registerGetConnection(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const row = await getConnection(c.var.db, c.var.auth.officeId);
    const { now, config } = c.var.services;
    return c.json(toConnectionResource(row, now(), oauthClientOf(config) !== null), 200);
  });
}
