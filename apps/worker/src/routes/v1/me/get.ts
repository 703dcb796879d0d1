import { createRoute } from "@hono/zod-openapi";
import { meResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleId } from "../../../openapi/examples.js";
import { readOffice } from "../../../services/office.js";

const route = createRoute({
  method: "get",
  path: "/me",
  tags: ["office"],
  operationId: "getMe",
  summary: "The calling key, its office and the AdminPulse connection status",
  description:
    "Who is calling: the office the key belongs to, the key itself (never its secret) and whether " +
    "AdminPulse is connected. A cheap first call for a tool to check its key.",
  middleware: [anyRole] as const,
  responses: {
    200: jsonResponse("The key, its office and the connection", meResponseSchema, {
      office: { id: "office-antwerp", name: "Kantoor Peeters" },
      key: { id: exampleId, prefix: "k7d2x9qa", role: "service", name: "CRM export" },
      adminpulse: {
        connected: true,
        status: "active",
        expiresAt: "2027-03-01T00:00:00.000Z",
        expiry: { status: "ok", daysLeft: 119 },
        reason: null,
      },
    }),
    ...problems("not_found"),
  },
});

export function registerMe(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { keyId, prefix, role, name } = c.var.auth;
    const { office, adminpulse } = await readOffice(serviceContext(c));
    return c.json({ office, key: { id: keyId, prefix, role, name }, adminpulse }, 200);
  });
}
