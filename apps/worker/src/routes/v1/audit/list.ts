import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { listAudit } from "../../../db/queries/audit.js";
import { decodeCursor, encodeCursor, timeIdCursor } from "../../../lib/cursor.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";

const querySchema = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ keyId: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const route = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "The office's audit log, newest first (key changes, connection, imports, overwrites)",
  middleware: [requireRole("admin")] as const,
  request: { query: querySchema },
  responses: {
    200: {
      description: "OK",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses,
  },
});

export function registerAudit(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const before = decodeCursor(q.cursor, timeIdCursor);
    const rows = await listAudit(c.var.db, c.var.auth.officeId, {
      limit: q.limit,
      ...(before ? { before: { at: before[0], id: before[1] } } : {}),
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map((e) => ({
          id: e.id,
          at: new Date(e.at).toISOString(),
          actor: { keyId: e.actorKeyId, name: e.actorName },
          action: e.action,
          target: e.target,
          details: JSON.parse(e.details) as Record<string, unknown>,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.id]) : null,
      },
      200,
    );
  });
}
