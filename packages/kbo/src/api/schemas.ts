/**
 * The register endpoints' bodies, shared by the worker (OpenAPI + validation) and the Excel add-in
 * (response parsing). Plain zod: @hono/zod-openapi documents plain zod 4 schemas as they are.
 */
import { uiLanguages } from "@pulsebridge/core";
import { z } from "zod";
import { registerCheckSchema } from "../check/check.js";

export const uiLanguageSchema = z.enum(uiLanguages);

/** One client's check: the register's findings in `lang`, and the register's snapshot date. */
export const clientRegisterCheckSchema = registerCheckSchema.extend({
  clientId: z.string(),
  lang: uiLanguageSchema,
});
export type ClientRegisterCheck = z.infer<typeof clientRegisterCheckSchema>;

export const clientRegisterResponseSchema = z.object({ data: clientRegisterCheckSchema });
export type ClientRegisterResponse = z.infer<typeof clientRegisterResponseSchema>;

/** Most ids per bulk request: 1,000 ids stay under the API's 64 KB body limit; 2,000 rows are 2 calls. */
export const REGISTER_BULK_MAX = 1000;

export const registerBulkRequestSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(1).max(REGISTER_BULK_MAX),
});
export type RegisterBulkRequest = z.infer<typeof registerBulkRequestSchema>;

export const registerBulkResponseSchema = z.object({
  /** SnapshotDate of the register every check used (null: none loaded yet). */
  snapshotDate: z.string().nullable(),
  lang: uiLanguageSchema,
  data: z.array(clientRegisterCheckSchema),
  /** Ids asked for that are not this office's live clients (same answer for another office's). */
  notFound: z.array(z.string()),
});
export type RegisterBulkResponse = z.infer<typeof registerBulkResponseSchema>;

/** The values of the client list's `register` filter. */
export const registerFilterSchema = z.enum(["differs"]);
