import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    /** The visible part of `pb_<prefix>_<secret>`; globally unique so a key is found without the office. */
    prefix: text("prefix").notNull(),
    /** Hex SHA-256 of the secret part; the secret itself is never stored. */
    secretHash: text("secret_hash").notNull(),
    role: text("role", { enum: ["admin", "staff", "service"] }).notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_prefix_uq").on(t.prefix),
    index("api_keys_office_idx").on(t.officeId),
  ],
);
