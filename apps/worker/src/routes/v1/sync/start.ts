import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { refreshClient, syncNow } from "../../../services/sync.js";
import {
  exampleRun,
  startSyncBodySchema,
  startSyncResponseSchema,
  toRunResource,
} from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/sync",
  tags: ["sync"],
  operationId: "startSync",
  summary: "Sync now: the whole office (one bounded step; cron continues) or one client",
  description:
    "Without a body: runs one bounded step of the office's sync (202 while pages remain, the " +
    "scheduler continues; 200 when done). With `clientId`: refreshes that client from AdminPulse " +
    "at once. Changes land in `/v1/changes` and are announced by `clients.changed` webhooks. " +
    "A step reads at most SYNC_PAGES_PER_STEP (20) AdminPulse pages, of them at most 4,000 " +
    "relations (10 pages of 400: its memory grows with the relations it writes); one sync per office at a " +
    "time (409 `sync_busy`). Runs are audited (`sync.started`, `sync.finished`, `sync.failed`, " +
    "`sync.client_refreshed`) with the key that asked, or `cron`. AdminPulse is called at most " +
    `ADMINPULSE_CALLS_PER_MINUTE (480) times a minute per office, all syncs together. ${smallBodyLimit}`,
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    body: jsonBody(startSyncBodySchema, { clientId: "01J9Z8Q4R6W3T2Y7X5V1N0M8KP" }, false),
  },
  responses: {
    200: jsonResponse("Done", startSyncResponseSchema, {
      run: {
        ...exampleRun,
        kind: "client",
        status: "completed",
        pages: 1,
        added: 0,
        updated: 1,
        finishedAt: exampleRun.startedAt,
      },
      outcome: "refreshed",
      client: "updated",
    }),
    202: jsonResponse(
      "Started or continued; more steps follow from cron",
      startSyncResponseSchema,
      {
        run: exampleRun,
        outcome: "progress",
      },
    ),
    ...problems(
      "forbidden",
      ...bodyCodes,
      "not_found",
      "not_connected",
      "sync_busy",
      "adminpulse_unauthorized",
      "connection_expired",
      "upstream_unavailable",
    ),
  },
});

export function registerStartSync(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const ctx = serviceContext(c);
    const clientId = c.req.valid("json")?.clientId;
    if (clientId) {
      const { run, result } = await refreshClient(ctx, clientId);
      return c.json(
        { run: run && toRunResource(run), outcome: "refreshed" as const, client: result },
        200,
      );
    }
    const { run, outcome } = await syncNow(ctx);
    return c.json({ run: run && toRunResource(run), outcome }, outcome === "completed" ? 200 : 202);
  });
}
