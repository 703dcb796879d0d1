import { eq } from "drizzle-orm";
import { runBatch } from "../batch.js";
import type { Db } from "../client.js";
import { offices, syncState } from "../schema/index.js";

export async function createOffice(db: Db, office: { id: string; name: string; now: number }) {
  // runBatch, not db.batch: the one atomic batch both runtimes have (bun-sqlite has no batch).
  await runBatch(db, [
    db
      .insert(offices)
      .values({ id: office.id, name: office.name, changeSeq: 0, createdAt: office.now }),
    db.insert(syncState).values({ officeId: office.id }),
  ]);
}

export async function getOffice(db: Db, officeId: string) {
  return (await db.select().from(offices).where(eq(offices.id, officeId)).limit(1))[0] ?? null;
}

export async function listOfficeIds(db: Db): Promise<string[]> {
  return (await db.select({ id: offices.id }).from(offices)).map((r) => r.id);
}
