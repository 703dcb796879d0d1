import type { ApiKeyRow } from "../db/queries/api-keys.js";

/**
 * How long an isolate (or a Bun process) trusts a key it has verified against the database without
 * asking again, by default: the revocation bound. A key revoked through `DELETE /v1/keys/{id}` stops
 * working at once in the isolate that revoked it (`forgetKey`) and within this many milliseconds
 * everywhere else. The setting `KEY_CACHE_SECONDS` changes it (0: no cache, every request asks the
 * database). Documented in docs/adr/0017, docs/deploy.md and the OpenAPI descriptions (security
 * scheme, key revoke).
 */
export const KEY_CACHE_TTL_MS = 5_000;
/** A few hundred live keys per isolate at most in practice; the cap keeps a flood from growing it. */
const MAX_ENTRIES = 1_000;

export type CachedKey = Omit<ApiKeyRow, "secretHash" | "createdAt">;

/**
 * Verified keys, by the SHA-256 of the secret that was presented. Keyed by the hash (not the
 * prefix) so only the exact right secret ever hits the cache: a wrong secret, an unknown prefix and
 * a revoked key still take the database path, and their refusals keep the same timing.
 */
export class KeyCache {
  readonly #entries = new Map<string, { key: CachedKey; until: number }>();

  /** `ttlMs`: the revocation bound (`KEY_CACHE_SECONDS` × 1000); 0 keeps nothing. */
  constructor(readonly ttlMs: number = KEY_CACHE_TTL_MS) {}

  get(secretHash: string, prefix: string, now: number): CachedKey | null {
    const e = this.#entries.get(secretHash);
    if (!e) return null;
    if (now >= e.until || e.key.prefix !== prefix) {
      this.#entries.delete(secretHash);
      return null;
    }
    return e.key;
  }

  set(secretHash: string, key: CachedKey, now: number): void {
    if (this.ttlMs <= 0) return;
    this.#entries.delete(secretHash);
    if (this.#entries.size >= MAX_ENTRIES) {
      // Map iterates in insertion order: drop the oldest.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(secretHash, { key, until: now + this.ttlMs });
  }

  /** A revoked key: gone from this isolate's cache at once. */
  forgetKey(keyId: string): void {
    for (const [h, e] of this.#entries) if (e.key.id === keyId) this.#entries.delete(h);
  }
}
