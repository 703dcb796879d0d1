import { z } from "@hono/zod-openapi";
import { apiRoleSchema } from "@pulsebridge/core";

export const keySchema = z
  .object({
    id: z.string(),
    prefix: z.string().describe("The key's public part, as in `pb_<prefix>_…`: to recognise it."),
    role: apiRoleSchema,
    name: z.string().describe("What the key is for, as its creator named it."),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe("Last request with the key (to the minute)."),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey", description: "An API key of the office; never its secret." });

export const exampleKey: z.infer<typeof keySchema> = {
  id: "01J9Z8Q4R6W3T2Y7X5V1N0M8KP",
  prefix: "k7d2x9qa",
  role: "service",
  name: "CRM export",
  createdAt: "2026-11-02T09:00:00.000Z",
  lastUsedAt: "2026-11-30T08:15:00.000Z",
  revokedAt: null,
};

export const createKeyBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe("What the key is for (shown in the key list)."),
  role: apiRoleSchema,
});

export const createdKeySchema = keySchema.extend({
  key: z.string().describe("The full key, shown this once; only its hash is stored."),
});

export const keyIdParamSchema = z.strictObject({
  id: z.string().min(1).max(64).describe("The key's `id` (not its prefix)."),
});

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
