/**
 * THE field table: every field of a client, once. The zod model (client.ts), the comparable
 * fields, the sheet's columns and headers, the column-mapping vocabulary, the import CSV, the
 * worker's column lists and the custom function CLIENT's fields are all derived from it. Adding a
 * plain field means one entry here plus its storage migration in the worker (docs/adr 0019):
 * the drizzle column AND, in the same migration, the client-history triggers of migration 0007
 * dropped and recreated with the new column (SQLite builds their JSON by hand; the worker's
 * db/queries/clients.test.ts fails until they carry it).
 *
 * Hand-written lists that must stay are kept in step by tests that fail when a field is added here
 * and not there: validateRow / toImportRow / differences (fields.test.ts), the drizzle schema and
 * history triggers (worker db/queries/clients.test.ts), the AdminPulse mapping (adminpulse
 * mapping/fields-in-step.test.ts), the add-in's fake server (excel-addin test/fake-server.test.ts),
 * the custom functions' metadata (functions/logic.test.ts) and the register check's field names
 * (kbo check/fields-in-step.test.ts).
 */
import { z } from "zod";

export const clientKinds = ["company", "soleProprietor", "person"] as const;
export const clientKindSchema = z.enum(clientKinds);
export const languages = ["nl", "fr", "en", "de"] as const;
export const languageSchema = z.enum(languages);

export const responsibleUserSchema = z.strictObject({
  id: z.string().nullable(),
  name: z.string(),
});

/** ISO calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** How a cell of this field is read and checked (validateRow, the pane, the custom functions). */
export type FieldCheck =
  | "text"
  | "kind"
  | "enterprise"
  | "vat"
  | "insz"
  | "language"
  | "email"
  | "phone"
  | "iban"
  | "bic"
  | "postcode"
  | "country"
  | "date"
  | "user"
  | "links"
  | "id";

export interface FieldLabels {
  nl: string;
  fr: string;
  en: string;
}

interface FieldSpec {
  /** Dotted path in the client model (`address.postalCode`, `sourceIds.code`). */
  path: string;
  /** Short unique key: the sheet column key, the CSV header, the mapping target. */
  key: string;
  /** Schema of the validated value (leaves of nested groups: their own leaf schema). */
  schema: z.ZodType;
  labels: FieldLabels;
  check: FieldCheck;
  /** A column of the pulsebridge sheet. */
  sheet: boolean;
  /** Offered for overwrite in a reconcile. */
  comparable: boolean;
  /** A column of the import rows CSV export. */
  csv: boolean;
  /** How the worker stores it: its own column (snake_case of the key), or handled by hand. */
  storage: "column" | "custom";
  /** Other names staff give this field in nl/fr/en sheets (the mapping adds tool vocabularies). */
  aliases: readonly string[];
}

const nullableText = z.string().nullable();

type Options = Partial<Pick<FieldSpec, "sheet" | "comparable" | "csv" | "storage" | "aliases">>;
type Flag<O extends Options, K extends "sheet" | "comparable" | "csv"> = O[K] extends false
  ? false
  : true;

const f = <
  const P extends string,
  const K extends string,
  S extends z.ZodType,
  const O extends Options = Record<never, never>,
>(
  path: P,
  key: K,
  schema: S,
  labels: [nl: string, fr: string, en: string],
  check: FieldCheck,
  options?: O,
) => ({
  path,
  key,
  schema,
  labels: { nl: labels[0], fr: labels[1], en: labels[2] },
  check,
  sheet: (options?.sheet ?? true) as Flag<O, "sheet">,
  comparable: (options?.comparable ?? true) as Flag<O, "comparable">,
  csv: (options?.csv ?? true) as Flag<O, "csv">,
  storage: options?.storage ?? ("column" as FieldSpec["storage"]),
  aliases: options?.aliases ?? ([] as readonly string[]),
});

const ids = { comparable: false, csv: false, storage: "custom" } as const;

