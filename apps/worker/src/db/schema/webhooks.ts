import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

/**
 * An office's webhook endpoints. The signing secret is sealed with the credential cipher (AES-GCM,
 * bound to the office and this endpoint's id) and never returned after creation (ADR 0022).
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** JSON array of event types this endpoint receives. */
    events: text("events").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** `failing` when the worker disabled it (a delivery failed for 24 h), `admin` when an admin did. */
    disabledReason: text("disabled_reason", { enum: ["failing", "admin"] }),
    disabledAt: integer("disabled_at"),
    /** First failed attempt since the last successful delivery; null while deliveries succeed. */
    failingSince: integer("failing_since"),
    lastSuccessAt: integer("last_success_at"),
    secretCiphertext: text("secret_ciphertext").notNull(),
    secretIv: text("secret_iv").notNull(),
    secretKeyId: text("secret_key_id").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("webhook_endpoints_office_idx").on(t.officeId)],
);

/**
 * The outbox: one row per event and endpoint, written in the same atomic batch as the change that
 * causes it, then delivered (and retried) until it succeeds or its schedule ends (ADR 0022).
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** The Standard Webhooks `webhook-id` (`msg_…`): the same on every attempt, for deduplication. */
    id: text("id").primaryKey(),
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** The exact JSON body sent on every attempt: `{type, timestamp, data}`. */
    payload: text("payload").notNull(),
    createdAt: integer("created_at").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastAttemptAt: integer("last_attempt_at"),
    /** HTTP status of the last attempt; null when it got no response (timeout, refused URL, …). */
    lastStatus: integer("last_status"),
    /** Why the last attempt failed, as a short code (`timeout`, `http_500`, `redirect`, …). */
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);
