/**
 * The fixed, documented columns of a pulsebridge sheet: the core client model flattened, links in
 * readable columns. Headers are written in the user's language and recognised in any of the three,
 * so a sheet pulled in Dutch updates in place for a French colleague.
 */
import type { ImportLink, ImportRow, UiLanguage } from "@pulsebridge/core";
import { cellText } from "./values.js";

export const fieldKeys = [
  "adminpulseId",
  "code",
  "kind",
  "name",
  "enterpriseNumber",
  "nationalNumber",
  "vatNumber",
  "legalForm",
  "language",
  "email",
  "phone",
  "street",
  "number",
  "box",
  "postalCode",
  "city",
  "country",
  "generalMeetingDate",
  "responsibleUser",
  "directors",
  "shareholders",
  "auditors",
  "otherLinks",
] as const;
export type FieldKey = (typeof fieldKeys)[number];

/** Link columns and the role their items carry. */
export const linkColumns = {
  directors: "director",
  shareholders: "shareholder",
  auditors: "auditor",
} as const;

export interface ColumnDef {
  key: FieldKey;
  /** The RowIssue field path this column holds. */
  field: string;
  labels: Record<UiLanguage, string>;
}

const c = (key: FieldKey, field: string, nl: string, fr: string, en: string): ColumnDef => ({
  key,
  field,
  labels: { nl, fr, en },
});

export const columns: ColumnDef[] = [
  c("adminpulseId", "sourceIds.adminpulseId", "AdminPulse-ID", "ID AdminPulse", "AdminPulse ID"),
  c("code", "sourceIds.code", "Klantcode", "Code client", "Client code"),
  c("kind", "kind", "Soort", "Type", "Kind"),
  c("name", "name", "Naam", "Nom", "Name"),
  c(
    "enterpriseNumber",
    "enterpriseNumber",
    "Ondernemingsnummer",
    "Numéro d'entreprise",
    "Enterprise number",
  ),
  c(
    "nationalNumber",
    "nationalNumber",
    "Rijksregisternummer",
    "Numéro de registre national",
    "National number",
  ),
  c("vatNumber", "vatNumber", "Btw-nummer", "Numéro de TVA", "VAT number"),
  c("legalForm", "legalForm", "Rechtsvorm", "Forme juridique", "Legal form"),
  c("language", "language", "Taal", "Langue", "Language"),
  c("email", "email", "E-mail", "E-mail", "E-mail"),
  c("phone", "phone", "Telefoon", "Téléphone", "Phone"),
  c("street", "address.street", "Straat", "Rue", "Street"),
  c("number", "address.number", "Huisnummer", "Numéro", "House number"),
  c("box", "address.box", "Bus", "Boîte", "Box"),
  c("postalCode", "address.postalCode", "Postcode", "Code postal", "Postcode"),
  c("city", "address.city", "Gemeente", "Localité", "City"),
  c("country", "address.country", "Land", "Pays", "Country"),
  c(
    "generalMeetingDate",
    "generalMeetingDate",
    "Datum algemene vergadering",
    "Date de l'assemblée générale",
    "General meeting date",
  ),
  c("responsibleUser", "responsibleUser", "Verantwoordelijke", "Responsable", "Responsible"),
  c("directors", "links", "Bestuurders", "Administrateurs", "Directors"),
  c("shareholders", "links", "Aandeelhouders", "Actionnaires", "Shareholders"),
  c("auditors", "links", "Commissarissen", "Commissaires", "Auditors"),
  c("otherLinks", "links", "Andere relaties", "Autres relations", "Other links"),
];

export const columnByKey = new Map(columns.map((col) => [col.key, col]));

export const statusLabels: Record<UiLanguage, string> = {
  nl: "PulseBridge-status",
  fr: "Statut PulseBridge",
  en: "PulseBridge status",
};
export const isStatusHeader = (h: string) => Object.values(statusLabels).includes(h.trim());

/** Sheet values by field; a mapping says which header holds which field. */
export type RowValues = Partial<Record<FieldKey, string>>;
export type Mapping = Partial<Record<FieldKey, string>>;

/** Link items: `Name (shares)` joined with `; `; other roles carry `role: ` in front. */
export function formatLinks(
  links: ImportLink[] | undefined,
): Pick<RowValues, (typeof linkKeys)[number]> {
  const out: Record<string, string[]> = {
    directors: [],
    shareholders: [],
    auditors: [],
    otherLinks: [],
  };
  for (const l of links ?? []) {
    // A linked relation whose name the cache has not resolved is shown by its AdminPulse code, so
    // the cell never holds a nameless "(54)" that would read back as a link to nobody.
    const item = `${l.name || l.relationIdentifier || ""}${l.shares ? ` (${l.shares})` : ""}`;
    const key = (Object.entries(linkColumns).find(([, role]) => role === l.role)?.[0] ??
      "otherLinks") as (typeof linkKeys)[number];
    out[key]?.push(key === "otherLinks" ? `${l.role ?? ""}: ${item}` : item);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join("; ")]));
}
export const linkKeys = ["directors", "shareholders", "auditors", "otherLinks"] as const;

