/**
 * The office's sync with AdminPulse (ADR 0004, ADR 0013): one bounded step of the full run (asked
 * for by POST /v1/sync or the cron), one client's refresh, confirming the deletions a run held, the
 * run log.
 */
import { runBatch } from "../db/batch.js";
import { getClientById } from "../db/queries/clients.js";
import {
  finishRunStatement,
  getRun,
  insertRunStatement,
  listRuns,
  type SyncRunRow,
} from "../db/queries/sync.js";
import { ApiError, notFound } from "../lib/errors.js";
import { confirmHeldDeletions } from "../sync/deletions.js";
import { refreshOne, type StepOutcome, syncStep } from "../sync/engine.js";
import { type ConnectionProblem, openOfficeSource } from "../sync/office-source.js";
import type { RelationSource } from "../sync/source.js";
import { commitNotifier } from "../webhooks/commit-notifier.js";
import { auditEntry, type ServiceContext } from "./context.js";

/**
 * One bounded step of the office's full run, with the webhooks of each committed batch announced
 * as it commits and the last ones before this returns (ADR 0022). The step's actor is the
 * context's key; the cron's context has none (its runs are audited as `cron`).
 */
export async function stepSync(
  ctx: ServiceContext,
  source: RelationSource,
  opts: { start: boolean; trigger: "cron" | "manual"; maxPages: number },
): Promise<StepOutcome> {
  const { now, config, notifyWebhooks } = ctx.runtime;
  const { keyId, name } = ctx.actor;
  const announce = commitNotifier(notifyWebhooks, ctx.officeId);
  const outcome = await syncStep(
    { db: ctx.db, now, config, source, afterCommit: announce.afterCommit },
    ctx.officeId,
    {
      start: opts.start,
      trigger: opts.trigger,
      ...(keyId !== null ? { actor: { keyId, name } } : {}),
      maxPages: opts.maxPages,
      maxMs: config.SYNC_STEP_SECONDS * 1000,
    },
  );
  // Events this step committed (clients.changed, sync.failed, …) were announced batch by batch;
  // the last ones go out now.
  await announce.settle();
  return outcome;
}

/**
 * "Sync now": one step of the office's full run, started when none is open; the cron continues it.
 * 409 `sync_busy` while another step holds the office.
 */
export async function syncNow(
  ctx: ServiceContext,
): Promise<{ run: SyncRunRow | null; outcome: "progress" | "completed" | "idle" | "error" }> {
  const source = await openSource(ctx);
  const outcome = await stepSync(ctx, source, {
    start: true,
    trigger: "manual",
    maxPages: ctx.runtime.config.SYNC_PAGES_PER_STEP,
  });
  // lease_lost: this step stalled past its lease and another took over — busy, as far as we know.
  if (outcome.status === "busy" || outcome.status === "lease_lost") throw new ApiError("sync_busy");
  const [run] = await listRuns(ctx.db, ctx.officeId, 1);
  return { run: run ?? null, outcome: outcome.status };
}

/**
 * Refreshes one client from AdminPulse at once, recorded as a one-page `client` run and audited
 * like the upstream refresh a by-enterprise read makes (issue 11). 404 for another office's id.
 */
export async function refreshClient(ctx: ServiceContext, clientId: string) {
  const { db, officeId } = ctx;
  const { now, notifyWebhooks } = ctx.runtime;
  const source = await openSource(ctx);
  const cached = await getClientById(db, officeId, clientId);
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
  const result = await refreshOne({ db, now }, officeId, res.value, cached);
  if (result === "added" || result === "updated") await notifyWebhooks?.(officeId);
  const runId = crypto.randomUUID();
  const t = now();
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
    auditEntry(ctx, {
      at: t,
      action: "sync.client_refreshed",
      target: cached.id,
      details: { runId, result },
    }),
  ]);
  const run = (await listRuns(db, officeId, 5)).find((x) => x.id === runId) ?? null;
  return { run, result };
}

/**
 * An admin confirms the deletions a full run held (sync/deletions.ts says which and why): 404 for
 * an unknown run, 400 for one that holds none or held them unchecked, 409 `sync_busy` for a stale
 * or busy one.
 */
export async function confirmDeletions(ctx: ServiceContext, runId: string) {
  const { db, officeId } = ctx;
  const { now, config } = ctx.runtime;
  const res = await confirmHeldDeletions(
    { db, now, leaseMs: config.SYNC_LEASE_SECONDS * 1000 },
    officeId,
    runId,
    ctx.actor,
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
  return { run, deleted: res.deleted };
}

/** The office's latest runs, newest first. */
export function listSyncRuns(ctx: ServiceContext, limit: number) {
  return listRuns(ctx.db, ctx.officeId, limit);
}

/** The office's AdminPulse source, or the problem a caller can act on (ApiError). */
async function openSource(ctx: ServiceContext): Promise<RelationSource> {
  const opened = await openOfficeSource(ctx.runtime, ctx.db, ctx.officeId);
  if (!opened.ok) throw problemError(opened.problem);
  return opened.source;
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
