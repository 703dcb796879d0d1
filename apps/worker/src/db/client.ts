import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema/index.js";

/** `$client` is the raw D1 handle, for batches drizzle cannot build (see batch.ts). */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

export function createD1Db(d1: D1Database): Db {
  return drizzle(d1, { schema });
}
