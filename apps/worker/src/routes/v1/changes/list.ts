import { createRoute, z } from "@hono/zod-openapi";
import { changesResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { changesSince, toClientResource } from "../../../db/queries/clients.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";

/**
 * A cursor is `<position>` or, in the middle of a catch-up, `<position>~<origin>`: the position the
 * consumer started this catch-up from. Each client appears once, at its latest change, so a client
 * created at 25 and updated at 225 is seen only at 225; it must still read `added` to a consumer that
 * started before 25, on whichever page it lands. Once the feed is drained the origin is dropped.
 */
const querySchema = z.strictObject({
  /** The `nextCursor` of the previous page; absent or `0` = from the beginning. */
  cursor: z
    .string()
    .regex(/^\d{1,15}(~\d{1,15})?$/, "a cursor from this API")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const route = createRoute({
  method: "get",
  path: "/changes",
  tags: ["clients"],
  summary: "What was added, updated or deleted since a cursor (gap-free change feed)",
  middleware: [anyRole] as const,
  request: { query: querySchema },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: changesResponseSchema } } },
    ...problemResponses,
  },
});

export function registerChanges(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const [position = "0", origin = position] = (q.cursor ?? "0").split("~");
    const cursor = Number(position);
    const since = Math.min(Number(origin), cursor);
    const rows = await changesSince(c.var.db, c.var.auth.officeId, cursor, q.limit);
    const page = rows.slice(0, q.limit);
    return c.json(
      {
        changes: page.map((row) =>
          row.deletedAt !== null
            ? { type: "deleted" as const, changeSeq: row.changeSeq, id: row.id }
            : {
                // Created after this catch-up began: new to this consumer, whatever happened since.
                type: row.createdSeq > since ? ("added" as const) : ("updated" as const),
                changeSeq: row.changeSeq,
                client: toClientResource(row),
              },
        ),
        nextCursor:
          rows.length > q.limit
            ? `${page.at(-1)!.changeSeq}~${since}`
            : String(page.at(-1)?.changeSeq ?? cursor),
        hasMore: rows.length > q.limit,
      },
      200,
    );
  });
}
