import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The KBO/BCE register (public open data, shared by every office: no office column), the same
 * tables as `kboSchemaSql` in @pulsebridge/kbo, which loads them. drizzle-kit cannot express
 * `WITHOUT ROWID`; migrations/0001_kbo_register.sql was generated from this file and then given
 * `WITHOUT ROWID` and `IF NOT EXISTS` by hand (see docs/adr/0010-register-check.md).
 */
export const kboEnterprises = sqliteTable("kbo_enterprises", {
  enterpriseNumber: text("enterprise_number").notNull().primaryKey(),
  status: text("status").notNull(),
  juridicalSituation: text("juridical_situation").notNull(),
  typeOfEnterprise: text("type_of_enterprise").notNull(),
  juridicalForm: text("juridical_form"),
  juridicalFormCac: text("juridical_form_cac"),
  startDate: text("start_date").notNull(),
});

export const kboEstablishments = sqliteTable(
  "kbo_establishments",
  {
    establishmentNumber: text("establishment_number").notNull().primaryKey(),
    startDate: text("start_date").notNull(),
    enterpriseNumber: text("enterprise_number").notNull(),
  },
  (t) => [index("kbo_establishments_enterprise").on(t.enterpriseNumber)],
);

export const kboBranches = sqliteTable(
  "kbo_branches",
  {
    id: text("id").notNull().primaryKey(),
    startDate: text("start_date").notNull(),
    enterpriseNumber: text("enterprise_number").notNull(),
  },
  (t) => [index("kbo_branches_enterprise").on(t.enterpriseNumber)],
);

export const kboDenominations = sqliteTable(
  "kbo_denominations",
  {
    entityNumber: text("entity_number").notNull(),
    language: text("language").notNull(),
    typeOfDenomination: text("type_of_denomination").notNull(),
    denomination: text("denomination").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityNumber, t.typeOfDenomination, t.language, t.denomination] }),
  ],
);

export const kboAddresses = sqliteTable(
  "kbo_addresses",
  {
    entityNumber: text("entity_number").notNull(),
    typeOfAddress: text("type_of_address").notNull(),
    countryNl: text("country_nl"),
    countryFr: text("country_fr"),
    zipcode: text("zipcode"),
    municipalityNl: text("municipality_nl"),
    municipalityFr: text("municipality_fr"),
    streetNl: text("street_nl"),
    streetFr: text("street_fr"),
    houseNumber: text("house_number"),
    box: text("box"),
    extraAddressInfo: text("extra_address_info"),
    dateStrikingOff: text("date_striking_off"),
  },
  (t) => [primaryKey({ columns: [t.entityNumber, t.typeOfAddress] })],
);

export const kboActivities = sqliteTable(
  "kbo_activities",
  {
    entityNumber: text("entity_number").notNull(),
    activityGroup: text("activity_group").notNull(),
    naceVersion: text("nace_version").notNull(),
    naceCode: text("nace_code").notNull(),
    classification: text("classification").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.entityNumber, t.activityGroup, t.naceVersion, t.naceCode, t.classification],
    }),
  ],
);

export const kboCodes = sqliteTable(
  "kbo_codes",
  {
    category: text("category").notNull(),
    code: text("code").notNull(),
    language: text("language").notNull(),
    description: text("description").notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.code, t.language] })],
);

/** One row per extract applied; snapshot_date is when the dump was published. */
export const kboMeta = sqliteTable(
  "kbo_meta",
  {
    extractNumber: integer("extract_number").notNull(),
    extractType: text("extract_type").notNull(),
    snapshotDate: text("snapshot_date").notNull(),
    extractTimestamp: text("extract_timestamp").notNull(),
    version: text("version").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.extractNumber, t.extractType] })],
);

/** At most one load in progress: how far it has got. */
export const kboLoadCheckpoints = sqliteTable(
  "kbo_load_checkpoints",
  {
    id: integer("id").notNull().primaryKey(),
    extractNumber: integer("extract_number").notNull(),
    extractType: text("extract_type").notNull(),
    file: text("file").notNull(),
    line: integer("line").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [check("kbo_load_checkpoints_single", sql`${t.id} = 1`)],
);

/**
 * Office data derived from the register: each client's last check status, so the client list
 * can filter on "differs from the register" with a join. A row is current while its
 * `content_hash` equals the client's and `register_version` equals the register's last extract.
 */
export const clientRegisterChecks = sqliteTable(
  "client_register_checks",
  {
    officeId: text("office_id").notNull(),
    clientId: text("client_id").notNull(),
    contentHash: text("content_hash").notNull(),
    registerVersion: text("register_version").notNull(),
    /** ok | differs | not_in_register | not_applicable | not_loaded */
    status: text("status").notNull(),
    snapshotDate: text("snapshot_date"),
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.clientId] }),
    index("client_register_checks_status_idx").on(t.officeId, t.status),
  ],
);
