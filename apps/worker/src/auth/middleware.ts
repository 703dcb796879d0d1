import type { ApiRole } from "@pulsebridge/core";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import { auditFailedLogin, findKeyByPrefix, touchKey } from "../db/queries/api-keys.js";
import { ApiError } from "../lib/errors.js";
import { sha256HexSync } from "../lib/sha256.js";
import { digestsEqual, parseApiKey } from "./api-key.js";
import type { CachedKey } from "./key-cache.js";

/** Every failure gives the same 401: the response never tells which part of the key was wrong. */
const invalid = () =>
  new ApiError("unauthorized", "Send a valid API key as `Authorization: Bearer pb_…`.");

/** The key an `Authorization` header presents, with the SHA-256 of its secret; null if malformed. */
export function presentedKey(header: string | null | undefined) {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  const parsed = m ? parseApiKey(m[1]!) : null;
  // Hashed before any lookup, so every refusal costs the same (hash + one query).
  return parsed ? { prefix: parsed.prefix, hash: sha256HexSync(parsed.secret) } : null;
}

/** A key needs its last-used time written when it has none or it is over a minute old. */
export const touchDue = (key: CachedKey, now: number) =>
  key.lastUsedAt === null || now - key.lastUsedAt > 60_000;

export const requireKey = createMiddleware<AppEnv>(async (c, next) => {
  const parsed = presentedKey(c.req.header("authorization"));
  if (!parsed) throw invalid();
  const { db, services } = c.var;
  const now = services.now();
  const { hash } = parsed;
  let key = services.keyCache.get(hash, parsed.prefix, now);
  if (!key) {
    const row = await findKeyByPrefix(db, parsed.prefix);
    if (!row) throw invalid();
    if (!digestsEqual(hash, row.secretHash) || row.revokedAt !== null) {
      const revoked = row.revokedAt !== null;
      await auditFailedLogin(db, { ...row, revoked }, now);
      throw invalid();
    }
    const { secretHash: _s, createdAt: _c, ...verified } = row;
    key = verified;
    services.keyCache.set(hash, key, now);
  }
  // Skip the write entirely on most requests; touchKey re-checks the minute in SQL.
  if (touchDue(key, now)) {
    await touchKey(db, key.id, now);
    key.lastUsedAt = now;
  }
  c.set("auth", {
    officeId: key.officeId,
    keyId: key.id,
    prefix: key.prefix,
    role: key.role,
    name: key.name,
  });
  await next();
});

export const requireRole = (...roles: ApiRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.auth.role)) {
      throw new ApiError(
        "forbidden",
        `This operation needs one of the roles: ${roles.join(", ")}.`,
      );
    }
    await next();
  });

export const anyRole = requireRole("admin", "staff", "service");
