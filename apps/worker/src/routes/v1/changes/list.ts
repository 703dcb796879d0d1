import { createRoute, z } from "@hono/zod-openapi";
import { changesResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { jsonText } from "../../../lib/cache-info.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleClient } from "../../../openapi/examples.js";
import { feedCursorPattern, listChanges } from "../../../services/changes.js";

export const changesQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(feedCursorPattern, "a cursor from this API")
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
  request: { query: changesQuerySchema },
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
  r.openapi(route, async (c) =>
    jsonText(c, await listChanges(serviceContext(c), c.req.valid("query"))),
  );
}
