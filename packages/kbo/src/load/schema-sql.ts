/**
 * The register's tables, described once. Everything else is derived from `kboSchema`: the DDL
 * (`kboSchemaSql`, run by `kbo:load` on any target), the column lists the loader binds
 * (`kboTables`), and the worker's Drizzle tables (apps/worker/src/db/schema/kbo.ts), from which
 * drizzle-kit generated migration 0001 (a worker test keeps the migrated tables equal to this).
 * Kept apart from office data: no office column anywhere, since the register is public data shared
 * by every office. Numbers are stored as 10 digits without dots, dates as ISO.
 */
import type { KeyedTable, RegisterRows, RegisterTable } from "../format/schemas.js";

/** A column: its field name (camelCase; the SQL name is its snake_case), type and nullability. */
export interface KboColumn {
  field: string;
  type: "text" | "integer";
  nullable: boolean;
}
export interface KboTableSpec {
  name: string;
  columns: readonly KboColumn[];
  primaryKey: readonly string[];
  indexes: readonly { name: string; columns: readonly string[] }[];
  /** Register data tables: the keys are the data, a rowid would store each key twice. */
  withoutRowid: boolean;
  /** `CHECK (<column> = <value>)`: the single-row checkpoint table. */
  singleRow?: { name: string; column: string; value: number };
}

