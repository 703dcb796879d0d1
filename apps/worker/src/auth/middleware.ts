import type { ApiRole } from "@pulsebridge/core";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import { auditFailedLogin, findKeyByPrefix, touchKey } from "../db/queries/api-keys.js";
import { ApiError } from "../lib/errors.js";
import { sha256HexSync } from "../lib/sha256.js";
import { digestsEqual, parseApiKey } from "./api-key.js";

/** Every failure gives the same 401: the response never tells which part of the key was wrong. */
const invalid = () =>
  new ApiError("unauthorized", "Send a valid API key as `Authorization: Bearer pb_…`.");

export const requireKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const parsed = m ? parseApiKey(m[1]!) : null;
  if (!parsed) throw invalid();
  const { db, services } = c.var;
  const now = services.now();
  // Hashed before any lookup, so every refusal costs the same (hash + one query).
  const hash = sha256HexSync(parsed.secret);
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
  if (key.lastUsedAt === null || now - key.lastUsedAt > 60_000) {
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
