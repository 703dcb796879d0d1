-- KBO/BCE open data register (shared public data: no office column).
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
