import { z } from "@hono/zod-openapi";
import { cacheInfoSchema, clientResourceSchema } from "@pulsebridge/core";

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

/** One client plus how fresh it is (extends core's resource with the cache info). */
export const clientResponseSchema = z.object({
  data: clientResourceSchema,
  cache: cacheInfoSchema,
});

export const notModified = {
  304: { description: "Not modified: the `If-None-Match` ETag still matches (no body)." },
} as const;
