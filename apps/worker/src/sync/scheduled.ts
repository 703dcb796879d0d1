import type { Db } from "../db/client.js";
import { getConnection } from "../db/queries/connections.js";
import { listOfficeIds } from "../db/queries/offices.js";
import { getSyncState, updateLightCheck } from "../db/queries/sync.js";
import type { Services } from "../services.js";
import { type StepOutcome, syncStep } from "./engine.js";
import { sourceForOffice } from "./office-source.js";

export interface ScheduledReport {
  offices: {
    officeId: string;
    action: "continue" | "full" | "light" | "skip";
    outcome?: StepOutcome;
  }[];
}

/**
 * The cron job: for every connected office, continue an unfinished run, or start a full run when
 * it is due (the nightly cron, or the last full run is too old), or do the light check: one
 * one-record page whose totalRowCount, if changed, starts a full run early.
 */
export async function runScheduled(services: Services, cron: string): Promise<ScheduledReport> {
  const { config, now } = services;
  const db: Db = services.db;
  const report: ScheduledReport = { offices: [] };
  // The page budget is per invocation, shared by all offices (subrequest and CPU caps).
  let budget = config.SYNC_PAGES_PER_STEP * 3;
  for (const officeId of await listOfficeIds(db)) {
    if (budget <= 0) break;
    const conn = await getConnection(db, officeId);
    const source = conn ? await sourceForOffice(services, db, officeId) : null;
    if (!source) {
      report.offices.push({ officeId, action: "skip" });
      continue;
    }
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
    if (action === "light") {
      if (
        state?.lastLightAt &&
        t - state.lastLightAt < config.SYNC_LIGHT_INTERVAL_MINUTES * 60_000
      ) {
        report.offices.push({ officeId, action: "skip" });
        continue;
      }
      const probe = await source.listPage(0, 1);
      await updateLightCheck(db, officeId, t);
      budget--;
      if (!probe.ok || probe.value.totalRowCount === state?.lastTotalRows) {
        report.offices.push({ officeId, action: "light" });
        continue;
      }
      action = "full";
    }
    const maxPages = Math.min(config.SYNC_PAGES_PER_STEP, budget);
    const outcome = await syncStep({ db, now, config, source }, officeId, {
      start: action === "full",
      trigger: "cron",
      maxPages,
    });
    if (outcome.status === "progress" || outcome.status === "completed")
      budget -= outcome.pages + outcome.taskPages;
    else budget--;
    report.offices.push({ officeId, action, outcome });
  }
  return report;
}
