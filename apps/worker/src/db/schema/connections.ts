import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

/** One AdminPulse connection per office. The credential is AES-256-GCM ciphertext, never plaintext. */
export const connections = sqliteTable("connections", {
  officeId: text("office_id")
    .primaryKey()
    .references(() => offices.id),
  kind: text("kind", { enum: ["token", "oauth"] }).notNull(),
  /** base64 AES-GCM ciphertext (with tag) of the JSON credential. */
  ciphertext: text("ciphertext").notNull(),
  /** base64 96-bit IV, fresh for every write. */
  iv: text("iv").notNull(),
  /** Which encryption key wrote it, so keys can rotate. */
  keyId: text("key_id").notNull(),
  expiresAt: integer("expires_at"),
  status: text("status", { enum: ["active", "invalid"] }).notNull(),
  /** Why the connection is invalid (a stable code + short text, never a token); null when active. */
  statusReason: text("status_reason"),
  /** SHA-256 of the credential: the rate-limit bucket is shared by every office using the same token. */
  tokenFingerprint: text("token_fingerprint").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
