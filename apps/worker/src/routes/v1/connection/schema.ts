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
  status: z.enum(["active", "invalid", "expired"]).nullable(),
  expiresAt: z.string().nullable(),
  /** True when the credential expires within 14 days: time to renew it. */
  expiresSoon: z.boolean(),
  updatedAt: z.string().nullable(),
});

const soonMs = 14 * 86_400_000;
export function toConnectionResource(
  row: {
    kind: "token" | "oauth";
    status: "active" | "invalid";
    expiresAt: number | null;
    updatedAt: number;
  } | null,
  now: number,
) {
  if (!row) {
    return {
      connected: false,
      kind: null,
      status: null,
      expiresAt: null,
      expiresSoon: false,
      updatedAt: null,
    };
  }
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  return {
    connected: true,
    kind: row.kind,
    status: expired ? ("expired" as const) : row.status,
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    expiresSoon: row.expiresAt !== null && row.expiresAt - now < soonMs,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
