import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { getClientById } from "../../../db/queries/clients.js";
import { finishRunStatement, insertRunStatement, listRuns } from "../../../db/queries/sync.js";
import { ApiError, notFound } from "../../../lib/errors.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { refreshOne, syncStep } from "../../../sync/engine.js";
import { type ConnectionProblem, openOfficeSource } from "../../../sync/office-source.js";
import { commitNotifier } from "../../../webhooks/commit-notifier.js";
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
    "A step reads at most SYNC_PAGES_PER_STEP (20) AdminPulse pages; one sync per office at a " +
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
    const body = c.req.valid("json") ?? {};
    const { officeId } = c.var.auth;
    const { db, services } = c.var;
    const opened = await openOfficeSource(services, db, officeId);
    if (!opened.ok) throw problemError(opened.problem);
    const { source } = opened;

    if (body.clientId) {
      const cached = await getClientById(db, officeId, body.clientId);
      if (!cached) throw notFound();
      const res = await source.getRelation({
        adminpulseId: cached.adminpulseId,
        uniqueIdentifier: cached.uniqueIdentifier,
      });
      if (!res.ok) {
        throw res.error.kind === "unauthorized"
          ? res.error.expired
            ? problemError("expired")
            : new ApiError("adminpulse_unauthorized")
          : new ApiError(
              "upstream_unavailable",
              `AdminPulse: ${res.error.kind}. The cache is unchanged.`,
            );
      }
      const result = await refreshOne({ db, now: services.now }, officeId, res.value, cached);
      if (result === "added" || result === "updated") await services.notifyWebhooks?.(officeId);
      const runId = crypto.randomUUID();
      const t = services.now();
      await runBatch(db, [
        insertRunStatement(db, {
          id: runId,
          officeId,
          kind: "client",
          trigger: "manual",
          status: "running",
          startedAt: t,
          pages: 1,
          added: result === "added" ? 1 : 0,
          updated: result === "updated" ? 1 : 0,
        }),
        finishRunStatement(db, runId, "completed", t),
        // An upstream refresh, audited like the one a by-enterprise read makes (issue 11).
        auditStatement(db, {
          id: crypto.randomUUID(),
          officeId,
          at: t,
          actorKeyId: c.var.auth.keyId,
          actorName: c.var.auth.name,
          action: "sync.client_refreshed",
          target: cached.id,
          details: { runId, result },
        }),
      ]);
      const run = (await listRuns(db, officeId, 5)).find((x) => x.id === runId) ?? null;
      return c.json(
        { run: run && toRunResource(run), outcome: "refreshed" as const, client: result },
        200,
      );
    }

    const announce = commitNotifier(services.notifyWebhooks, officeId);
    const outcome = await syncStep(
      { db, now: services.now, config: services.config, source, afterCommit: announce.afterCommit },
      officeId,
      {
        start: true,
        trigger: "manual",
        actor: { keyId: c.var.auth.keyId, name: c.var.auth.name },
        maxPages: services.config.SYNC_PAGES_PER_STEP,
        maxMs: services.config.SYNC_STEP_SECONDS * 1000,
      },
    );
    // Events this step committed (clients.changed, sync.failed, …) were announced batch by
    // batch; the last ones go out now (ADR 0022).
    await announce.settle();
    // lease_lost: this step stalled past its lease and another took over — busy, as far as we know.
    if (outcome.status === "busy" || outcome.status === "lease_lost")
      throw new ApiError("sync_busy");
    const runs = await listRuns(db, officeId, 1);
    const run = runs[0] ? toRunResource(runs[0]) : null;
    return c.json({ run, outcome: outcome.status }, outcome.status === "completed" ? 200 : 202);
  });
}

/** Why there is no source, as the problem a caller can act on (details in GET /v1/connection). */
function problemError(problem: ConnectionProblem): ApiError {
  switch (problem) {
    case "not_connected":
      return new ApiError("not_connected", "Connect AdminPulse first (PUT /v1/connection).");
    case "invalid":
      return new ApiError(
        "not_connected",
        "The AdminPulse connection is invalid (see GET /v1/connection); reconnect it.",
      );
    case "expired":
      return new ApiError(
        "connection_expired",
        "The AdminPulse key has expired (its expiry date passed, AdminPulse said so, or it refused " +
          "the OAuth refresh). Store a new key with PUT /v1/connection; the cache is unchanged.",
      );
    case "refresh_unavailable":
      return new ApiError(
        "not_connected",
        "The OAuth access token has expired and this server cannot refresh it (no OAuth client " +
          "configured, or no refresh token); reconnect AdminPulse.",
      );
    case "refresh_refused":
      return new ApiError(
        "connection_expired",
        "AdminPulse refused the OAuth refresh; the connection is now invalid. Reconnect AdminPulse.",
      );
    case "refresh_failed":
      return new ApiError(
        "upstream_unavailable",
        "The OAuth token could not be refreshed (AdminPulse unreachable). The cache is unchanged.",
      );
  }
}
