import { createRoute, z } from "@hono/zod-openapi";
import { changesResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { changesSince, clientResourceJson } from "../../../db/queries/clients.js";
import { jsonText } from "../../../lib/cache-info.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleClient } from "../../../openapi/examples.js";

/**
 * A cursor is `<position>` or, in the middle of a catch-up, `<position>~<origin>`: the position the
 * consumer started this catch-up from. Each client appears once, at its latest change, so a client
 * created at 25 and updated at 225 is seen only at 225; it must still read `added` to a consumer that
 * started before 25, on whichever page it lands. Once the feed is drained the origin is dropped.
 */
const querySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,15}(~\d{1,15})?$/, "a cursor from this API")
    .optional()
    .describe("The `nextCursor` of the previous page; absent or `0` = from the beginning."),
  limit: z.coerce.number().int().min(1).max(1000).default(500).describe("Changes per page."),
});

const route = createRoute({
  method: "get",
  path: "/changes",
  tags: ["changes"],
  operationId: "listChanges",
  summary: "What was added, updated or deleted since a cursor (gap-free change feed)",
  description:
    "Mirror the cache: start without a cursor, apply each change in order, and keep `nextCursor`. " +
    "While `hasMore` is true ask again at once; then poll (or wait for a `clients.changed` " +
    "webhook, which carries the cursor range). Each client appears once per page, at its latest change.",
  middleware: [anyRole] as const,
  request: { query: querySchema },
  responses: {
    200: jsonResponse("A page of changes", changesResponseSchema, {
      changes: [
        { type: "updated", changeSeq: 1287, client: exampleClient },
        { type: "deleted", changeSeq: 1288, id: "01J9Z8Q4R6W3T2Y7X5V1N0M8KQ" },
      ],
      nextCursor: "1288",
      hasMore: false,
    }),
    ...problems("validation_failed"),
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
    const changes = page.map((row) =>
      row.deletedAt !== null
        ? `{"type":"deleted","changeSeq":${row.changeSeq},"id":${JSON.stringify(row.id)}}`
        : // Created after this catch-up began: new to this consumer, whatever happened since.
          `{"type":"${row.createdSeq > since ? "added" : "updated"}","changeSeq":${row.changeSeq},"client":${clientResourceJson(row)}}`,
    );
    const hasMore = rows.length > q.limit;
    const nextCursor = hasMore
      ? `${page.at(-1)!.changeSeq}~${since}`
      : String(page.at(-1)?.changeSeq ?? cursor);
    return jsonText(
      c,
      `{"changes":[${changes.join(",")}],"nextCursor":"${nextCursor}","hasMore":${hasMore}}`,
    );
  });
}
