import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    at: integer("at").notNull(),
    /** The API key that acted (null for cron). */
    actorKeyId: text("actor_key_id"),
    actorName: text("actor_name"),
    /**
     * The person who acted, as the calling tool named them (an import's `createdBy`, a withdrawal's
     * `by`): staff sharing one key are told apart by it. Null where no person was named.
     */
    actorPerson: text("actor_person"),
    action: text("action").notNull(),
    target: text("target"),
    /** JSON details; never a credential. */
    details: text("details").notNull(),
  },
  (t) => [index("audit_office_at_idx").on(t.officeId, t.at, t.id)],
);