function parseItem(text: string): { name: string; shares?: string } {
  const m = /^(.*?)\s*\(([\d.,\s]+)\)\s*$/.exec(text);
  return m ? { name: (m[1] ?? "").trim(), shares: (m[2] ?? "").trim() } : { name: text.trim() };
}

/** The inverse of formatLinks; `columnOf[i]` tells which column produced link i (for highlights). */
export function parseLinks(values: RowValues): { links: ImportLink[]; columnOf: FieldKey[] } {
  const links: ImportLink[] = [];
  const columnOf: FieldKey[] = [];
  for (const key of linkKeys) {
    const cell = values[key]?.trim();
    if (!cell) continue;
    for (const raw of cell.split(";")) {
      if (!raw.trim()) continue;
      let role: string = key === "otherLinks" ? "" : linkColumns[key];
      let rest = raw;
      if (key === "otherLinks") {
        const colon = raw.indexOf(":");
        role = colon >= 0 ? raw.slice(0, colon).trim() : "";
        rest = colon >= 0 ? raw.slice(colon + 1) : raw;
      }
      const item = parseItem(rest);
      links.push({ role, name: item.name, ...(item.shares ? { shares: item.shares } : {}) });
      columnOf.push(key);
    }
  }
  return { links, columnOf };
}

/** An ImportRow (e.g. from core's toImportRow) as sheet values, kind and language in words. */
export function importRowToValues(row: ImportRow, lang: UiLanguage): RowValues {
  const a = row.address ?? {};
  return {
    adminpulseId: row.sourceIds?.adminpulseId ?? "",
    code: row.sourceIds?.code ?? "",
    kind: cellText("kind", row.kind ?? "", lang),
    name: row.name ?? "",
    enterpriseNumber: row.enterpriseNumber ?? "",
    nationalNumber: row.nationalNumber ?? "",
    vatNumber: row.vatNumber ?? "",
    legalForm: row.legalForm ?? "",
    language: cellText("language", row.language ?? "", lang),
    email: row.email ?? "",
    phone: row.phone ?? "",
    street: a.street ?? "",
    number: a.number ?? "",
    box: a.box ?? "",
    postalCode: a.postalCode ?? "",
    city: a.city ?? "",
    country: a.country ?? "",
    generalMeetingDate: row.generalMeetingDate ?? "",
    responsibleUser: row.responsibleUser ?? "",
    ...formatLinks(row.links),
  };
}

/** Excel hands dates back as serial numbers when a user typed them as dates. */
export function excelSerialToDate(value: string): string {
  if (!/^\d{4,6}(\.\d+)?$/.test(value)) return value;
  const serial = Math.floor(Number(value));
  if (serial < 10_000 || serial > 80_000) return value;
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

/**
 * Sheet values → ImportRow. `pulledLinks`: the links of the client as pulled; when the link
 * columns still read exactly as pulled, those (with identifiers and mandate dates) are sent
 * instead of the names parsed back from the cells.
 */
export function valuesToImportRow(
  values: RowValues,
  ref: string,
  pulledLinks?: ImportLink[],
): { row: ImportRow; linkColumnOf: FieldKey[] } {
  const v = (k: FieldKey) => values[k] ?? "";
  const parsed = parseLinks(values);
  let links = parsed.links;
  let columnOf = parsed.columnOf;
  if (pulledLinks) {
    const asPulled = formatLinks(pulledLinks);
    if (linkKeys.every((k) => (asPulled[k] ?? "").trim() === (values[k] ?? "").trim())) {
      links = pulledLinks;
      columnOf = pulledLinks.map(
        (l) =>
          (Object.entries(linkColumns).find(([, role]) => role === l.role)?.[0] ??
            "otherLinks") as FieldKey,
      );
    }
  }
  const row: ImportRow = {
    ref,
    sourceIds: { adminpulseId: v("adminpulseId"), uniqueIdentifier: "", code: v("code") },
    kind: v("kind"),
    name: v("name"),
    enterpriseNumber: v("enterpriseNumber"),
    nationalNumber: v("nationalNumber"),
    vatNumber: v("vatNumber"),
    legalForm: v("legalForm"),
    language: v("language"),
    email: v("email"),
    phone: v("phone"),
    address: {
      street: v("street"),
      number: v("number"),
      box: v("box"),
      postalCode: v("postalCode"),
      city: v("city"),
      country: v("country"),
    },
    generalMeetingDate: excelSerialToDate(v("generalMeetingDate")),
    responsibleUser: v("responsibleUser"),
    links,
  };
  return { row, linkColumnOf: columnOf };
}

/** Which column a RowIssue's field points at. */
export function columnOfIssue(field: string, linkColumnOf: FieldKey[]): FieldKey | null {
  const link = /^links\.(\d+)/.exec(field);
  if (link) return linkColumnOf[Number(link[1])] ?? "otherLinks";
  if (field === "links") return "otherLinks";
  const exact = columns.find((col) => col.field === field);
  if (exact) return exact.key;
  if (field === "sourceIds.uniqueIdentifier") return "adminpulseId";
  if (field === "address") return "street";
  return null;
}
