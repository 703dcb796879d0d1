import { resolveMappingTable } from "@pulsebridge/adminpulse";
import { z } from "zod";

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

/** An optional setting: unset and empty are the same (a var cannot be deleted from an env file). */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** An AES-256 key: 32 bytes, base64. */
const isAesKey = (v: string) => {
  try {
    return atob(v).length === 32;
  } catch {
    return false;
  }
};

const oauthSettings = [
  "ADMINPULSE_OAUTH_TOKEN_URL",
  "ADMINPULSE_OAUTH_CLIENT_ID",
  "ADMINPULSE_OAUTH_CLIENT_SECRET",
] as const;

/** Vars and secrets, parsed once per isolate. A bad value is a 500 `config_invalid`, not a crash later. */
const settingsSchema = z.object({
  CONNECTION_ENCRYPTION_KEY: z.string().refine(isAesKey, "must be 32 bytes, base64"),
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
        const id = part.slice(0, i);
        // Checked at start (issue 11): a bad retired key must not surface later as one office's
        // undecryptable credential in the middle of a cron run.
        if (i < 1 || id.length > 20 || id in ring || !isAesKey(part.slice(i + 1))) {
          ctx.addIssue({
            code: "custom",
            message: "expected unique id:base64 pairs, each key 32 bytes",
          });
          return z.NEVER;
        }
        ring[id] = part.slice(i + 1);
      }
      return ring;
    }),
  ADMINPULSE_BASE_URL: z.url().default("https://api.adminpulse.be"),
  /**
   * Corrections to the AdminPulse field mapping, as JSON (packages/adminpulse/README.md "Mapping
   * table"): which fields feed which model field, which codes mean what. Empty: the defaults.
   */
  ADMINPULSE_MAPPING: optionalText.transform((v, ctx) => {
    const resolved = resolveMappingTable(v);
    if (resolved.ok) return resolved.table;
    for (const message of resolved.issues) ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }),
  /**
   * OAuth token refresh (RFC 6749 §6) for connections stored with OAuth tokens. AdminPulse gives
   * the client id and secret to integrators (adminpulse-api.md §2.3); the URL is not published
   * (U1), so it is configuration. All three or none: without them OAuth connections cannot be
   * refreshed and report `refresh_unavailable`.
   */
  ADMINPULSE_OAUTH_TOKEN_URL: optionalText.pipe(z.url().optional()),
  ADMINPULSE_OAUTH_CLIENT_ID: optionalText,
  /** A secret (`wrangler secret put`), never a var. */
  ADMINPULSE_OAUTH_CLIENT_SECRET: optionalText,
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
  /**
   * Wall-clock seconds after which a sync step starts no new page (it always fetches at least one):
   * a manual `POST /v1/sync` answers within about this long (202 while work remains) and one
   * invocation's CPU stays far below the Workers limit, whatever the page size or the machine.
   */
  SYNC_STEP_SECONDS: int(10, 1, 300),
  SYNC_PAGE_SIZE: int(400, 1, 400),
  /** A full refresh is due when the last one is older than this, whatever the cron. */
  SYNC_FULL_MAX_AGE_HOURS: int(26, 1, 24 * 30),
  SYNC_LIGHT_INTERVAL_MINUTES: int(15, 1, 24 * 60),
  SYNC_LEASE_SECONDS: int(900, 10, 3600),
  /**
   * A full scan whose deletions — clients it did not see and AdminPulse answered 404 for by every
   * key — exceed this share (%) of an office's live clients holds them (run status
   * `deletions_held`) until an admin confirms them (ADR 0013). 0 holds every deletion; 100 never holds.
   */
  SYNC_DELETE_MAX_PERCENT: int(10, 0, 100),
  CACHE_STALE_SECONDS: int(3600, 1, 30 * 86400),
  /**
   * The revocation bound (ADR 0017): how long an isolate (a Bun process) trusts an API key it
   * verified before asking the database again. A revoked key is refused at once by the instance
   * that revoked it and within this many seconds by every other. 0: no cache (a database read per
   * request).
   */
  KEY_CACHE_SECONDS: int(5, 0, 60),
  ADMINPULSE_CALLS_PER_MINUTE: int(480, 1, 10_000),
  ADMINPULSE_TIMEOUT_MS: int(15_000, 100, 60_000),
  MAX_BODY_BYTES: int(64 * 1024, 1024, 1024 * 1024),
  /**
   * Days a client's past versions are kept (three-way review of a sheet pulled that long ago, and
   * GET /v1/clients/{id}/history). Each client's current version is always kept.
   */
  HISTORY_RETENTION_DAYS: int(400, 1, 3650),
  /**
   * Minutes a staged import (a push sent in parts, ADR 0021) stays open for its parts and commit;
   * after that it is dropped with its parts and its id answers 409 `staged_import_closed`.
   */
  STAGED_IMPORT_TTL_MINUTES: int(60, 1, 24 * 60),
  /**
   * UTF-8 bytes of stored rows a push writes per D1 batch (issue 11/17): a larger push writes its
   * rows in several batches, out of sight, and makes them its import in one last batch. At most
   * 1,500,000 (under D1's 2 MB per bound value).
   */
  IMPORT_BATCH_BYTES: int(1_500_000, 1024, 1_500_000),
  /** Reconcile and import bodies: 10,000 rows of a sheet. */
  MAX_IMPORT_BODY_BYTES: int(16 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  /**
   * UTF-8 bytes of import rows one office may store (all its imports together); a push that would
   * pass it is a 409 `import_quota_exceeded`. Default 256 MiB: D1 databases hold 10 GB.
   */
  /**
   * Upstream refreshes on a by-enterprise read (staff and admin keys only; service keys read the
   * cache): per key per minute, and how long a read waits for AdminPulse before it answers from
   * the cache (issue 11: reads hung 41–101 s behind the office's AdminPulse budget).
   */
  UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE: int(30, 1, 1000),
  UPSTREAM_REFRESH_WAIT_MS: int(3000, 100, 30_000),
  /** A webhook delivery attempt that has no answer after this long fails (`timeout`) and is retried. */
  WEBHOOK_TIMEOUT_MS: int(10_000, 1000, 30_000),
  /**
   * Development only: allow plain `http` webhook URLs to a loopback host (a receiver on this
   * machine). Off in production, where endpoints must be `https` and public.
   */
  WEBHOOK_ALLOW_LOOPBACK_HTTP: z
    .enum(["0", "1", "false", "true"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Webhook endpoints one office may register. */
  WEBHOOK_MAX_ENDPOINTS: int(20, 1, 100),
  /**
   * Days a finished delivery (delivered, or failed after its ~24 h of retries) stays in the
   * delivery log; the cron prunes older ones. A pending delivery is never pruned.
   */
  WEBHOOK_LOG_RETENTION_DAYS: int(30, 2, 3650),
  IMPORT_STORAGE_BYTES_PER_OFFICE: int(256 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024),
});

export const configSchema = settingsSchema.superRefine((c, ctx) => {
  // Half an OAuth client is a typo, not a choice: name what is missing (never a value).
  const set = oauthSettings.filter((k) => c[k] !== undefined);
  if (set.length > 0 && set.length < oauthSettings.length) {
    for (const k of oauthSettings)
      if (c[k] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: "set all three OAuth settings or none",
        });
  }
});
export type Config = z.infer<typeof configSchema>;

/** The OAuth client for token refresh, or null when the three settings are absent. */
export function oauthClientOf(c: Config) {
  return c.ADMINPULSE_OAUTH_TOKEN_URL &&
    c.ADMINPULSE_OAUTH_CLIENT_ID &&
    c.ADMINPULSE_OAUTH_CLIENT_SECRET
    ? {
        tokenUrl: c.ADMINPULSE_OAUTH_TOKEN_URL,
        clientId: c.ADMINPULSE_OAUTH_CLIENT_ID,
        clientSecret: c.ADMINPULSE_OAUTH_CLIENT_SECRET,
      }
    : null;
}

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
