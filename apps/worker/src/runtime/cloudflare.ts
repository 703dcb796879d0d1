import { parseConfig } from "../config.js";
import { createCredentialCipher } from "../crypto/credential-cipher.js";
import { createD1Db } from "../db/client.js";
import type { Services } from "../services.js";
import { createAdminPulseSource } from "../sync/adminpulse-source.js";
import { createD1RateLimiter } from "../sync/d1-rate-limiter.js";

/**
 * The Workers seam: services from bindings. Config is parsed once per isolate (bindings are fixed
 * for an isolate's life); the D1 handle is cheap and wrapped per call.
 */
const cache = new WeakMap<object, Omit<Services, "db">>();

export function cloudflareServices(env: Env): Services {
  let base = cache.get(env);
  if (!base) {
    const config = parseConfig(env as unknown as Record<string, unknown>);
    const now = () => Date.now();
    base = {
      config,
      now,
      cipher: createCredentialCipher(config.CONNECTION_KEY_ID, {
        ...config.CONNECTION_PREVIOUS_KEYS,
        [config.CONNECTION_KEY_ID]: config.CONNECTION_ENCRYPTION_KEY,
      }),
      relationSource: (credential, db) =>
        createAdminPulseSource({
          baseUrl: config.ADMINPULSE_BASE_URL,
          token: credential.token,
          timeoutMs: config.ADMINPULSE_TIMEOUT_MS,
          limiter: createD1RateLimiter({
            db,
            fingerprint: credential.fingerprint,
            perMinute: config.ADMINPULSE_CALLS_PER_MINUTE,
            now,
          }),
        }),
    };
    cache.set(env, base);
  }
  return { ...base, db: createD1Db(env.DB) };
}
