import { z } from "zod";
import { type Client, clientSchema, comparableFieldSchema } from "../model/client.js";
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

/** Who a row or client is, in brief: what a compact answer says instead of the full records. */
const compactNames = {
  name: z.string().optional(),
  enterpriseNumber: z.string().nullable().optional(),
  nationalNumber: z.string().nullable().optional(),
};

export const reconcileResultSchema = z.strictObject({
  /** Valid rows with no counterpart in the target: new clients. */
  onlyInImport: z.array(
    z.strictObject({
      ref: z.string(),
      /** The new client in full; absent in a compact answer (`name` and numbers instead). */
      client: clientSchema.optional(),
      ...compactNames,
      warnings: z.array(rowIssueSchema).default([]),
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
      /** The row as a client, and the target's record: both absent in a compact answer. */
      client: clientSchema.optional(),
      existing: clientSchema.optional(),
      /** In a compact answer, on matches with differences or warnings: the client in brief. */
      ...compactNames,
      code: z.string().nullable().optional(),
      matchedOn: matchedOnSchema,
      /** True when matched on name + postcode only: the user should confirm it. */
      probable: z.boolean().default(false),
      /** The version the row was pulled at, when it carries one; `current` is the target's. */
      version: z.number().int().nullable().default(null),
      currentVersion: z.number().int().nullable().default(null),
      /** Only the fields that differ; omitted (empty) in a compact answer when none do. */
      differences: z.array(fieldDifferenceSchema).default([]),
      warnings: z.array(rowIssueSchema).default([]),
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
  /**
   * Refs of `known` rows the target could not confirm (the client is gone, its version cannot be
   * rebuilt, or the fingerprint differs: the sheet changed the row). Send those rows in full.
   */
  resend: z.array(z.string()).optional(),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;
type Match = ReconcileResult["matching"][number];
type NewClient = ReconcileResult["onlyInImport"][number];
/** The answer as `reconcile` builds it: every record in full (the compact answer is cut from it). */
export type FullReconcileResult = Omit<ReconcileResult, "matching" | "onlyInImport"> & {
  matching: (Match & { client: Client; existing: Client })[];
  onlyInImport: (NewClient & { client: Client })[];
};

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
