import { createRoute, z } from "@hono/zod-openapi";
import { changesResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { changesSinceRead, clientResourceJson } from "../../../db/queries/clients.js";
import { initialFeedEpoch, officeFeedState } from "../../../db/queries/offices.js";
import { jsonText } from "../../../lib/cache-info.js";
import { ApiError } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleClient } from "../../../openapi/examples.js";

/**
 * A cursor is `<epoch>.<position>` or, in the middle of a catch-up, `<epoch>.<position>~<origin>`:
 * the origin is the position the consumer started this catch-up from. Each client appears once, at
 * its latest change, so a client created at 25 and updated at 225 is seen only at 225; it must still
 * read `added` to a consumer that started before 25, on whichever page it lands. Once the feed is
 * drained the origin is dropped. Cursors from before epochs (no `<epoch>.`) are read in the current
 * epoch. The epoch (ADR 0020) tells a mirror that the feed restarted: a cursor of another epoch, or
 * past the feed's end, is a 410 `change_feed_reset`.
 */
const cursorPattern = /^(?:([0-9a-f]{1,16})\.)?(\d{1,15})(?:~(\d{1,15}))?$/;

const querySchema = z.strictObject({
  cursor: z
    .string()
    .regex(cursorPattern, "a cursor from this API")
    .optional()
    .describe(
      "The `nextCursor` of the previous page (`<epoch>.<position>`, at most 48 characters); absent = from the beginning.",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(500)
    .describe("Changes per page (1–1000)."),
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
    "webhook, which carries the cursor range). Each client appears once per page, at its latest change. " +
    "Every page carries the feed's `epoch` (also inside `nextCursor`). A 410 `change_feed_reset` means " +
    "the database was restored (an admin started a new epoch with `POST /v1/changes/epoch`, or the " +
    "cursor is past the feed's end): drop the mirror and read the feed again without a cursor. " +
    "Limits: 1–1000 changes a page (default 500); cursors up to 48 characters.",
  middleware: [anyRole] as const,
  request: { query: querySchema },
  responses: {
    200: jsonResponse("A page of changes", changesResponseSchema, {
      changes: [
        { type: "updated", changeSeq: 1287, client: exampleClient },
        { type: "deleted", changeSeq: 1288, id: "01J9Z8Q4R6W3T2Y7X5V1N0M8KQ" },
      ],
      nextCursor: "9f3c1a7e5b2d4c6a.1288",
      hasMore: false,
      epoch: "9f3c1a7e5b2d4c6a",
    }),
    ...problems("validation_failed", "change_feed_reset"),
  },
});

export function registerChanges(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const [, cursorEpoch, position = "0", origin = position] = cursorPattern.exec(q.cursor ?? "0")!;
    const cursor = Number(position);
    const since = Math.min(Number(origin), cursor);
    const { db } = c.var;
    const { officeId } = c.var.auth;
    // One round trip: the page, and the feed's end and epoch.
    const [rows, [feed]] = await db.$reads([
      changesSinceRead(db, officeId, cursor, q.limit),
      officeFeedState(db, officeId),
    ]);
    const epoch = feed?.feedEpoch ?? initialFeedEpoch;
    if ((cursorEpoch !== undefined && cursorEpoch !== epoch) || cursor > (feed?.changeSeq ?? 0))
      throw new ApiError(
        "change_feed_reset",
        "This cursor is not of the feed as it is now (the database was restored): drop what was " +
          "mirrored and read the feed again without a cursor.",
      );
    const page = rows.slice(0, q.limit);
    const changes = page.map((row) =>
      row.deletedAt !== null
        ? `{"type":"deleted","changeSeq":${row.changeSeq},"id":${JSON.stringify(row.id)}}`
        : // Created after this catch-up began: new to this consumer, whatever happened since.
          `{"type":"${row.createdSeq > since ? "added" : "updated"}","changeSeq":${row.changeSeq},"client":${clientResourceJson(row)}}`,
    );
    const hasMore = rows.length > q.limit;
    const nextCursor = hasMore
      ? `${epoch}.${page.at(-1)!.changeSeq}~${since}`
      : `${epoch}.${page.at(-1)?.changeSeq ?? cursor}`;
    return jsonText(
      c,
      `{"changes":[${changes.join(",")}],"nextCursor":${JSON.stringify(nextCursor)},"hasMore":${hasMore},"epoch":${JSON.stringify(epoch)}}`,
    );
  });
}
