/**
 * The fixed, documented columns of a pulsebridge sheet: the core client model flattened, links in
 * readable columns. Headers are written in the user's language and recognised in any of the three,
 * so a sheet pulled in Dutch updates in place for a French colleague.
 */
import {
  type FieldEntry,
  fieldTable,
  type ImportLink,
  type ImportRow,
  setValueAt,
  type UiLanguage,
  valueAt,
} from "@pulsebridge/core";
import { cellText } from "./values.js";

/** The link columns: one model field (`links`) shown as four readable columns. */
export const linkKeys = ["directors", "shareholders", "auditors", "otherLinks"] as const;

/**
 * Columns of the row rather than the client: the version the row was pulled at (the client's
 * changeSeq). A column of its own, so sorting and filtering keep it on its row; it lets the
 * review tell the user's edits from AdminPulse's changes since the pull.
 */
export const rowKeys = ["version"] as const;

/** The sheet's fields: the core field table's sheet columns, in its order, then the link columns. */
const tableColumns = fieldTable.filter((e) => e.sheet);
export type FieldKey =
  | Extract<FieldEntry, { sheet: true }>["key"]
  | (typeof linkKeys)[number]
  | (typeof rowKeys)[number];
export const fieldKeys: readonly FieldKey[] = [
  ...tableColumns.map((e) => e.key as FieldKey),
  ...linkKeys,
  ...rowKeys,
];

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

const linkLabels: Record<(typeof linkKeys)[number], [nl: string, fr: string, en: string]> = {
  directors: ["Bestuurders", "Administrateurs", "Directors"],
  shareholders: ["Aandeelhouders", "Actionnaires", "Shareholders"],
  auditors: ["Commissarissen", "Commissaires", "Auditors"],
  otherLinks: ["Andere relaties", "Autres relations", "Other links"],
};

export const columns: ColumnDef[] = [
  ...tableColumns.map((e) => ({ key: e.key as FieldKey, field: e.path, labels: { ...e.labels } })),
  ...linkKeys.map((key) => {
    const [nl, fr, en] = linkLabels[key];
    return { key, field: "links", labels: { nl, fr, en } };
  }),
  { key: "version", field: "version", labels: { nl: "Versie", fr: "Version", en: "Version" } },
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
  const values: RowValues = {};
  for (const e of tableColumns) {
    const value = valueAt(row, e.path);
    values[e.key as FieldKey] = cellText(e.key, typeof value === "string" ? value : "", lang);
  }
  return { ...values, ...formatLinks(row.links), version: row.version ?? "" };
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
  const version = values.version?.trim() ?? "";
  const row: ImportRow = { ref, links, ...(/^\d{1,15}$/.test(version) ? { version } : {}) };
  for (const e of tableColumns) {
    const value = v(e.key as FieldKey);
    setValueAt(row, e.path, e.check === "date" ? excelSerialToDate(value) : value);
  }
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
