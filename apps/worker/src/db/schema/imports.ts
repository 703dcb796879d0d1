import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

export const imports = sqliteTable(
  "imports",
  {
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    id: text("id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of the canonical request body: same key + other body is a 409. */
    requestHash: text("request_hash").notNull(),
    source: text("source").notNull(),
    createdBy: text("created_by").notNull(),
    keyId: text("key_id").notNull(),
    status: text("status", { enum: ["accepted", "partially_accepted", "rejected"] }).notNull(),
    rowCount: integer("row_count").notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    rejected: integer("rejected").notNull(),
    /** UTF-8 bytes stored for this import's rows: counted against the office's import quota. */
    storedBytes: integer("stored_bytes").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    /** Withdrawn by staff after the push (ms); the outcome above is kept as it was. */
    withdrawnAt: integer("withdrawn_at"),
    /** The person who withdrew it, as the add-in named them. */
    withdrawnBy: text("withdrawn_by"),
    withdrawReason: text("withdraw_reason"),
    /** The withdrawal's Idempotency-Key: the same request again answers 200, another a 409. */
    withdrawKey: text("withdraw_key"),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.id] }),
    uniqueIndex("imports_office_idem_uq").on(t.officeId, t.idempotencyKey),
    index("imports_office_created_idx").on(t.officeId, t.createdAt),
  ],
);

export const importRows = sqliteTable(
  "import_rows",
  {
    officeId: text("office_id").notNull(),
    importId: text("import_id").notNull(),
    idx: integer("idx").notNull(),
    ref: text("ref").notNull(),
    action: text("action", { enum: ["create", "update", "unchanged", "rejected"] }).notNull(),
    clientId: text("client_id"),
    fields: text("fields").notNull(),
    client: text("client"),
    issues: text("issues").notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.importId, t.idx] })],
);
