/**
 * The canonical client record: the one shape that travels from AdminPulse through the worker's
 * cache, the HTTP API and the Excel sheet. Every boundary parses with these schemas; the types
 * below are inferred from them, never written by hand.
 */
import { z } from "zod";

export const clientKinds = ["company", "soleProprietor", "person"] as const;
export const clientKindSchema = z.enum(clientKinds);
export type ClientKind = z.infer<typeof clientKindSchema>;

export const languages = ["nl", "fr", "en", "de"] as const;
export const languageSchema = z.enum(languages);
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

/** ISO calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const addressSchema = z.strictObject({
  street: z.string().nullable(),
  number: z.string().nullable(),
  box: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  /** ISO 3166-1 alpha-2, upper case (`BE`). */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
});
export type Address = z.infer<typeof addressSchema>;

export const sourceIdsSchema = z.strictObject({
  /** AdminPulse `id` (a GUID). */
  adminpulseId: z.string().nullable(),
  /** AdminPulse `uniqueIdentifier`, the system code such as `APR00001`. */
  uniqueIdentifier: z.string().nullable(),
  /** AdminPulse `code`, the office's own customer code. */
  code: z.string().nullable(),
});
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

export const responsibleUserSchema = z.strictObject({
  id: z.string().nullable(),
  name: z.string(),
});
export type ResponsibleUser = z.infer<typeof responsibleUserSchema>;

/** A validated client. Identifier fields hold the normalized form produced by `checkId`. */
export const clientSchema = z.strictObject({
  sourceIds: sourceIdsSchema,
  kind: clientKindSchema,
  name: z.string().min(1),
  /** KBO/BCE enterprise number, normalized: 10 digits, first digit 0 or 1. */
  enterpriseNumber: z
    .string()
    .regex(/^[01]\d{9}$/)
    .nullable(),
  /** INSZ: national register number or BIS number, normalized: 11 digits. */
  nationalNumber: z
    .string()
    .regex(/^\d{11}$/)
    .nullable(),
  /** VAT number in its VAT form (`BE0403019261`) when the client is VAT-registered. */
  vatNumber: z
    .string()
    .regex(/^BE[01]\d{9}$/)
    .nullable(),
  legalForm: z.string().nullable(),
  language: languageSchema.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: addressSchema.nullable(),
  generalMeetingDate: isoDateSchema.nullable(),
  responsibleUser: responsibleUserSchema.nullable(),
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
  sourceIds: z.strictObject({ adminpulseId: cell, uniqueIdentifier: cell, code: cell }).optional(),
  kind: cell,
  name: cell,
  enterpriseNumber: cell,
  nationalNumber: cell,
  vatNumber: cell,
  legalForm: cell,
  language: cell,
  email: cell,
  phone: cell,
  address: z
    .strictObject({
      street: cell,
      number: cell,
      box: cell,
      postalCode: cell,
      city: cell,
      country: cell,
    })
    .optional(),
  generalMeetingDate: cell,
  responsibleUser: cell,
  links: z.array(importLinkSchema).max(200).optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

/** The fields of a client a user can choose to overwrite in a reconcile (top-level, dotted for address). */
export const comparableFields = [
  "kind",
  "name",
  "enterpriseNumber",
  "nationalNumber",
  "vatNumber",
  "legalForm",
  "language",
  "email",
  "phone",
  "address.street",
  "address.number",
  "address.box",
  "address.postalCode",
  "address.city",
  "address.country",
  "generalMeetingDate",
  "responsibleUser",
  "links",
] as const;
export const comparableFieldSchema = z.enum(comparableFields);
export type ComparableField = z.infer<typeof comparableFieldSchema>;
