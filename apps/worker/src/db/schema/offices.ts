import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const offices = sqliteTable("offices", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Last change sequence handed out in this office's change feed; only grows, inside batches. */
  changeSeq: integer("change_seq").notNull().default(0),
  /**
   * The change feed's epoch: a new random value when the feed cannot continue where a mirror left it
   * (the database was restored), so a mirror that sees another epoch starts over (issue 11).
   */
  feedEpoch: text("feed_epoch"),
  createdAt: integer("created_at").notNull(),
});
