import { CredentialUndecryptableError } from "../crypto/credential-cipher.js";
import { reencryptLegacyCredentials } from "../crypto/stored-credential.js";
import type { Db } from "../db/client.js";
import { getConnection } from "../db/queries/connections.js";
import { markTick, markUndecryptable, officesByOldestTick } from "../db/queries/cron.js";
import { pruneHistory } from "../db/queries/history.js";
import { dropExpiredStages } from "../db/queries/import-stages.js";
import { getSyncState, storeKnownUsers, updateLightCheck } from "../db/queries/sync.js";
import { pruneDeliveries } from "../db/queries/webhooks.js";
import { errorForLog } from "../lib/log-safe.js";
import type { Runtime } from "../runtime/runtime.js";
import type { ServiceContext } from "../services/context.js";
import { stepSync } from "../services/sync.js";
import type { StepOutcome } from "./engine.js";
import { sourceForOffice } from "./office-source.js";
import type { RelationSource } from "./source.js";

export interface ScheduledOffice {
  officeId: string;
  action: "continue" | "full" | "light" | "skip" | "failed";
  outcome?: StepOutcome;
  /** `failed` only: a stable code, never a message that could carry data. */
  error?: "credential_undecryptable" | "internal";
}

export interface ScheduledReport {
  offices: ScheduledOffice[];
  /** Client versions older than HISTORY_RETENTION_DAYS deleted by this run (bounded per run). */
  historyPruned?: number;
  /** Staged pushes past STAGED_IMPORT_TTL_MINUTES dropped with their parts (ADR 0021). */
  stagesDropped?: number;
  /** Finished webhook deliveries past WEBHOOK_LOG_RETENTION_DAYS deleted by this run (bounded). */
  deliveriesPruned?: number;
}

/** Versions deleted per cron run at most: a bounded write, caught up over the following runs. */
const historyPrunePerRun = 5_000;
const deliveryPrunePerRun = 5_000;

/** Who acts in the cron's service calls: no key. */
const cronActor = { keyId: null, name: "cron" };

/**
 * The cron job: for every connected office, continue an unfinished run, or start a full run when
 * it is due (the nightly cron, or the last full run is too old), or do the light check: one
 * one-record page whose totalRowCount, if changed, starts a full run early.
 *
 * Offices are served least recently served first, so the shared page budget never starves the
 * last ones; each office fails alone (issue 11): one bad credential must not stop the others.
 */
export async function runScheduled(services: Runtime, cron: string): Promise<ScheduledReport> {
  const { config, now } = services;
  const db: Db = services.db;
  const report: ScheduledReport = { offices: [] };
  // The page budget is per invocation, shared by all offices (subrequest and CPU caps).
  const budget = { pages: config.SYNC_PAGES_PER_STEP * 3 };
  // Credentials sealed before they were bound to their office (issue 11) are re-encrypted first.
  await reencryptLegacyCredentials(services.cipher, db);
  for (const officeId of await officesByOldestTick(db)) {
    if (budget.pages <= 0) break;
    try {
      report.offices.push(await scheduleOffice(services, cron, officeId, budget));
    } catch (err) {
      budget.pages--;
      await markTick(db, officeId, now());
      if (err instanceof CredentialUndecryptableError) {
        await markUndecryptable(db, officeId, now());
        report.offices.push({ officeId, action: "failed", error: "credential_undecryptable" });
      } else {
        // Never the message as it is: it may carry bound values or upstream data.
        console.error(JSON.stringify({ cron, officeId, ...errorForLog(err) }));
        report.offices.push({ officeId, action: "failed", error: "internal" });
      }
    }
  }
  report.historyPruned = await pruneHistory(
    db,
    now() - config.HISTORY_RETENTION_DAYS * 86_400_000,
    historyPrunePerRun,
  );
  report.stagesDropped = await dropExpiredStages(db, now());
  report.deliveriesPruned = await pruneDeliveries(
    db,
    now() - config.WEBHOOK_LOG_RETENTION_DAYS * 86_400_000,
    deliveryPrunePerRun,
  );
  return report;
}

/**
 * How old the office's list of users may grow before the light check reads `/users` again. A full
 * run reads `/users` only for a user id it does not know (ADR 0026), so a renamed employee is named
 * anew on their clients by the first full run after this refresh: within about a day.
 */
export const usersMaxAgeMs = 12 * 3_600_000;

/** The light check keeps the users' names fresh between full runs (outside the nightly run's calls). */
async function refreshUsers(
  source: RelationSource,
  db: Db,
  officeId: string,
  readAt: number | null,
  t: number,
  budget: { pages: number },
) {
  const users = source.userNames;
  if (!users) return;
  // The probe itself may have read them (its relation named an unknown user).
  let names = users.read();
  if (!names && readAt !== null && t - readAt < usersMaxAgeMs) return;
  if (!names) {
    budget.pages--;
    names = await users.refresh();
  }
  // A failed read keeps the old list and waits another period, rather than asking every tick.
  await storeKnownUsers(db, officeId, names ?? null, t);
}

async function scheduleOffice(
  services: Runtime,
  cron: string,
  officeId: string,
  budget: { pages: number },
): Promise<ScheduledOffice> {
  const { config, now, db } = services;
  const conn = await getConnection(db, officeId);
  if (conn?.status !== "active") return { officeId, action: "skip" };
  const state = await getSyncState(db, officeId);
  const t = now();
  const fullDue =
    cron === config.SYNC_FULL_CRON ||
    !state?.lastFullAt ||
    t - state.lastFullAt > config.SYNC_FULL_MAX_AGE_HOURS * 3_600_000;
  let action: "continue" | "full" | "light" = state?.runId
    ? "continue"
    : fullDue
      ? "full"
      : "light";
  if (
    action === "light" &&
    state?.lastLightAt &&
    t - state.lastLightAt < config.SYNC_LIGHT_INTERVAL_MINUTES * 60_000
  )
    return { officeId, action: "skip" };
  await markTick(db, officeId, t);
  const source = await sourceForOffice(services, db, officeId);
  if (!source) return { officeId, action: "skip" };
  if (action === "light") {
    // The probe's relation is mapped with the kept users: no `/users` read for a known one.
    source.userNames?.use(state?.knownUsers ? JSON.parse(state.knownUsers) : null, true);
    const probe = await source.listPage(0, 1);
    await updateLightCheck(db, officeId, t);
    budget.pages--;
    await refreshUsers(source, db, officeId, state?.usersReadAt ?? null, t, budget);
    if (!probe.ok || probe.value.totalRowCount === state?.lastTotalRows)
      return { officeId, action: "light" };
    action = "full";
  }
  const maxPages = Math.min(config.SYNC_PAGES_PER_STEP, budget.pages);
  // The same step as POST /v1/sync, by the cron: its runs are audited as `cron`.
  const ctx: ServiceContext = { officeId, actor: cronActor, db, runtime: services };
  const outcome = await stepSync(ctx, source, {
    start: action === "full",
    trigger: "cron",
    maxPages,
  });
  if (outcome.status === "progress" || outcome.status === "completed")
    budget.pages -= outcome.pages + outcome.taskPages;
  else budget.pages--;
  return { officeId, action, outcome };
}
