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
 * The relation cache. Nested parts (address, links, task templates) are JSON columns: they are
 * always read whole and D1 caps a table at 100 columns.
 *
 * The table also has `resource_json`, the client's API resource as text, a generated column SQLite
 * writes with every write of the row (migration 0014, ADR 0030). It is left out here on purpose:
 * Drizzle would read it with every full row (the sync, the review, the push), ~1.2 KB each; only the
 * read endpoints select it (queries/client-reads.ts).
 */
export const clients = sqliteTable(
  "clients",
  {
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    id: text("id").notNull(),
    adminpulseId: text("adminpulse_id").notNull(),
    uniqueIdentifier: text("unique_identifier"),
    code: text("code"),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** Lower-cased, accent-free name + codes, for `q` (instr, so no LIKE pattern limit). */
    searchText: text("search_text").notNull(),
    enterpriseNumber: text("enterprise_number"),
    nationalNumber: text("national_number"),
    vatNumber: text("vat_number"),
    legalForm: text("legal_form"),
    language: text("language"),
    email: text("email"),
    phone: text("phone"),
    iban: text("iban"),
    bic: text("bic"),
    address: text("address"),
    generalMeetingDate: text("general_meeting_date"),
    responsibleUserId: text("responsible_user_id"),
    responsibleUserName: text("responsible_user_name"),
    links: text("links").notNull(),
    taskTemplates: text("task_templates").notNull(),
    contentHash: text("content_hash").notNull(),
    changeSeq: integer("change_seq").notNull(),
    /** change_seq of the insert, to tell `added` from `updated` in the change feed. */
    createdSeq: integer("created_seq").notNull(),
    lastSeenRun: text("last_seen_run"),
    /** When AdminPulse last confirmed this record (ms), changed or not. */
    refreshedAt: integer("refreshed_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    deletedAt: integer("deleted_at"),
    /**
     * What AdminPulse sent that could not be mapped as-is: `[{code, field, seen}]` (JSON), never a
     * personal value. Rewritten by every read of the relation.
     */
    sourceProblems: text("source_problems").notNull().default("[]"),
    /** An on-demand refresh got 404: flagged, never deleted, until a full scan decides (ms). */
    notFoundUpstreamAt: integer("not_found_upstream_at"),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.id] }),
    uniqueIndex("clients_office_adminpulse_uq").on(t.officeId, t.adminpulseId),
    // `id` too: by-enterprise reads `order by id limit 1`, and without it SQLite chose the primary
    // key for the order and scanned the whole office (issue 17: 17 req/s at 10,000 clients).
    index("clients_office_enterprise_idx").on(t.officeId, t.enterpriseNumber, t.id),
    index("clients_office_seq_idx").on(t.officeId, t.changeSeq),
    index("clients_office_name_idx").on(t.officeId, t.name, t.id),
    index("clients_office_seen_idx").on(t.officeId, t.lastSeenRun),
    // Links and tasks name a relation by its APR code: finding it must not scan the office.
    index("clients_office_uid_idx").on(t.officeId, t.uniqueIdentifier),
  ],
);
