import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { getRun } from "../../../db/queries/sync.js";
import { ApiError, notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { confirmHeldDeletions } from "../../../sync/deletions.js";
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
    const { officeId, keyId, name } = c.var.auth;
    const { db, services } = c.var;
    const runId = c.req.valid("param").id;
    const res = await confirmHeldDeletions(
      { db, now: services.now, leaseMs: services.config.SYNC_LEASE_SECONDS * 1000 },
      officeId,
      runId,
      { keyId, name },
    );
    if (!res.ok) {
      switch (res.reason) {
        case "not_found":
          throw notFound();
        case "not_held":
          throw new ApiError("validation_failed", "This run holds no deletions.", [
            { field: "id", code: "not_held", message: "the run's status is not deletions_held" },
          ]);
        case "unchecked":
          throw new ApiError(
            "validation_failed",
            "This run held its deletions before each was asked for by key; the next full run decides.",
            [
              {
                field: "id",
                code: "unchecked",
                message: "the held deletions were not checked by key",
              },
            ],
          );
        case "stale":
          throw new ApiError(
            "sync_busy",
            "A newer full run exists; its own result decides what is deleted.",
          );
        case "busy":
          throw new ApiError("sync_busy");
      }
    }
    const run = (await getRun(db, officeId, runId))!;
    return c.json({ run: toRunResource(run), deleted: res.deleted }, 200);
  });
}