/** `juridicalFormCac` → `juridical_form_cac`. */
export const sqlName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Fields in column order; a trailing `?` marks a nullable column, `#` an integer one. */
function table(
  name: string,
  fields: readonly string[],
  primaryKey: readonly string[],
  extra: Partial<Pick<KboTableSpec, "indexes" | "withoutRowid" | "singleRow">> = {},
): KboTableSpec {
  const columns = fields.map((f) => ({
    field: f.replace(/[?#]/g, ""),
    type: f.includes("#") ? ("integer" as const) : ("text" as const),
    nullable: f.endsWith("?"),
  }));
  return { name, columns, primaryKey, indexes: [], withoutRowid: true, ...extra };
}
/** Register data tables: fields checked against the rows the dump files parse into. */
const dataTable = <T extends RegisterTable>(
  name: string,
  fields: readonly `${keyof RegisterRows[T] & string}${"" | "?"}`[],
  primaryKey: readonly (keyof RegisterRows[T] & string)[],
  extra?: Pick<KboTableSpec, "indexes">,
) => table(name, fields, primaryKey, extra);
const byEnterprise = (name: string) => ({
  indexes: [{ name: `${name}_enterprise`, columns: ["enterpriseNumber"] }],
});

export const kboSchema = {
  enterprise: dataTable<"enterprise">(
    "kbo_enterprises",
    [
      "enterpriseNumber",
      "status",
      "juridicalSituation",
      "typeOfEnterprise",
      "juridicalForm?",
      "juridicalFormCac?",
      "startDate",
    ],
    ["enterpriseNumber"],
  ),
  establishment: dataTable<"establishment">(
    "kbo_establishments",
    ["establishmentNumber", "startDate", "enterpriseNumber"],
    ["establishmentNumber"],
    byEnterprise("kbo_establishments"),
  ),
  branch: dataTable<"branch">(
    "kbo_branches",
    ["id", "startDate", "enterpriseNumber"],
    ["id"],
    byEnterprise("kbo_branches"),
  ),
  denomination: dataTable<"denomination">(
    "kbo_denominations",
    ["entityNumber", "language", "typeOfDenomination", "denomination"],
    ["entityNumber", "typeOfDenomination", "language", "denomination"],
  ),
  address: dataTable<"address">(
    "kbo_addresses",
    [
      "entityNumber",
      "typeOfAddress",
      "countryNl?",
      "countryFr?",
      "zipcode?",
      "municipalityNl?",
      "municipalityFr?",
      "streetNl?",
      "streetFr?",
      "houseNumber?",
      "box?",
      "extraAddressInfo?",
      "dateStrikingOff?",
    ],
    ["entityNumber", "typeOfAddress"],
  ),
  activity: dataTable<"activity">(
    "kbo_activities",
    ["entityNumber", "activityGroup", "naceVersion", "naceCode", "classification"],
    ["entityNumber", "activityGroup", "naceVersion", "naceCode", "classification"],
  ),
  code: dataTable<"code">(
    "kbo_codes",
    ["category", "code", "language", "description"],
    ["category", "code", "language"],
  ),
  /** One row per extract applied; snapshot_date is when the dump was published (meta.csv). */
  meta: table(
    "kbo_meta",
    [
      "extractNumber#",
      "extractType",
      "snapshotDate",
      "extractTimestamp",
      "version",
      "startedAt",
      "finishedAt?",
    ],
    ["extractNumber", "extractType"],
    { withoutRowid: false },
  ),
  /** At most one load in progress: how far it has got. */
  loadCheckpoint: table(
    "kbo_load_checkpoints",
    ["id#", "extractNumber#", "extractType", "file", "line#", "updatedAt"],
    ["id"],
    {
      withoutRowid: false,
      singleRow: { name: "kbo_load_checkpoints_single", column: "id", value: 1 },
    },
  ),
} satisfies Record<RegisterTable | "meta" | "loadCheckpoint", KboTableSpec>;

/** The DDL of one table (idempotent: the migration and `kbo:load` may meet in either order). */
function ddl(t: KboTableSpec): string {
  const lines = t.columns.map(
    (c) => `  ${sqlName(c.field)} ${c.type.toUpperCase()}${c.nullable ? "" : " NOT NULL"}`,
  );
  lines.push(`  PRIMARY KEY (${t.primaryKey.map(sqlName).join(", ")})`);
  if (t.singleRow)
    lines.push(
      `  CONSTRAINT ${t.singleRow.name} CHECK (${sqlName(t.singleRow.column)} = ${t.singleRow.value})`,
    );
  const create = `CREATE TABLE IF NOT EXISTS ${t.name} (\n${lines.join(",\n")}\n)${t.withoutRowid ? " WITHOUT ROWID" : ""};`;
  const indexes = t.indexes.map(
    (i) =>
      `CREATE INDEX IF NOT EXISTS ${i.name} ON ${t.name} (${i.columns.map(sqlName).join(", ")});`,
  );
  return [create, ...indexes].join("\n");
}

/** The register's DDL, for SQLite and D1. */
export const kboSchemaSql = `-- KBO/BCE open data register (shared public data: no office column).\n${Object.values(
  kboSchema,
)
  .map(ddl)
  .join("\n\n")}\n`;

/** What the loader binds: column names per table, in row order, and the key an update deletes by. */
interface LoadTable {
  name: string;
  /** [SQL column, row field] */
  columns: readonly (readonly [string, string])[];
  primaryKey: readonly string[];
  deleteKey: string | null;
}
const loadTable = (t: KboTableSpec, deleteKey: string | null): LoadTable => ({
  name: t.name,
  columns: t.columns.map((c) => [sqlName(c.field), c.field] as const),
  primaryKey: t.primaryKey.map(sqlName),
  deleteKey: deleteKey && sqlName(deleteKey),
});
export const kboTables: Record<RegisterTable, LoadTable> = {
  enterprise: loadTable(kboSchema.enterprise, "enterpriseNumber"),
  establishment: loadTable(kboSchema.establishment, "establishmentNumber"),
  branch: loadTable(kboSchema.branch, "id"),
  denomination: loadTable(kboSchema.denomination, "entityNumber"),
  address: loadTable(kboSchema.address, "entityNumber"),
  activity: loadTable(kboSchema.activity, "entityNumber"),
  // code.csv is replaced whole, never deleted by key.
  code: loadTable(kboSchema.code, null),
};
/** Tables an update changes by key. */
export const kboKeyedTables = Object.keys(kboTables).filter((t) => t !== "code") as KeyedTable[];

export const kboDataTableNames = Object.values(kboTables).map((t) => t.name);
