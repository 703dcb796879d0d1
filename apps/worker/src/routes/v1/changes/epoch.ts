import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { startFeedEpoch } from "../../../services/changes.js";

const responseSchema = z
  .object({ epoch: z.string().describe("The feed's new epoch (16 hex digits).") })
  .openapi("FeedEpoch");

const route = createRoute({
  method: "post",
  path: "/changes/epoch",
  tags: ["changes"],
  operationId: "startFeedEpoch",
  summary: "Start a new change-feed epoch (after restoring the database)",
  description:
    "After a database restore the feed no longer continues where mirrors left it. This gives the " +
    "office's feed a new epoch: every cursor handed out before answers 410 `change_feed_reset`, " +
    "so each mirror drops its copy and reads the feed again from the start (ADR 0020). A cursor past " +
    "the feed's end is refused without this call. Admin keys only; audited as `feed.epoch_started`. " +
    smallBodyLimit,
  middleware: [requireRole("admin")] as const,
  request: { body: jsonBody(z.strictObject({}), {}, false) },
  responses: {
    200: jsonResponse("The new epoch", responseSchema, { epoch: "9f3c1a7e5b2d4c6a" }),
    ...problems("forbidden", ...bodyCodes),
  },
});

export function registerFeedEpoch(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => c.json({ epoch: await startFeedEpoch(serviceContext(c)) }, 200));
}
