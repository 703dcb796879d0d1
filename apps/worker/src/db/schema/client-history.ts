import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Every version of every client the worker has served, keyed by its change_seq, so the version a
 * sheet was pulled at can be rebuilt (three-way review) and GET /v1/clients/{id}/history can show
 * who changed what. Written by triggers on `clients` (see the migration), so every write path —
 * sync pages, single refreshes, deletions — records its version without knowing about history.
 * Pruned after HISTORY_RETENTION_DAYS, except each client's current version.
 */
export const clientHistory = sqliteTable(
  "client_history",
  {
    officeId: text("office_id").notNull(),
    clientId: text("client_id").notNull(),
    changeSeq: integer("change_seq").notNull(),
    /** The client as the API served it at that version (core Client JSON). */
    content: text("content").notNull(),
    /** When the version was written (ms). */
    at: integer("at").notNull(),
    /** The version is a deletion (the client left AdminPulse). */
    deleted: integer("deleted").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.clientId, t.changeSeq] }),
    index("client_history_office_at_idx").on(t.officeId, t.at),
  ],
);
