import { z } from "@hono/zod-openapi";
import { apiRoleSchema } from "@pulsebridge/core";

export const keySchema = z.object({
  id: z.string(),
  prefix: z.string(),
  role: apiRoleSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createKeyBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: apiRoleSchema,
});

export const createdKeySchema = keySchema.extend({
  /** The full key, shown this once; only its hash is stored. */
  key: z.string(),
});

export const keyIdParamSchema = z.strictObject({ id: z.string().min(1).max(64) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export function toKeyResource(r: {
  id: string;
  prefix: string;
  role: "admin" | "staff" | "service";
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}) {
  return {
    id: r.id,
    prefix: r.prefix,
    role: r.role,
    name: r.name,
    createdAt: new Date(r.createdAt).toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}
