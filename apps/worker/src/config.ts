import { z } from "zod";

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

/** Vars and secrets, parsed once per isolate. A bad value is a 500 `config_invalid`, not a crash later. */
export const configSchema = z.object({
  CONNECTION_ENCRYPTION_KEY: z.string().refine((v) => {
    try {
      return atob(v).length === 32;
    } catch {
      return false;
    }
  }, "must be 32 bytes, base64"),
  CONNECTION_KEY_ID: z.string().min(1).max(20).default("k1"),
  /** Retired keys still able to decrypt, for rotation: `k1:<base64>,k2:<base64>`. */
  CONNECTION_PREVIOUS_KEYS: z
    .string()
    .default("")
    .transform((s, ctx) => {
      const ring: Record<string, string> = {};
      for (const part of s
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const i = part.indexOf(":");
        if (i < 1) {
          ctx.addIssue({ code: "custom", message: "expected id:base64 pairs" });
          return z.NEVER;
        }
        ring[part.slice(0, i)] = part.slice(i + 1);
      }
      return ring;
    }),
  ADMINPULSE_BASE_URL: z.url().default("https://api.adminpulse.be"),
  CORS_ORIGINS: z
    .string()
    .default("https://localhost:3000,http://127.0.0.1:3000")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SYNC_FULL_CRON: z.string().default("0 1 * * *"),
  /** AdminPulse pages fetched per invocation: bounds subrequests and CPU of one step. */
  SYNC_PAGES_PER_STEP: int(20, 1, 200),
  SYNC_PAGE_SIZE: int(400, 1, 400),
  /** A full refresh is due when the last one is older than this, whatever the cron. */
  SYNC_FULL_MAX_AGE_HOURS: int(26, 1, 24 * 30),
  SYNC_LIGHT_INTERVAL_MINUTES: int(15, 1, 24 * 60),
  SYNC_LEASE_SECONDS: int(900, 10, 3600),
  CACHE_STALE_SECONDS: int(3600, 1, 30 * 86400),
  ADMINPULSE_CALLS_PER_MINUTE: int(480, 1, 10_000),
  ADMINPULSE_TIMEOUT_MS: int(15_000, 100, 60_000),
  MAX_BODY_BYTES: int(64 * 1024, 1024, 1024 * 1024),
  /** Reconcile and import bodies: 10,000 rows of a sheet. */
  MAX_IMPORT_BODY_BYTES: int(16 * 1024 * 1024, 1024, 64 * 1024 * 1024),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly fields: string[]) {
    // Field names only: a value may be a secret.
    super(`invalid configuration: ${fields.join(", ")}`);
  }
}

export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.path.join(".")));
  return parsed.data;
}
