/**
 * Refresh-on-open for reads by enterprise number (issue 11): a staff or admin read of a stale or
 * missing client asks AdminPulse first, within a per-key allowance and a wait bound; any AdminPulse
 * failure leaves the cache as it was. Audited with the key that asked.
 */
import type { ApiRole } from "@pulsebridge/core";
import { type ClientRow, getClientByAdminpulseId } from "../db/queries/clients.js";
import { takeRateSlot } from "../db/queries/sync.js";
import { refreshOne } from "../sync/engine.js";
import { sourceForOffice } from "../sync/office-source.js";
import { auditEntry, type ServiceContext } from "./context.js";

/**
 * Whether this read may ask AdminPulse: never for a service key (it reads the cache, so a
 * read-only integration cannot spend the office's AdminPulse budget), and for staff and admin keys
 * at most UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE times.
 */
export async function mayAskUpstream(ctx: ServiceContext, role: ApiRole): Promise<boolean> {
  if (role === "service") return false;
  const { config, now } = ctx.runtime;
  const slot = await takeRateSlot(
    ctx.db,
    `upstream-refresh:${ctx.actor.keyId}`,
    now(),
    60_000,
    config.UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE,
  );
  return slot.granted;
}

/** Caseware-style refresh on open; any AdminPulse failure leaves the cache as it was. Audited. */
export async function refreshFromUpstream(
  ctx: ServiceContext,
  number: string,
  row: ClientRow | null,
): Promise<void> {
  const { db, runtime, officeId } = ctx;
  const source = await sourceForOffice(runtime, db, officeId);
  if (!source) return;
  const res = await source.findByEnterpriseNumber(number);
  let outcome = res.ok ? (res.value ? "found" : "absent") : res.error.kind;
  if (res.ok && res.value) {
    const cached = await getClientByAdminpulseId(db, officeId, res.value.adminpulseId);
    await refreshOne({ db, now: runtime.now }, officeId, res.value, cached);
  } else if (res.ok && row) {
    // Nobody has this number now: the cached client was deleted or renumbered; ask by id.
    const byId = await source.getRelation({
      adminpulseId: row.adminpulseId,
      uniqueIdentifier: row.uniqueIdentifier,
    });
    if (byId.ok) await refreshOne({ db, now: runtime.now }, officeId, byId.value, row);
    else outcome = byId.error.kind;
  }
  await auditEntry(ctx, {
    at: runtime.now(),
    action: "client.upstream_refresh",
    target: number,
    details: { outcome },
  });
}

/** Wait for `work` at most `ms`; past that the read answers from the cache (the work may finish later). */
export async function withinBound(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
