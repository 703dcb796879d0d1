import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { readConnection } from "../../../services/connection.js";
import { connectionSchema, exampleConnection } from "./schema.js";

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
  r.openapi(route, async (c) => c.json(await readConnection(serviceContext(c)), 200));
}
