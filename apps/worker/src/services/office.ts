/** The office itself: what a key sees of it (GET /v1/me) and making one with its first admin key. */
import { prepareKey } from "../auth/issue-key.js";
import { runBatch } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { getOffice, newOfficeStatements } from "../db/queries/offices.js";
import { notFound } from "../lib/errors.js";
import { readConnection } from "./connection.js";
import type { ServiceContext } from "./context.js";

/**
 * The calling key's office and its AdminPulse connection, as GET /v1/connection says it (looking
 * audits an expiry once per credential, like that read).
 */
export async function readOffice(ctx: ServiceContext) {
  const office = await getOffice(ctx.db, ctx.officeId);
  if (!office) throw notFound();
  const { connected, status, reason, expiresAt, expiry } = await readConnection(ctx);
  return {
    office: { id: office.id, name: office.name },
    adminpulse: { connected, status, reason, expiresAt, expiry },
  };
}

/**
 * A new office with its first admin key: the Bun entry's `create-office`, and
 * scripts/create-office.mjs over `wrangler d1 execute`. No office exists yet to scope a context to,
 * so it takes the database. A given key (`--key`) that another office or secret holds is refused
 * (KeyCollisionError) before anything is written; the office and its key are one batch.
 */
export async function createOfficeWithKey(
  db: Db,
  opts: { name: string; officeId?: string; key?: string; keyName?: string },
): Promise<{ officeId: string; key: string }> {
  const officeId = opts.officeId ?? crypto.randomUUID();
  const now = Date.now();
  const made = await prepareKey(db, {
    officeId,
    role: "admin",
    name: opts.keyName ?? "First admin key",
    now,
    key: opts.key,
  });
  // Re-running with the same --office-id and --key changes nothing: the office is kept as it is,
  // and the key exists as given (no insert).
  await runBatch(db, [
    ...newOfficeStatements(db, { id: officeId, name: opts.name, now }),
    ...(made.insert ? [made.insert] : []),
  ]);
  return { officeId, key: made.key };
}