/** In model order: the zod objects are built in this order (it is also the sheet's column order). */
export const fieldTable = [
  f(
    "sourceIds.adminpulseId",
    "adminpulseId",
    nullableText,
    ["AdminPulse-ID", "ID AdminPulse", "AdminPulse ID"],
    "id",
    ids,
  ),
  f(
    "sourceIds.uniqueIdentifier",
    "uniqueIdentifier",
    nullableText,
    ["AdminPulse-code", "Code AdminPulse", "AdminPulse code"],
    "id",
    { ...ids, sheet: false },
  ),
  f("sourceIds.code", "code", nullableText, ["Klantcode", "Code client", "Client code"], "id", ids),
  f("kind", "kind", clientKindSchema, ["Soort", "Type", "Kind"], "kind"),
  f("name", "name", z.string().min(1), ["Naam", "Nom", "Name"], "text"),
  // Persons and sole proprietors (AdminPulse and the templates keep them apart); `name` is derived.
  // Optional in the model: clients written before these fields existed carry none.
  f(
    "firstName",
    "firstName",
    nullableText.optional(),
    ["Voornaam", "Prénom", "First name"],
    "text",
  ),
  f(
    "lastName",
    "lastName",
    nullableText.optional(),
    ["Familienaam", "Nom de famille", "Last name"],
    "text",
  ),
  f(
    "enterpriseNumber",
    "enterpriseNumber",
    z
      .string()
      .regex(/^[01]\d{9}$/)
      .nullable(),
    ["Ondernemingsnummer", "Numéro d'entreprise", "Enterprise number"],
    "enterprise",
  ),
  f(
    "nationalNumber",
    "nationalNumber",
    z
      .string()
      .regex(/^\d{11}$/)
      .nullable(),
    ["Rijksregisternummer", "Numéro de registre national", "National number"],
    "insz",
  ),
  f(
    "vatNumber",
    "vatNumber",
    z
      .string()
      .regex(/^BE[01]\d{9}$/)
      .nullable(),
    ["Btw-nummer", "Numéro de TVA", "VAT number"],
    "vat",
  ),
  f(
    "legalForm",
    "legalForm",
    nullableText,
    ["Rechtsvorm", "Forme juridique", "Legal form"],
    "text",
  ),
  f("language", "language", languageSchema.nullable(), ["Taal", "Langue", "Language"], "language"),
  f("email", "email", nullableText, ["E-mail", "E-mail", "E-mail"], "email"),
  f("phone", "phone", nullableText, ["Telefoon", "Téléphone", "Phone"], "phone"),
  f(
    "iban",
    "iban",
    z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/)
      .nullable()
      .optional(),
    ["IBAN", "IBAN", "IBAN"],
    "iban",
  ),
  f(
    "bic",
    "bic",
    z
      .string()
      .regex(/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/)
      .nullable()
      .optional(),
    ["BIC", "BIC", "BIC"],
    "bic",
  ),
  f("address.street", "street", nullableText, ["Straat", "Rue", "Street"], "text", {
    storage: "custom",
  }),
  f("address.number", "number", nullableText, ["Huisnummer", "Numéro", "House number"], "text", {
    storage: "custom",
  }),
  f("address.box", "box", nullableText, ["Bus", "Boîte", "Box"], "text", { storage: "custom" }),
  f(
    "address.postalCode",
    "postalCode",
    nullableText,
    ["Postcode", "Code postal", "Postcode"],
    "postcode",
    { storage: "custom" },
  ),
  f("address.city", "city", nullableText, ["Gemeente", "Localité", "City"], "text", {
    storage: "custom",
  }),
  f(
    "address.country",
    "country",
    z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    ["Land", "Pays", "Country"],
    "country",
    { storage: "custom" },
  ),
  f(
    "generalMeetingDate",
    "generalMeetingDate",
    isoDateSchema.nullable(),
    ["Datum algemene vergadering", "Date de l'assemblée générale", "General meeting date"],
    "date",
  ),
  f(
    "responsibleUser",
    "responsibleUser",
    responsibleUserSchema.nullable(),
    ["Verantwoordelijke", "Responsable", "Responsible"],
    "user",
    { storage: "custom" },
  ),
  f("links", "links", z.array(z.unknown()), ["Relaties", "Relations", "Links"], "links", {
    sheet: false,
    csv: false,
    storage: "custom",
  }),
] as const satisfies readonly FieldSpec[];

