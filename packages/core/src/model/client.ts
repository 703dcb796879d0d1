/**
 * The canonical client record: the one shape that travels from AdminPulse through the worker's
 * cache, the HTTP API and the Excel sheet. Every boundary parses with these schemas; the types
 * below are inferred from them, never written by hand.
 */
import { z } from "zod";
import {
  type ComparablePath,
  cellShape,
  type clientKindSchema,
  comparablePaths,
  groupShape,
  isoDateSchema,
  type languageSchema,
  type responsibleUserSchema,
  rootShape,
} from "./fields.js";

export {
  clientKindSchema,
  clientKinds,
  isoDateSchema,
  languageSchema,
  languages,
  responsibleUserSchema,
} from "./fields.js";
export type ClientKind = z.infer<typeof clientKindSchema>;
export type Language = z.infer<typeof languageSchema>;

/**
 * Roles a linked relation can have. The first eight are AdminPulse's known `linkType` codes 1–8;
 * the rest are the other link types its UI offers (see adminpulse-api.md §5.1, U8).
 */
export const linkRoles = [
  "contact",
  "beneficiary",
  "trustee",
  "director",
  "partner",
  "shareholder",
  "auditor",
  "controlOther",
  "accountant",
  "bank",
  "child",
  "holding",
  "insurer",
  "lawyer",
  "member",
  "notary",
  "representative",
  "vatUnit",
  "other",
] as const;
export const linkRoleSchema = z.enum(linkRoles);
export type LinkRole = z.infer<typeof linkRoleSchema>;

export const addressSchema = z.strictObject(groupShape("address"));
export type Address = z.infer<typeof addressSchema>;

export const sourceIdsSchema = z.strictObject(groupShape("sourceIds"));
export type SourceIds = z.infer<typeof sourceIdsSchema>;

export const clientLinkSchema = z.strictObject({
  role: linkRoleSchema,
  /** The linked relation, by its AdminPulse `uniqueIdentifier` (the join key of `tos`). */
  relationIdentifier: z.string().nullable(),
  /** Display name of the linked relation, resolved when known. */
  name: z.string().nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  shares: z.number().nonnegative().nullable(),
  votingRights: z.number().nonnegative().nullable(),
  comment: z.string().nullable(),
});
export type ClientLink = z.infer<typeof clientLinkSchema>;

export type ResponsibleUser = z.infer<typeof responsibleUserSchema>;

/**
 * A validated client, its fields from the field table (fields.ts). Identifier fields hold the
 * normalized form produced by `checkId`.
 */
const { generalMeetingDate, responsibleUser, ...beforeAddress } = rootShape();
export const clientSchema = z.strictObject({
  sourceIds: sourceIdsSchema,
  ...beforeAddress,
  address: addressSchema.nullable(),
  generalMeetingDate,
  responsibleUser,
  links: z.array(clientLinkSchema),
});
export type Client = z.infer<typeof clientSchema>;

/**
 * An import row: the client's shape with every leaf an unvalidated string, as typed in a sheet or
 * exported by another tool. Every field is optional; empty strings mean "empty cell".
 * `ref` identifies the row to the user (sheet row number or the source's own key).
 */
const cell = z.string().max(2000).optional();
export const importLinkSchema = z.strictObject({
  role: cell,
  relationIdentifier: cell,
  name: cell,
  startDate: cell,
  endDate: cell,
  shares: cell,
  votingRights: cell,
  comment: cell,
});
export type ImportLink = z.infer<typeof importLinkSchema>;

export const importRowSchema = z.strictObject({
  ref: z.string().max(200),
  /**
   * The target's own id of the client this row was pulled from (the worker's client id). With
   * `sourceIds.adminpulseId` it decides which client the row is, before any identifier.
   */
  id: z.string().max(200).optional(),
  /**
   * The version the row was pulled at (the client's `changeSeq`, digits). It lets a review tell
   * the user's edits from changes made in the source since the pull.
   */
  version: z
    .string()
    .regex(/^\d{0,15}$/, "expected the changeSeq the row was pulled at")
    .optional(),
  sourceIds: z.strictObject(cellShape(cell, "sourceIds")).optional(),
  ...cellShape(cell, null),
  address: z.strictObject(cellShape(cell, "address")).optional(),
  links: z.array(importLinkSchema).max(200).optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

/** The fields of a client a user can choose to overwrite in a reconcile (top-level, dotted for address). */
export const comparableFields = comparablePaths;
export const comparableFieldSchema = z.enum(
  comparableFields as [ComparablePath, ...ComparablePath[]],
);
export type ComparableField = z.infer<typeof comparableFieldSchema>;
