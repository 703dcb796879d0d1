// The floor's four reads: one indexed select each, the same indexes and the same 50-row page the
// app's endpoints use, with no auth, validation, ETag or resource mapping. Shared by the workerd
// floor (worker.ts) and the Bun floor (bun.ts) so both floors run the same SQL.
// The row's own columns, as `select *` read them before migration 0014 added the stored resource
// (ADR 0030): the floor keeps reading the plain row, not the app's ready-made text.
const row =
  "office_id, id, adminpulse_id, unique_identifier, code, kind, name, search_text, enterprise_number, national_number, vat_number, legal_form, language, email, phone, address, general_meeting_date, responsible_user_id, responsible_user_name, links, task_templates, content_hash, change_seq, created_seq, last_seen_run, refreshed_at, updated_at, deleted_at, source_problems, not_found_upstream_at, first_name, last_name, iban, bic";

export const floorQueries = {
  list: `select ${row} from clients where office_id = ?1 and deleted_at is null order by name, id limit 51`,
  one: `select ${row} from clients where office_id = ?1 and id = ?2 and deleted_at is null limit 1`,
  enterprise: `select ${row} from clients where office_id = ?1 and enterprise_number = ?2 and deleted_at is null order by id limit 1`,
  changes: `select ${row} from clients where office_id = ?1 and change_seq > ?2 order by change_seq limit 51`,
};
