/**
 * Names and descriptions for the model's schemas in the OpenAPI document. Attached through zod's
 * registry (the same metadata `.describe()`/`.meta()` write) rather than by editing the model files,
 * so the model stays plain and this contract layer says how it is published. A schema with an `id`
 * becomes a named component (`#/components/schemas/<id>`); a field's description shows in the reference.
 */
import { z } from "zod";
import {
  addressSchema,
  clientLinkSchema,
  clientSchema,
  importRowSchema,
  responsibleUserSchema,
  sourceIdsSchema,
} from "../model/client.js";
import { reconcileChoicesSchema, reconcileResultSchema } from "../reconcile/types.js";
import { rowIssueSchema } from "../validate/types.js";

type Described = { id?: string; description: string };
const describe = (schema: z.ZodType, meta: Described) => {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, meta);
};

describe(clientSchema, {
  id: "ClientRecord",
  description: "A validated client; identifier fields hold their normalized form.",
});
describe(clientSchema.shape.enterpriseNumber, {
  description: "KBO/BCE enterprise number, normalized: 10 digits, first digit 0 or 1.",
});
describe(clientSchema.shape.nationalNumber, {
  description: "INSZ: national register number or BIS number, normalized: 11 digits.",
});
describe(clientSchema.shape.vatNumber, {
  description: "VAT number in its VAT form (`BE0403019261`) when the client is VAT-registered.",
});
describe(clientSchema.shape.legalForm, {
  description: "Legal form as AdminPulse names it (`BV`).",
});
describe(clientSchema.shape.language, { description: "The client's language." });
describe(clientSchema.shape.generalMeetingDate, {
  description: "Date of the annual general meeting (`YYYY-MM-DD`), for companies.",
});
describe(addressSchema, {
  id: "Address",
  description: "A postal address; every part may be unknown (null).",
});
describe(addressSchema.shape.country, {
  description: "ISO 3166-1 alpha-2 country code, upper case (`BE`).",
});
describe(sourceIdsSchema, {
  id: "SourceIds",
  description: "The client's identifiers in AdminPulse.",
});
describe(sourceIdsSchema.shape.adminpulseId, { description: "AdminPulse `id` (a GUID)." });
describe(sourceIdsSchema.shape.uniqueIdentifier, {
  description: "AdminPulse `uniqueIdentifier`, the system code such as `APR00001`.",
});
describe(sourceIdsSchema.shape.code, {
  description: "AdminPulse `code`, the office's own customer code.",
});
describe(clientLinkSchema, {
  id: "ClientLink",
  description: "A link from the client to another relation (director, shareholder, …).",
});
describe(clientLinkSchema.shape.relationIdentifier, {
  description: "The linked relation, by its AdminPulse `uniqueIdentifier`.",
});
describe(clientLinkSchema.shape.name, {
  description: "Display name of the linked relation, resolved when known.",
});
describe(responsibleUserSchema, {
  id: "ResponsibleUser",
  description: "The office's staff member responsible for the client.",
});
describe(importRowSchema, {
  id: "ImportRow",
  description:
    "A row as typed in a sheet or exported by another tool: the client's fields as unvalidated " +
    "strings, all optional (empty string = empty cell).",
});
describe(importRowSchema.shape.ref, {
  description: "Names the row to the user: the sheet row number or the source's own key.",
});
describe(rowIssueSchema, {
  id: "RowIssue",
  description:
    "One problem with one field of one row: a stable `code`, an English `message`, the dotted " +
    "`field` path, suggested values and a safe fix when there is one.",
});
describe(rowIssueSchema.shape.suggestions, {
  description: "Values the user may pick instead (normalized or formatted), most likely first.",
});
describe(rowIssueSchema.shape.safeFix, {
  description: "A fix that changes only the spelling, never the meaning: safe to apply in bulk.",
});
describe(reconcileResultSchema, {
  id: "ReconcileResult",
  description:
    "Import rows compared with the cache: new clients (`onlyInImport`), clients no row matched " +
    "(`onlyInTarget`), the same client on both sides with its differences (`matching`), and rows " +
    "that cannot be imported (`invalid`, `duplicates`).",
});
describe(reconcileChoicesSchema, {
  id: "ReconcileChoices",
  description:
    "What the user chose: per matching row (by `ref`) the fields to overwrite, and the refs of " +
    "new rows to add. Nothing changes without a choice.",
});
