import { z } from "@hono/zod-openapi";

export const putConnectionBodySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("token"),
    /** An AdminPulse API key with the "read relations" right. Stored encrypted, never returned. */
    token: z.string().min(8).max(4096),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  }),
  z.strictObject({
    kind: z.literal("oauth"),
    accessToken: z.string().min(8).max(8192),
    refreshToken: z.string().min(8).max(8192).nullable().optional(),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
]);

export const connectionSchema = z.object({
  connected: z.boolean(),
  kind: z.enum(["token", "oauth"]).nullable(),
  /**
   * `refresh_unavailable`: OAuth tokens, but this server has no OAuth client configured
   * (ADMINPULSE_OAUTH_*), so the access token stops working at `expiresAt`.
   */
  status: z.enum(["active", "invalid", "expired", "refresh_unavailable"]).nullable(),
  /** Why the status is not `active` (a stable code, then text); null when active. */
  reason: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** True when the credential expires within 14 days: time to renew it. */
  expiresSoon: z.boolean(),
  updatedAt: z.string().nullable(),
});

const soonMs = 14 * 86_400_000;

/** Status and reason of a stored connection; `/v1/connection` and `/v1/me` say the same. */
export function connectionStatus(
  row: {
    kind: "token" | "oauth";
    status: "active" | "invalid";
    statusReason: string | null;
    expiresAt: number | null;
  },
  now: number,
  refreshConfigured: boolean,
) {
  if (row.status === "invalid")
    return { status: "invalid" as const, reason: row.statusReason ?? "invalid" };
  if (row.kind === "oauth" && !refreshConfigured)
    return {
      status: "refresh_unavailable" as const,
      reason:
        "refresh_unavailable: ADMINPULSE_OAUTH_TOKEN_URL, ADMINPULSE_OAUTH_CLIENT_ID and " +
        "ADMINPULSE_OAUTH_CLIENT_SECRET are not configured; the access token cannot be refreshed",
    };
  if (row.expiresAt !== null && row.expiresAt <= now)
    return {
      status: "expired" as const,
      reason:
        row.kind === "oauth"
          ? "expired: the access token has expired; the next sync step refreshes it"
          : "expired: the credential's expiry has passed; store a new one",
    };
  return { status: "active" as const, reason: null };
}

export function toConnectionResource(
  row: {
    kind: "token" | "oauth";
    status: "active" | "invalid";
    statusReason: string | null;
    expiresAt: number | null;
    updatedAt: number;
  } | null,
  now: number,
  refreshConfigured: boolean,
) {
  if (!row) {
    return {
      connected: false,
      kind: null,
      status: null,
      reason: null,
      expiresAt: null,
      expiresSoon: false,
      updatedAt: null,
    };
  }
  return {
    connected: true,
    kind: row.kind,
    ...connectionStatus(row, now, refreshConfigured),
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    expiresSoon: row.expiresAt !== null && row.expiresAt - now < soonMs,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
