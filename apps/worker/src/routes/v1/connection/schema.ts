import { z } from "@hono/zod-openapi";

export const putConnectionBodySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("token"),
    token: z
      .string()
      .min(8)
      .max(4096)
      .describe(
        'An AdminPulse API key with the "read relations" right. Stored encrypted, never returned.',
      ),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .describe("When the key stops working, if AdminPulse said so."),
  }),
  z.strictObject({
    kind: z.literal("oauth"),
    accessToken: z.string().min(8).max(8192).describe("OAuth access token. Stored encrypted."),
    refreshToken: z
      .string()
      .min(8)
      .max(8192)
      .nullable()
      .optional()
      .describe("OAuth refresh token, used before `expiresAt`. Stored encrypted."),
    expiresAt: z.iso.datetime({ offset: true }).describe("When the access token expires."),
  }),
]);

export const expirySchema = z
  .object({
    status: z
      .enum(["ok", "expiring", "expired"])
      .describe(
        "`expiring`: the key's expiry date is within 14 days (renew it in AdminPulse, then PUT " +
          "/v1/connection). `expired`: the date has passed, AdminPulse answered that the key expired, " +
          "or it refused the OAuth refresh; syncs fail with `connection_expired` until a new key is stored.",
      ),
    daysLeft: z
      .number()
      .int()
      .nullable()
      .describe(
        "Whole days until the expiry date (0 on its last day, negative after); null when unknown.",
      ),
  })
  .meta({
    id: "ConnectionExpiry",
    description: "The AdminPulse key's expiry, as the status bar shows it.",
  });

export const connectionSchema = z
  .object({
    connected: z.boolean(),
    kind: z.enum(["token", "oauth"]).nullable(),
    status: z
      .enum(["active", "invalid", "expired", "refresh_unavailable"])
      .nullable()
      .describe(
        "`refresh_unavailable`: OAuth tokens, but this server has no OAuth client configured " +
          "(ADMINPULSE_OAUTH_*), so the access token stops working at `expiresAt`.",
      ),
    reason: z
      .string()
      .nullable()
      .describe("Why the status is not `active` (a stable code, then text); null when active."),
    expiresAt: z.string().nullable(),
    expiresSoon: z
      .boolean()
      .describe("True when the credential expires within 14 days: time to renew it."),
    expiry: expirySchema
      .nullable()
      .describe(
        "Whether the key still works, will soon stop, or has stopped; null when not connected.",
      ),
    updatedAt: z.string().nullable(),
  })
  .meta({
    id: "Connection",
    description:
      "The office's AdminPulse connection: its kind, status and expiry, never the token.",
  });

export const exampleConnection: z.infer<typeof connectionSchema> = {
  connected: true,
  kind: "token",
  status: "active",
  reason: null,
  expiresAt: "2027-03-01T00:00:00.000Z",
  expiresSoon: false,
  expiry: { status: "ok", daysLeft: 119 },
  updatedAt: "2026-11-02T09:00:00.000Z",
};

/** Days before the expiry date that the worker starts warning (status bar, audit). */
export const expiryWarningDays = 14;
const dayMs = 86_400_000;
const soonMs = expiryWarningDays * dayMs;

type ExpiryRow = {
  kind: "token" | "oauth";
  status: "active" | "invalid";
  statusReason: string | null;
  expiresAt: number | null;
};

/** The connection's reason says AdminPulse itself ended the credential (401 "expired", refused refresh). */
export const endedUpstream = (reason: string | null) =>
  reason !== null && /^(expired|refresh_refused)\b/.test(reason);

/**
 * The key's expiry as the status bar shows it. An OAuth access token's own expiry is not the
 * user's concern while it can be refreshed (it lasts an hour and renews itself), so an OAuth
 * connection only warns when it cannot be refreshed.
 */
export function expiryOf(row: ExpiryRow, now: number, refreshConfigured: boolean) {
  if (row.status === "invalid" && endedUpstream(row.statusReason))
    return {
      status: "expired" as const,
      daysLeft: row.expiresAt === null ? null : Math.floor((row.expiresAt - now) / dayMs),
    };
  if (row.expiresAt === null || (row.kind === "oauth" && refreshConfigured))
    return { status: "ok" as const, daysLeft: null };
  const left = row.expiresAt - now;
  const daysLeft = Math.floor(left / dayMs);
  return {
    status:
      left <= 0 ? ("expired" as const) : left < soonMs ? ("expiring" as const) : ("ok" as const),
    daysLeft,
  };
}

/** Status and reason of a stored connection (`/v1/me` shows the same, through services/office.ts). */
function connectionStatus(
  row: {
    kind: "token" | "oauth";
    status: "active" | "invalid";
    statusReason: string | null;
    expiresAt: number | null;
  },
  now: number,
  refreshConfigured: boolean,
) {
  // AdminPulse said the key expired (a 401 reading so): the same as a passed expiry date.
  if (row.status === "invalid" && row.statusReason?.startsWith("expired"))
    return { status: "expired" as const, reason: row.statusReason };
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
      expiry: null,
      updatedAt: null,
    };
  }
  return {
    connected: true,
    kind: row.kind,
    ...connectionStatus(row, now, refreshConfigured),
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    expiresSoon: row.expiresAt !== null && row.expiresAt - now < soonMs,
    expiry: expiryOf(row, now, refreshConfigured),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
