/** API keys of an office: create (shown once), list, revoke (ADR 0002, ADR 0017). */
import type { ApiRole } from "@pulsebridge/core";
import { prepareKey } from "../auth/issue-key.js";
import { runBatch } from "../db/batch.js";
import {
  auditRevokeStatement,
  getKey,
  listKeys as listKeyRows,
  revokeKeyStatement,
} from "../db/queries/api-keys.js";
import { ApiError, notFound } from "../lib/errors.js";
import { auditEntry, type ServiceContext } from "./context.js";

/** A new key for the office; the full key is returned this once, the server keeps its hash. */
export async function createKey(ctx: ServiceContext, input: { role: ApiRole; name: string }) {
  const now = ctx.runtime.now();
  const { key, row, insert } = await prepareKey(ctx.db, {
    officeId: ctx.officeId,
    role: input.role,
    name: input.name,
    now,
  });
  await runBatch(ctx.db, [
    ...(insert ? [insert] : []),
    auditEntry(ctx, {
      at: now,
      action: "key.created",
      target: row.id,
      details: { prefix: row.prefix, role: row.role, name: row.name },
    }),
  ]);
  return { key, row };
}

export function listKeys(ctx: ServiceContext) {
  return listKeyRows(ctx.db, ctx.officeId);
}

/**
 * Revokes a live key of the office: 404 for an unknown or revoked one, 409 `last_admin_key` for the
 * office's last live admin key (the revoke statement refuses it, the audit follows only a revoke).
 */
export async function revokeKey(ctx: ServiceContext, id: string): Promise<void> {
  const { db, officeId, actor } = ctx;
  const key = await getKey(db, officeId, id);
  if (!key || key.revokedAt !== null) throw notFound();
  const now = ctx.runtime.now();
  await runBatch(db, [
    revokeKeyStatement(db, officeId, id, now),
    auditRevokeStatement(db, {
      id: crypto.randomUUID(),
      officeId,
      keyId: id,
      now,
      actorKeyId: actor.keyId,
      actorName: actor.name,
      details: { prefix: key.prefix, role: key.role, name: key.name },
    }),
  ]);
  if ((await getKey(db, officeId, id))?.revokedAt === null)
    throw new ApiError(
      "last_admin_key",
      "This is the office's last admin key: create another admin key first, then revoke this one.",
    );
  // Other isolates drop it within KEY_CACHE_TTL_MS (auth/key-cache.ts).
  ctx.runtime.keyCache.forgetKey(id);
}
