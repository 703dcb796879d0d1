import { z } from "@hono/zod-openapi";
import { cacheInfoSchema, checkId, clientResourceSchema } from "@pulsebridge/core";
import { ApiError } from "../../../lib/errors.js";

export const clientIdParamSchema = z.strictObject({
  id: z.string().min(1).max(64).describe("The client's `id`."),
});
export const enterpriseParamSchema = z.strictObject({
  number: z
    .string()
    .min(1)
    .max(40)
    .describe("Enterprise number in any spelling (`BE 0403.019.261`, `0403019261`)."),
});

/** Any spelling of an enterprise number (`BE 0403.019.261`, `403019261`) → its normalized form. */
export function normalizeEnterprise(raw: string, field: string): string {
  const r = checkId("enterprise", raw);
  if (!r.valid) {
    throw new ApiError("validation_failed", "Not a valid enterprise number.", [
      { field, code: r.error.code, message: r.error.message },
    ]);
  }
  return r.normalized;
}

/** One client plus how fresh it is (extends core's resource with the cache info). */
export const clientResponseSchema = z.object({
  data: clientResourceSchema,
  cache: cacheInfoSchema,
});

export const notModified = {
  304: { description: "Not modified: the `If-None-Match` ETag still matches (no body)." },
} as const;
