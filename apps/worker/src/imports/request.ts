import type { Db } from "../db/client.js";
import { auditStatement } from "../db/queries/audit.js";
import { ApiError } from "../lib/errors.js";

/** The Idempotency-Key every write on imports needs (a push, a stage, a withdrawal). */
export function requireIdempotencyKey(key: string | undefined, per: string): string {
  if (!key)
    throw new ApiError(
      "idempotency_key_required",
      `Send an Idempotency-Key header (a UUID per ${per}).`,
    );
  return key;
}

/** Audit statements of one import write: the key and the person who acted, at one time. */
export function importAudit(
  db: Db,
  a: {
    officeId: string;
    at: number;
    keyId: string;
    name: string | null;
    person: string;
    target: string;
  },
) {
  return (action: string, details: Record<string, unknown>) =>
    auditStatement(db, {
      id: crypto.randomUUID(),
      officeId: a.officeId,
      at: a.at,
      actorKeyId: a.keyId,
      actorName: a.name,
      actorPerson: a.person,
      action,
      target: a.target,
      details,
    });
}
