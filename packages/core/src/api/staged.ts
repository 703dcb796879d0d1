/**
 * A push too big for one request (over `maxRowsPerRequest` rows), sent in parts and committed at
 * once (ADR 0021): open a staged import, send its parts (each reconciled and checked like a push
 * of its own), commit. Until the commit nothing is visible in `GET /v1/imports`; an abandoned stage
 * expires with its parts.
 */
import { z } from "zod";
import { reconcileChoicesSchema } from "../reconcile/types.js";
import { importRowsSchema, personSchema, pullScopeSchema } from "./schemas.js";

/** Rows one staged import may hold in all its parts. */
export const maxStagedImportRows = 50_000;
/** Part numbers run from 0 to this (exclusive): parts may be small. */
export const maxStagedImportParts = 1_000;

export const stagedImportRequestSchema = z.strictObject({
  source: z
    .string()
    .min(1)
    .max(100)
    .describe("Where the rows came from: `excel`, or another tool's name."),
  createdBy: personSchema.describe("The person who pushes (display name or e-mail)."),
  scope: pullScopeSchema.optional(),
});
export type StagedImportRequest = z.infer<typeof stagedImportRequestSchema>;

export const stagedImportSchema = z
  .object({
    id: z.string().describe("The staged import's id; the committed import keeps it."),
    status: z.enum(["open", "committed"]),
    expiresAt: z
      .string()
      .describe("An open stage not committed by then is dropped with its parts."),
    parts: z.number().int().describe("Parts received so far."),
    rows: z.number().int().describe("Rows received so far, in all parts."),
  })
  .meta({ id: "StagedImport", description: "A push being sent in parts." });
export type StagedImport = z.infer<typeof stagedImportSchema>;

export const stagedPartRequestSchema = z.strictObject({
  rows: importRowsSchema,
  /** The choices for this part's rows (refs of other parts are ignored here). */
  choices: reconcileChoicesSchema,
});
export type StagedPartRequest = z.infer<typeof stagedPartRequestSchema>;

export const stagedPartResponseSchema = z
  .object({
    part: z.number().int(),
    counts: z.object({
      rows: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
  })
  .meta({ id: "StagedPart", description: "One part as the server reconciled it." });
export type StagedPartResponse = z.infer<typeof stagedPartResponseSchema>;

export const stagedCommitRequestSchema = z.strictObject({
  parts: z
    .number()
    .int()
    .min(1)
    .max(maxStagedImportParts)
    .describe("How many parts were sent (numbered 0 to parts − 1): a missing one is a 409."),
});

export const withdrawImportRequestSchema = z.strictObject({
  by: personSchema.describe("The person who withdraws the import (display name or e-mail)."),
  reason: z.string().trim().max(500).optional().describe("Why, for the audit log."),
});
export type WithdrawImportRequest = z.infer<typeof withdrawImportRequestSchema>;
