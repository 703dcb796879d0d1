import { eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { offices, syncState } from "../schema/index.js";

export async function createOffice(db: Db, office: { id: string; name: string; now: number }) {
  await db.batch([
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
