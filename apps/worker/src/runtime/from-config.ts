import { KeyCache } from "../auth/key-cache.js";
import type { Config } from "../config.js";
import { createCredentialCipher } from "../crypto/credential-cipher.js";
import { createAdminPulseSource } from "../sync/adminpulse-source.js";
import { createD1RateLimiter } from "../sync/d1-rate-limiter.js";
import type { Runtime } from "./runtime.js";

/**
 * Everything but the database, from parsed config: the same on every runtime (issue 7), so the
 * Workers seam (`cloudflare.ts`) and the Bun seam (`bun.ts`) cannot drift. WebCrypto (the cipher)
 * is global on both. The rate limiter counts in the app's own database, whichever it is.
 */
export function runtimeFromConfig(config: Config): Omit<Runtime, "db"> {
  const now = () => Date.now();
  return {
    config,
    now,
    cipher: createCredentialCipher(config.CONNECTION_KEY_ID, {
      ...config.CONNECTION_PREVIOUS_KEYS,
      [config.CONNECTION_KEY_ID]: config.CONNECTION_ENCRYPTION_KEY,
    }),
    keyCache: new KeyCache(config.KEY_CACHE_SECONDS * 1000),
    relationSource: (credential, db) =>
      createAdminPulseSource({
        baseUrl: config.ADMINPULSE_BASE_URL,
        token: credential.token,
        timeoutMs: config.ADMINPULSE_TIMEOUT_MS,
        mapping: config.ADMINPULSE_MAPPING,
        limiter: createD1RateLimiter({
          db,
          fingerprint: credential.fingerprint,
          perMinute: config.ADMINPULSE_CALLS_PER_MINUTE,
          now,
        }),
      }),
  };
}
