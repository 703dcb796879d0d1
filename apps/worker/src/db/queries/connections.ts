import { eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { connections } from "../schema/index.js";

export type ConnectionRow = typeof connections.$inferSelect;

export function upsertConnectionStatement(db: Db, row: typeof connections.$inferInsert) {
  const { officeId: _o, createdAt: _c, ...update } = row;
  return db
    .insert(connections)
    .values(row)
    .onConflictDoUpdate({ target: connections.officeId, set: update });
}

export async function getConnection(db: Db, officeId: string): Promise<ConnectionRow | null> {
  return (
    (await db.select().from(connections).where(eq(connections.officeId, officeId)).limit(1))[0] ??
    null
  );
}

export function deleteConnectionStatement(db: Db, officeId: string) {
  return db.delete(connections).where(eq(connections.officeId, officeId));
}

export async function markConnectionInvalid(db: Db, officeId: string, now: number) {
  await db
    .update(connections)
    .set({ status: "invalid", updatedAt: now })
    .where(eq(connections.officeId, officeId));
}
