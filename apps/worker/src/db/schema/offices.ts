import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const offices = sqliteTable("offices", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Last change sequence handed out in this office's change feed; only grows, inside batches. */
  changeSeq: integer("change_seq").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});
