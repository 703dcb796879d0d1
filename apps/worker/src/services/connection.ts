/** The office's AdminPulse connection: read (noting an expiry), store (encrypted), remove. */
import type { z } from "@hono/zod-openapi";
import { oauthClientOf } from "../config.js";
import { sha256Hex } from "../crypto/credential-cipher.js";
import { runBatch } from "../db/batch.js";
import {
  deleteConnectionStatement,
  getConnection,
  upsertConnectionStatement,
} from "../db/queries/connections.js";
import { notFound } from "../lib/errors.js";
import {
  type putConnectionBodySchema,
  toConnectionResource,
} from "../routes/v1/connection/schema.js";
import { noteExpiry } from "../sync/expiry.js";
import { bearerOf, type Credential } from "../sync/office-source.js";
import { auditEntry, type ServiceContext } from "./context.js";

export type ConnectionInput = z.infer<typeof putConnectionBodySchema>;

/**
 * The connection as the API shows it (never the token). Looking at it audits, once per
 * credential, that it entered the warning window or expired (sync/expiry.ts).
 */
export async function readConnection(ctx: ServiceContext) {
  const row = await getConnection(ctx.db, ctx.officeId);
  const { now, config } = ctx.runtime;
  const refreshable = oauthClientOf(config) !== null;
  if (row) await noteExpiry(ctx.db, row, now(), refreshable);
  return toConnectionResource(row, now(), refreshable);
}

/** Stores the credential sealed to this office, replacing any earlier one; the next sync uses it. */
export async function putConnection(ctx: ServiceContext, input: ConnectionInput) {
  const { officeId } = ctx;
  const { now: clock, cipher, config } = ctx.runtime;
  const now = clock();
  const cred: Credential =
    input.kind === "token"
      ? { kind: "token", token: input.token }
      : { kind: "oauth", accessToken: input.accessToken, refreshToken: input.refreshToken ?? null };
  const sealed = await cipher.seal(JSON.stringify(cred), { officeId, kind: input.kind });
  const row = {
    officeId,
    kind: input.kind,
    ...sealed,
    expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
    status: "active" as const,
    statusReason: null,
    tokenFingerprint: await sha256Hex(bearerOf(cred)),
    createdAt: now,
    updatedAt: now,
  };
  await runBatch(ctx.db, [
    upsertConnectionStatement(ctx.db, row),
    auditEntry(ctx, {
      at: now,
      action: "connection.set",
      details: { kind: row.kind, expiresAt: input.expiresAt ?? null },
    }),
  ]);
  return toConnectionResource(row, now, oauthClientOf(config) !== null);
}

/** Deletes the stored credential (404 when there is none); the cache stays, sync stops. */
export async function deleteConnection(ctx: ServiceContext): Promise<void> {
  if (!(await getConnection(ctx.db, ctx.officeId))) throw notFound();
  await runBatch(ctx.db, [
    deleteConnectionStatement(ctx.db, ctx.officeId),
    auditEntry(ctx, { at: ctx.runtime.now(), action: "connection.deleted" }),
  ]);
}
