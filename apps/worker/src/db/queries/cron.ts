import { asc, eq, sql } from "drizzle-orm";
import { runBatch } from "../batch.js";
import type { Db } from "../client.js";
import { connections, offices, syncState } from "../schema/index.js";
import { auditStatement } from "./audit.js";

/** Every office, the one the cron served longest ago (or never) first: no office starves. */
export async function officesByOldestTick(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: offices.id })
    .from(offices)
    .leftJoin(syncState, eq(syncState.officeId, offices.id))
    .orderBy(sql`coalesce(${syncState.lastTickAt}, 0)`, asc(offices.createdAt), asc(offices.id));
  return rows.map((r) => r.id);
}

export async function markTick(db: Db, officeId: string, now: number) {
  await db.update(syncState).set({ lastTickAt: now }).where(eq(syncState.officeId, officeId));
}

/**
 * The office's stored credential cannot be decrypted: flag the connection (GET /v1/connection
 * shows why) and audit it, together. Syncs skip an invalid connection until an admin reconnects.
 */
export async function markUndecryptable(db: Db, officeId: string, now: number) {
  await runBatch(db, [
    db
      .update(connections)
      .set({
        status: "invalid",
        statusReason:
          "credential_undecryptable: the stored AdminPulse credential cannot be decrypted with " +
          "the configured keys; store it again (PUT /v1/connection)",
        updatedAt: now,
      })
      .where(eq(connections.officeId, officeId)),
    auditStatement(db, {
      id: crypto.randomUUID(),
      officeId,
      at: now,
      actorKeyId: null,
      actorName: "pulsebridge",
      action: "connection.undecryptable",
      target: null,
      details: {},
    }),
  ]);
}
