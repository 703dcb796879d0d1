import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

/**
 * A push sent in parts (ADR 0021). Its parts are reconciled as they arrive and kept here, out of
 * `imports`, so nothing is visible before the commit, which moves them in one batch. An open stage
 * past `expires_at` is dropped with its rows.
 */
export const importStages = sqliteTable(
  "import_stages",
  {
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    id: text("id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    source: text("source").notNull(),
    createdBy: text("created_by").notNull(),
    keyId: text("key_id").notNull(),
    /** The pull's scope (JSON), recorded with the import. */
    scope: text("scope").notNull(),
    status: text("status", { enum: ["open", "committed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.id] }),
    uniqueIndex("import_stages_office_idem_uq").on(t.officeId, t.idempotencyKey),
    index("import_stages_expires_idx").on(t.expiresAt),
  ],
);

/** One part as received: its hash answers a resend (same body: replay; other body: 409). */
export const importStageParts = sqliteTable(
  "import_stage_parts",
  {
    officeId: text("office_id").notNull(),
    stageId: text("stage_id").notNull(),
    part: integer("part").notNull(),
    requestHash: text("request_hash").notNull(),
    rowCount: integer("row_count").notNull(),
    /** UTF-8 bytes of its rows: counted against the office's import quota while staged. */
    storedBytes: integer("stored_bytes").notNull(),
    /** The part's counts as returned (JSON), for a replay. */
    counts: text("counts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.stageId, t.part] })],
);

/** The reconciled rows of the parts: `import_rows` plus what the commit needs to check. */
export const importStageRows = sqliteTable(
  "import_stage_rows",
  {
    officeId: text("office_id").notNull(),
    stageId: text("stage_id").notNull(),
    part: integer("part").notNull(),
    idx: integer("idx").notNull(),
    ref: text("ref").notNull(),
    action: text("action", { enum: ["create", "update", "unchanged", "rejected"] }).notNull(),
    clientId: text("client_id"),
    fields: text("fields").notNull(),
    client: text("client"),
    issues: text("issues").notNull(),
    /** `identityKeyOf` the row's client: two parts' rows with one key are duplicates. */
    identityKey: text("identity_key"),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.stageId, t.part, t.idx] }),
    // A ref sent in two parts is refused when the second part arrives.
    uniqueIndex("import_stage_rows_ref_uq").on(t.officeId, t.stageId, t.ref),
  ],
);
