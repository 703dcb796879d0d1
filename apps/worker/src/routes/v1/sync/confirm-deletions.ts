import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { confirmDeletions } from "../../../services/sync.js";
import { exampleRun, syncRunSchema, toRunResource } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/sync/runs/{id}/confirm-deletions",
  tags: ["sync"],
  operationId: "confirmHeldDeletions",
  summary: "Confirm the deletions a run held (status deletions_held); admin only, audited",
  description:
    "Before deleting, a full scan asks AdminPulse for each client it did not see, by key: one " +
    "AdminPulse still answers is kept (flagged `upstream.unlisted`), one it answers 404 for by " +
    "every key is a deletion. When those deletions exceed SYNC_DELETE_MAX_PERCENT of the office's " +
    "clients, the run holds them. Confirming deletes exactly those clients, except any that " +
    "something has confirmed since (an on-demand refresh that found a client keeps it); " +
    "AdminPulse is not asked again. Only the office's latest full run can be confirmed: a newer " +
    "run decides with newer evidence (409 `sync_busy`, also while a run is open).",
  middleware: [requireRole("admin")] as const,
  request: {
    params: z.strictObject({
      id: z.string().min(1).max(64).describe("The held run's id (from GET /v1/sync/runs)."),
    }),
  },
  responses: {
    200: jsonResponse(
      "Deleted; the run is now completed",
      z.object({
        run: syncRunSchema,
        deleted: z.number().int().describe("Clients deleted by this confirmation."),
      }),
      { run: { ...exampleRun, status: "completed", deleted: 7, deletionsHeld: 7 }, deleted: 7 },
    ),
    ...problems("forbidden", "not_found", "validation_failed", "sync_busy"),
  },
});

export function registerConfirmDeletions(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { run, deleted } = await confirmDeletions(serviceContext(c), c.req.valid("param").id);
    return c.json({ run: toRunResource(run), deleted }, 200);
  });
}
