/**
 * The register's tables. Kept apart from office data: no office column anywhere, since the register is
 * public data shared by every office. Numbers are stored as 10 digits without dots, dates as ISO.
 * The same text is in schema.sql (a test keeps the two equal).
 */
export const kboSchemaSql = `-- KBO/BCE open data register (shared public data: no office column).
CREATE TABLE IF NOT EXISTS kbo_enterprises (
  enterprise_number TEXT NOT NULL PRIMARY KEY,
  status TEXT NOT NULL,
  juridical_situation TEXT NOT NULL,
  type_of_enterprise TEXT NOT NULL,
  juridical_form TEXT,
  juridical_form_cac TEXT,
  start_date TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kbo_establishments (
  establishment_number TEXT NOT NULL PRIMARY KEY,
  start_date TEXT NOT NULL,
  enterprise_number TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kbo_establishments_enterprise ON kbo_establishments (enterprise_number);

CREATE TABLE IF NOT EXISTS kbo_branches (
  id TEXT NOT NULL PRIMARY KEY,
  start_date TEXT NOT NULL,
  enterprise_number TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kbo_branches_enterprise ON kbo_branches (enterprise_number);

CREATE TABLE IF NOT EXISTS kbo_denominations (
  entity_number TEXT NOT NULL,
  language TEXT NOT NULL,
  type_of_denomination TEXT NOT NULL,
  denomination TEXT NOT NULL,
  PRIMARY KEY (entity_number, type_of_denomination, language, denomination)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kbo_addresses (
  entity_number TEXT NOT NULL,
  type_of_address TEXT NOT NULL,
  country_nl TEXT,
  country_fr TEXT,
  zipcode TEXT,
  municipality_nl TEXT,
  municipality_fr TEXT,
  street_nl TEXT,
  street_fr TEXT,
  house_number TEXT,
  box TEXT,
  extra_address_info TEXT,
  date_striking_off TEXT,
  PRIMARY KEY (entity_number, type_of_address)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kbo_activities (
  entity_number TEXT NOT NULL,
  activity_group TEXT NOT NULL,
  nace_version TEXT NOT NULL,
  nace_code TEXT NOT NULL,
  classification TEXT NOT NULL,
  PRIMARY KEY (entity_number, activity_group, nace_version, nace_code, classification)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kbo_codes (
  category TEXT NOT NULL,
  code TEXT NOT NULL,
  language TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (category, code, language)
) WITHOUT ROWID;

-- One row per extract applied; snapshot_date is when the dump was published (meta.csv SnapshotDate).
CREATE TABLE IF NOT EXISTS kbo_meta (
  extract_number INTEGER NOT NULL,
  extract_type TEXT NOT NULL,
  snapshot_date TEXT NOT NULL,
  extract_timestamp TEXT NOT NULL,
  version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  PRIMARY KEY (extract_number, extract_type)
);

-- At most one load in progress: how far it has got.
CREATE TABLE IF NOT EXISTS kbo_load_checkpoints (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  extract_number INTEGER NOT NULL,
  extract_type TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** Column names per table, in the order rows are bound, and the key an update deletes by. */
export const kboTables = {
  enterprise: {
    name: "kbo_enterprises",
    columns: [
      ["enterprise_number", "enterpriseNumber"],
      ["status", "status"],
      ["juridical_situation", "juridicalSituation"],
      ["type_of_enterprise", "typeOfEnterprise"],
      ["juridical_form", "juridicalForm"],
      ["juridical_form_cac", "juridicalFormCac"],
      ["start_date", "startDate"],
    ],
    primaryKey: ["enterprise_number"],
    deleteKey: "enterprise_number",
  },
  establishment: {
    name: "kbo_establishments",
    columns: [
      ["establishment_number", "establishmentNumber"],
      ["start_date", "startDate"],
      ["enterprise_number", "enterpriseNumber"],
    ],
    primaryKey: ["establishment_number"],
    deleteKey: "establishment_number",
  },
  branch: {
    name: "kbo_branches",
    columns: [
      ["id", "id"],
      ["start_date", "startDate"],
      ["enterprise_number", "enterpriseNumber"],
    ],
    primaryKey: ["id"],
    deleteKey: "id",
  },
  denomination: {
    name: "kbo_denominations",
    columns: [
      ["entity_number", "entityNumber"],
      ["language", "language"],
      ["type_of_denomination", "typeOfDenomination"],
      ["denomination", "denomination"],
    ],
    primaryKey: ["entity_number", "type_of_denomination", "language", "denomination"],
    deleteKey: "entity_number",
  },
  address: {
    name: "kbo_addresses",
    columns: [
      ["entity_number", "entityNumber"],
      ["type_of_address", "typeOfAddress"],
      ["country_nl", "countryNl"],
      ["country_fr", "countryFr"],
      ["zipcode", "zipcode"],
      ["municipality_nl", "municipalityNl"],
      ["municipality_fr", "municipalityFr"],
      ["street_nl", "streetNl"],
      ["street_fr", "streetFr"],
      ["house_number", "houseNumber"],
      ["box", "box"],
      ["extra_address_info", "extraAddressInfo"],
      ["date_striking_off", "dateStrikingOff"],
    ],
    primaryKey: ["entity_number", "type_of_address"],
    deleteKey: "entity_number",
  },
  activity: {
    name: "kbo_activities",
    columns: [
      ["entity_number", "entityNumber"],
      ["activity_group", "activityGroup"],
      ["nace_version", "naceVersion"],
      ["nace_code", "naceCode"],
      ["classification", "classification"],
    ],
    primaryKey: ["entity_number", "activity_group", "nace_version", "nace_code", "classification"],
    deleteKey: "entity_number",
  },
  code: {
    name: "kbo_codes",
    columns: [
      ["category", "category"],
      ["code", "code"],
      ["language", "language"],
      ["description", "description"],
    ],
    primaryKey: ["category", "code", "language"],
    deleteKey: null,
  },
} as const;

export const kboDataTableNames = Object.values(kboTables).map((t) => t.name);
