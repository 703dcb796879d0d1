import { and, eq } from "drizzle-orm";
import type { SealedSecret } from "../../crypto/credential-cipher.js";
import type { Db } from "../client.js";
import { connections } from "../schema/index.js";

export function allConnections(db: Db) {
  return db.select().from(connections);
}

/** Replace the sealed credential only if it is still the one read (compare-and-set on its IV). */
export async function replaceSealed(
  db: Db,
  officeId: string,
  prevIv: string,
  sealed: SealedSecret,
) {
  await db
    .update(connections)
    .set(sealed)
    .where(and(eq(connections.officeId, officeId), eq(connections.iv, prevIv)));
}
