import type { ApiRole } from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import { type ApiKeyRow, findKeyByPrefix, insertKeyStatement } from "../db/queries/api-keys.js";
import { apiKeyFormat, generateApiKey, hashSecret, parseApiKey } from "./api-key.js";

/** A given key whose prefix is already taken by another key (issue 11: it handed out A's key to D). */
export class KeyCollisionError extends Error {
  constructor(prefix: string) {
    super(
      `A key with prefix ${prefix} already belongs to another office or has another secret; ` +
        "nothing was created. Leave out --key to get a new key, or pass another one.",
    );
    this.name = "KeyCollisionError";
  }
}

/**
 * The one way a key is made (the API, the Bun create-office command): a new random key, or a given
 * one (`--key`, for a demo stack). A given key that exists with the same office and secret is the
 * same key (re-running create-office changes nothing); any other owner of its prefix is refused.
 * Returns the insert to run, in the caller's batch, or null when the key already exists as given.
 */
export async function prepareKey(
  db: Db,
  opts: { officeId: string; role: ApiRole; name: string; now: number; key?: string | undefined },
) {
  let key: { key: string; prefix: string; secretHash: string };
  if (opts.key) {
    const parsed = parseApiKey(opts.key);
    if (!parsed) throw new Error(`--key must look like ${apiKeyFormat}`);
    key = { key: opts.key, prefix: parsed.prefix, secretHash: await hashSecret(parsed.secret) };
  } else {
    key = await generateApiKey();
  }
  const existing: ApiKeyRow | null = await findKeyByPrefix(db, key.prefix);
  if (existing) {
    const same =
      opts.key && existing.officeId === opts.officeId && existing.secretHash === key.secretHash;
    // A random prefix that is taken (1 in 36^8): the unique index refuses the insert anyway.
    if (!same) throw new KeyCollisionError(key.prefix);
    return { key: key.key, row: existing, insert: null };
  }
  const row = {
    id: crypto.randomUUID(),
    officeId: opts.officeId,
    prefix: key.prefix,
    secretHash: key.secretHash,
    role: opts.role,
    name: opts.name,
    createdAt: opts.now,
    lastUsedAt: null,
    revokedAt: null,
  };
  return { key: key.key, row, insert: insertKeyStatement(db, row) };
}
