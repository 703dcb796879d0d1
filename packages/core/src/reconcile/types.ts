import { z } from "zod";
import { clientSchema, comparableFieldSchema } from "../model/client.js";
import { rowIssueSchema } from "../validate/types.js";

/** A client already in the target (the worker's cache, another tool), under the target's own id. */
export const existingClientSchema = z.strictObject({
  id: z.string(),
  client: clientSchema,
  /** The client's current version (its `changeSeq`), to tell sheet edits from source changes. */
  version: z.number().int().optional(),
});
export type ExistingClient = z.infer<typeof existingClientSchema>;

/**
 * Who changed a differing field since the row was pulled (three-way: pulled version, sheet, source).
 * `sheet`: the user edited it; `source`: the source changed it and the sheet holds the old value;
 * `both`: a conflict; `unknown`: the row carries no version the target can rebuild.
 */
export const differenceOrigins = ["sheet", "source", "both", "unknown"] as const;
export const differenceOriginSchema = z.enum(differenceOrigins);
export type DifferenceOrigin = z.infer<typeof differenceOriginSchema>;

export const fieldDifferenceSchema = z.strictObject({
  field: comparableFieldSchema,
  imported: z.unknown(),
  existing: z.unknown(),
  origin: differenceOriginSchema,
});
export type FieldDifference = z.infer<typeof fieldDifferenceSchema>;

export const matchedOnSchema = z.enum([
  "clientId",
  "adminpulseId",
  "enterpriseNumber",
  "nationalNumber",
  "nameAndPostcode",
]);

/** A target client no row matched, in brief: enough to find it, never the full record. */
export const targetSummarySchema = z.strictObject({
  id: z.string(),
  kind: clientSchema.shape.kind,
  name: z.string(),
  enterpriseNumber: z.string().nullable(),
  nationalNumber: z.string().nullable(),
  code: z.string().nullable(),
  /** To find the client's row in a pulled sheet (a row that was not sent, say). */
  adminpulseId: z.string().nullable(),
});
export type TargetSummary = z.infer<typeof targetSummarySchema>;

/** Issues of a row counted but not listed: past `maxIssues` (a server keeps 20 per row). */
const issuesOmitted = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe("Further issues of this row left out: a server lists at most 20 per row.");

export const reconcileResultSchema = z.strictObject({
  /** Valid rows with no counterpart in the target: new clients. */
  onlyInImport: z.array(
    z.strictObject({
      ref: z.string(),
      client: clientSchema,
      warnings: z.array(rowIssueSchema),
      issuesOmitted,
    }),
  ),
  /** Target clients no import row matched: perhaps no longer a client. Never deleted by an import. */
  onlyInTarget: z.array(targetSummarySchema),
  /** The same client on both sides, with the fields that differ (empty when identical). */
  matching: z.array(
    z.strictObject({
      ref: z.string(),
      id: z.string(),
      client: clientSchema,
      existing: clientSchema,
      matchedOn: matchedOnSchema,
      /** True when matched on name + postcode only: the user should confirm it. */
      probable: z.boolean(),
      /** The version the row was pulled at, when it carries one; `current` is the target's. */
      version: z.number().int().nullable(),
      currentVersion: z.number().int().nullable(),
      differences: z.array(fieldDifferenceSchema),
      warnings: z.array(rowIssueSchema),
      issuesOmitted,
    }),
  ),
  /** Rows that cannot be imported, each with every reason (duplicates included). */
  invalid: z.array(
    z.strictObject({
      ref: z.string(),
      /** The target client this row claims by its id, although it cannot be imported as is. */
      id: z.string().optional(),
      issues: z.array(rowIssueSchema),
      issuesOmitted,
    }),
  ),
  /** Groups of import rows that describe the same client; each row of a group is also in `invalid`. */
  duplicates: z.array(z.strictObject({ key: z.string(), refs: z.array(z.string()).min(2) })),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;

/**
 * What the user chose on the review screen. Nothing changes without a choice: a matching client
 * keeps every field unless listed in `overwrite`, and a new client is added only if its ref is in `add`.
 */
export const reconcileChoicesSchema = z.strictObject({
  overwrite: z.record(z.string(), z.array(comparableFieldSchema)),
  add: z.array(z.string()),
});
export type ReconcileChoices = z.infer<typeof reconcileChoicesSchema>;

export const appliedReconcileSchema = z.strictObject({
  creates: z.array(z.strictObject({ ref: z.string(), client: clientSchema })),
  updates: z.array(
    z.strictObject({
      id: z.string(),
      ref: z.string(),
      client: clientSchema,
      fields: z.array(comparableFieldSchema),
    }),
  ),
});
export type AppliedReconcile = z.infer<typeof appliedReconcileSchema>;
