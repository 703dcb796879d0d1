import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import type { AuditRow } from "../../../db/queries/audit.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
import { listAuditEvents } from "../../../services/audit.js";

const querySchema = z.strictObject({
  cursor: z.string().max(300).optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Events per page."),
});

const eventSchema = z
  .object({
    id: z.string(),
    at: z.string().describe("When it happened (ISO 8601)."),
    actor: z
      .object({
        keyId: z.string().nullable(),
        name: z.string().nullable(),
        person: z
          .string()
          .nullable()
          .describe(
            "The person behind the key as the calling tool named them (pushes, withdrawals): " +
              "tells apart staff who share one key. Null when none was named.",
          ),
      })
      .describe("The key that did it (null for the scheduler) and the person, when named."),
    action: z
      .string()
      .describe("What happened: `key.created`, `connection.set`, `import.pushed`, …"),
    target: z.string().nullable().describe("The id it happened to, if any."),
    details: z.record(z.string(), z.unknown()).describe("Action-specific facts; never secrets."),
  })
  .meta({ id: "AuditEvent", description: "One entry of the office's audit log." });

const route = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  operationId: "listAudit",
  summary: "The office's audit log, newest first (key changes, connection, imports, overwrites)",
  description: `Follow \`nextCursor\` for older events. ${pageLimit(500, 100, "events")}`,
  middleware: [requireRole("admin")] as const,
  request: { query: querySchema },
  responses: {
    200: jsonResponse(
      "A page of events",
      z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }),
      {
        data: [
          {
            id: "01J9Z8Q4R6W3T2Y7X5V1N0M8KR",
            at: "2026-11-30T08:15:00.000Z",
            actor: { keyId: "01J9Z8Q4R6W3T2Y7X5V1N0M8KP", name: "Office admin", person: null },
            action: "key.created",
            target: "01J9Z8Q4R6W3T2Y7X5V1N0M8KS",
            details: { prefix: "k7d2x9qa", role: "service", name: "CRM export" },
          },
        ],
        nextCursor: null,
      },
    ),
    ...problems("forbidden", "validation_failed"),
  },
});

export function registerAudit(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const page = await listAuditEvents(serviceContext(c), c.req.valid("query"));
    return c.json({ data: page.data.map(toAuditEvent), nextCursor: page.nextCursor }, 200);
  });
}

function toAuditEvent(e: AuditRow): z.infer<typeof eventSchema> {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    actor: { keyId: e.actorKeyId, name: e.actorName, person: e.actorPerson },
    action: e.action,
    target: e.target,
    details: JSON.parse(e.details) as Record<string, unknown>,
  };
}
