// The floor's four reads: one indexed select each, the same indexes and the same 50-row page the
// app's endpoints use, with no auth, validation, ETag or resource mapping. Shared by the workerd
// floor (worker.ts) and the Bun floor (bun.ts) so both floors run the same SQL.
export const floorQueries = {
  list: "select * from clients where office_id = ?1 and deleted_at is null order by name, id limit 51",
  one: "select * from clients where office_id = ?1 and id = ?2 and deleted_at is null limit 1",
  enterprise:
    "select * from clients where office_id = ?1 and enterprise_number = ?2 and deleted_at is null order by id limit 1",
  changes:
    "select * from clients where office_id = ?1 and change_seq > ?2 order by change_seq limit 51",
};