export type FieldEntry = (typeof fieldTable)[number];
export type FieldPath = FieldEntry["path"];
export type FieldKey = FieldEntry["key"];

export const fieldByKey: ReadonlyMap<string, FieldSpec> = new Map(
  fieldTable.map((e) => [e.key, e as FieldSpec]),
);
export const fieldByPath: ReadonlyMap<string, FieldSpec> = new Map(
  fieldTable.map((e) => [e.path, e as FieldSpec]),
);

/** Paths of the fields offered for overwrite, in table order. */
export type ComparablePath = Extract<FieldEntry, { comparable: true }>["path"];
export const comparablePaths = fieldTable
  .filter((e) => e.comparable)
  .map((e) => e.path) as ComparablePath[];

type Groups = "sourceIds" | "address";
type RootEntry = Exclude<FieldEntry, { path: `${Groups}.${string}` }>;
type GroupEntry<G extends Groups> = Extract<FieldEntry, { path: `${G}.${string}` }>;
type Leaf<P, G extends string> = P extends `${G}.${infer K}` ? K : never;

/** `{ street: schema, … }` for the leaves of `group`, in table order. */
export function groupShape<G extends Groups>(
  group: G,
): { [E in GroupEntry<G> as Leaf<E["path"], G>]: E["schema"] } {
  const shape: Record<string, z.ZodType> = {};
  for (const e of fieldTable) {
    if (e.path.startsWith(`${group}.`)) shape[e.path.slice(group.length + 1)] = e.schema;
  }
  return shape as never;
}

/** The root fields' schemas, except those whose richer schema client.ts supplies (`links`). */
export function rootShape(): {
  [E in Exclude<RootEntry, { key: "links" }> as E["path"]]: E["schema"];
} {
  const shape: Record<string, z.ZodType> = {};
  for (const e of fieldTable)
    if (!e.path.includes(".") && e.key !== "links") shape[e.path] = e.schema;
  return shape as never;
}

/** The same keys, each an optional import cell (`cell`). */
export function cellShape<C extends z.ZodType, G extends Groups | null>(
  cell: C,
  group: G,
): G extends Groups
  ? { [E in GroupEntry<G> as Leaf<E["path"], G>]: C }
  : { [E in Exclude<RootEntry, { key: "links" }> as E["path"]]: C } {
  const shape: Record<string, C> = {};
  for (const e of fieldTable) {
    if (group === null) {
      if (!e.path.includes(".") && e.key !== "links") shape[e.path] = cell;
    } else if (e.path.startsWith(`${group}.`)) shape[e.path.slice(group.length + 1)] = cell;
  }
  return shape as never;
}

/** The value at a dotted path of a client or import row (undefined when a group is missing). */
export function valueAt(record: object, path: string): unknown {
  const dot = path.indexOf(".");
  const r = record as Record<string, unknown>;
  if (dot < 0) return r[path];
  const group = r[path.slice(0, dot)] as Record<string, unknown> | null | undefined;
  return group?.[path.slice(dot + 1)];
}

/** Sets the value at a dotted path, creating the group object when needed. */
export function setValueAt(record: object, path: string, value: unknown): void {
  const dot = path.indexOf(".");
  const r = record as Record<string, unknown>;
  if (dot < 0) {
    r[path] = value;
    return;
  }
  const name = path.slice(0, dot);
  r[name] ??= {};
  (r[name] as Record<string, unknown>)[path.slice(dot + 1)] = value;
}

/** The worker stores these fields each in a column named after the key (snake_case). */
export const storedColumns = fieldTable
  .filter((e) => e.storage === "column")
  .map((e) => ({ key: e.key, path: e.path, column: snakeCase(e.key) }));

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The import CSV's client columns: key as header, in table order. */
export const csvFields = fieldTable.filter((e) => e.csv).map((e) => ({ key: e.key, path: e.path }));

/** A client's value of a CSV field as text (a responsible user by name), null when empty. */
export function csvValue(client: object | null | undefined, path: string): string | null {
  if (!client) return null;
  const v = valueAt(client, path);
  if (v === null || v === undefined) return null;
  if (typeof v === "object") return "name" in v ? String(v.name) : JSON.stringify(v);
  return String(v);
}
