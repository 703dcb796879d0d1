import { runBatch } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { auditOncePerCredential, syncRunAuditStatement } from "../db/queries/audit.js";
import type { ConnectionRow } from "../db/queries/connections.js";
import { acquireLease, releaseLeaseStatement } from "../db/queries/sync.js";
import { expiryOf } from "../routes/v1/connection/schema.js";
import { emitStatement } from "../webhooks/events.js";
import { LeaseLost, leaseWriter } from "./lease.js";
import { failRunStatements, placeOf } from "./run-end.js";

/**
 * Audits, once per stored credential, that its key entered the warning window
 * (`connection.expiring`, 14 days ahead) and that it expired (`connection.expired`). Called
 * wherever the expiry is looked at (GET /v1/me, GET /v1/connection, every sync step), so the entry
 * appears whichever comes first; one conditional insert, so two callers at once still write one.
 * The credential is told apart by its IV (fresh on every PUT), never by anything secret.
 */
export async function noteExpiry(
  db: Db,
  conn: ConnectionRow,
  now: number,
  refreshable: boolean,
): Promise<void> {
  const expiry = expiryOf(conn, now, refreshable);
  if (expiry.status === "ok") return;
  const action = expiry.status === "expiring" ? "connection.expiring" : "connection.expired";
  // The webhook first, guarded by the same "not audited yet" test, so it is sent once per
  // credential and state (ADR 0022); the event carries no credential, not even its IV.
  await runBatch(db, [
    emitStatement(db, {
      officeId: conn.officeId,
      type: "connection.expiring",
      now,
      data: {
        status: expiry.status,
        expiresAt: conn.expiresAt === null ? null : new Date(conn.expiresAt).toISOString(),
        daysLeft: expiry.daysLeft,
      },
      unlessAudited: { action, credential: conn.iv },
    }),
  ]);
  await auditOncePerCredential(db, conn.officeId, now, action, conn.iv, {
    expiresAt: conn.expiresAt === null ? null : new Date(conn.expiresAt).toISOString(),
    daysLeft: expiry.daysLeft,
    reason: conn.status === "invalid" ? (conn.statusReason?.split(":")[0] ?? null) : null,
  });
}

/**
 * An open run cannot go on once the key expired: it ends as failed with `connection_expired`
 * (under the lease, so never under a step that is still writing) instead of waiting forever, and
 * nothing is retried until a new key is stored.
 */
export async function endRunOnExpiry(
  deps: { db: Db; now: () => number },
  officeId: string,
  leaseMs: number,
  why: string,
): Promise<void> {
  const { db, now } = deps;
  const owner = crypto.randomUUID();
  const state = await acquireLease(db, officeId, owner, now(), leaseMs);
  if (!state) return;
  try {
    if (state.runId === null) return;
    const w = leaseWriter(deps, officeId, owner);
    await w.write(state.runId, [
      // The worker ends the run, not a key: audited like every run's end (issue 11).
      syncRunAuditStatement(db, {
        officeId,
        runId: state.runId,
        at: now(),
        actor: { keyId: null, name: "pulsebridge" },
        action: "sync.failed",
        details: { reason: "connection_expired" },
      }),
      ...failRunStatements(
        db,
        officeId,
        owner,
        state.runId,
        now(),
        `connection_expired: ${why}`,
        placeOf(state),
      ),
    ]);
  } catch (e) {
    if (!(e instanceof LeaseLost)) throw e;
  } finally {
    await releaseLeaseStatement(db, officeId, owner);
  }
}
