import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { putConnection } from "../../../services/connection.js";
import { connectionSchema, exampleConnection, putConnectionBodySchema } from "./schema.js";

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
  r.openapi(route, async (c) =>
    c.json(await putConnection(serviceContext(c), c.req.valid("json")), 200),
  );
}
