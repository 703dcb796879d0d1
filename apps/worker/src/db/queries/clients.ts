import { type Client, type ClientResource, storedColumns, valueAt } from "@pulsebridge/core";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { clients } from "../schema/index.js";

export type ClientRow = typeof clients.$inferSelect;

/** One client as the sync writes it; `k` is its offset above the office's current change_seq. */
export interface ClientWrite {
  id: string;
  adminpulseId: string;
  client: Client;
  taskTemplates: string[];
  searchText: string;
  contentHash: string;
  sourceProblems: SourceProblemRecord[];
  k: number;
}

/** The table's plain fields, each read from its own column (drizzle names it after the key). */
function storedFields(r: ClientRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of storedColumns) out[c.path] = r[c.key as keyof ClientRow];
  return out;
}

/** A mapping problem as stored on the client (sync/source.ts `SourceProblem`). */
export interface SourceProblemRecord {
  code: string;
  field: string;
  seen: string;
}

/** Every field of the resource but the ones stored as JSON text. */
function scalarFields(r: ClientRow) {
  return {
    id: r.id,
    changeSeq: r.changeSeq,
    updatedAt: new Date(r.updatedAt).toISOString(),
    sourceIds: { adminpulseId: r.adminpulseId, uniqueIdentifier: r.uniqueIdentifier, code: r.code },
    ...(storedFields(r) as Pick<Client, (typeof storedColumns)[number]["path"] & keyof Client>),
    responsibleUser: r.responsibleUserName
      ? { id: r.responsibleUserId, name: r.responsibleUserName }
      : null,
  };
}

export function toClientResource(r: ClientRow): ClientResource {
  return {
    ...scalarFields(r),
    taskTemplates: JSON.parse(r.taskTemplates) as string[],
    address: r.address ? (JSON.parse(r.address) as Client["address"]) : null,
    links: JSON.parse(r.links) as Client["links"],
    sourceProblems: sourceProblemsOf(r),
  };
}

/** The stored problems, plus the "not found upstream" flag an on-demand 404 set. */
export function sourceProblemsOf(r: ClientRow): SourceProblemRecord[] {
  const stored = JSON.parse(r.sourceProblems) as SourceProblemRecord[];
  return r.notFoundUpstreamAt === null
    ? stored
    : [
        ...stored,
        {
          code: "upstream.not_found",
          field: "id",
          seen: `404 on refresh at ${new Date(r.notFoundUpstreamAt).toISOString()}; kept until a full scan decides`,
        },
      ];
}

export function toClient(r: ClientRow): Client {
  const {
    id: _i,
    changeSeq: _c,
    updatedAt: _u,
    taskTemplates: _t,
    sourceProblems: _p,
    ...client
  } = toClientResource(r);
  return client;
}

const live = (officeId: string) => and(eq(clients.officeId, officeId), isNull(clients.deletedAt));

export async function getClientByAdminpulseId(db: Db, officeId: string, adminpulseId: string) {
  return (
    (
      await db
        .select()
        .from(clients)
        .where(and(eq(clients.officeId, officeId), eq(clients.adminpulseId, adminpulseId)))
        .limit(1)
    )[0] ?? null
  );
}

/** The full row by id (the sync, the register check, refresh-on-open) is with the read queries. */
export { getClientById } from "./client-reads.js";

export function allLiveClients(db: Db, officeId: string) {
  return db.select().from(clients).where(live(officeId));
}

export async function taskTemplateCounts(db: Db, officeId: string) {
  return db.all<{ name: string; clientCount: number }>(sql`
    select j.value as name, count(*) as clientCount
    from ${clients}, json_each(${clients.taskTemplates}) as j
    where ${clients.officeId} = ${officeId} and ${clients.deletedAt} is null
    group by j.value order by j.value`);
}

/**
 * Current content hashes (and stored task templates, which a relation page does not carry) of the
 * given relations, to write only what changed.
 */
export type ExistingHashes = Awaited<ReturnType<typeof existingHashes>>;

export async function existingHashes(db: Db, officeId: string, adminpulseIds: string[]) {
  const rows = await db.all<{
    adminpulse_id: string;
    id: string;
    content_hash: string;
    task_templates: string;
    deleted_at: number | null;
    /** The run that last listed it: the sync's paging tells a relation listed twice by it. */
    last_seen_run: string | null;
  }>(sql`
    select adminpulse_id, id, content_hash, task_templates, deleted_at, last_seen_run from ${clients}
    where office_id = ${officeId}
      and adminpulse_id in (select value from json_each(${JSON.stringify(adminpulseIds)}))`);
  return new Map(rows.map((r) => [r.adminpulse_id, r]));
}

/**
 * Every column a sync writes, once: the insert list, the select from the payload, the update on
 * conflict and the payload itself all follow from this list. The plain fields come from core's
 * field table (`storedColumns`); the rest are stored in their own shape (JSON, split user).
 */
export const writtenColumns: { column: string; value: (w: ClientWrite) => unknown }[] = [
  { column: "unique_identifier", value: (w) => w.client.sourceIds.uniqueIdentifier },
  { column: "code", value: (w) => w.client.sourceIds.code },
  { column: "search_text", value: (w) => w.searchText },
  ...storedColumns.map((c) => ({
    column: c.column,
    value: (w: ClientWrite) => valueAt(w.client, c.path) ?? null,
  })),
  {
    column: "address",
    value: (w) => (w.client.address ? JSON.stringify(w.client.address) : null),
  },
  { column: "responsible_user_id", value: (w) => w.client.responsibleUser?.id ?? null },
  { column: "responsible_user_name", value: (w) => w.client.responsibleUser?.name ?? null },
  { column: "links", value: (w) => JSON.stringify(w.client.links) },
  { column: "task_templates", value: (w) => JSON.stringify(w.taskTemplates) },
  { column: "content_hash", value: (w) => w.contentHash },
  { column: "source_problems", value: (w) => JSON.stringify(w.sourceProblems) },
];

/** One write as the upsert binds it: a positional array inside one JSON array. */
export const clientWriteEntry = (w: ClientWrite) => [
  w.id,
  w.adminpulseId,
  w.k,
  ...writtenColumns.map((c) => c.value(w)),
];

/**
 * Upsert many clients in ONE statement with ONE bound JSON array (json_each), so D1's 100-parameter
 * cap never limits rows per statement. Each write is a positional array: id, AdminPulse id, k, then
 * `writtenColumns` in order. change_seq = office counter + k, read inside the batch; a row whose
 * hash did not change is left alone by the WHERE guard.
 */
export function upsertClientsStatement(
  db: Db,
  officeId: string,
  runId: string | null,
  now: number,
  writes: ClientWrite[],
) {
  const payload = JSON.stringify(writes.map(clientWriteEntry));
  const at = (i: number) => `json_extract(j.value, '$[${i}]')`;
  const names = writtenColumns.map((c) => c.column).join(", ");
  const values = writtenColumns.map((_, i) => at(i + 3)).join(", ");
  const updates = writtenColumns.map((c) => `${c.column} = excluded.${c.column}`).join(", ");
  const seq = sql`(select change_seq from offices where id = ${officeId}) + ${sql.raw(at(2))}`;
  return db.run(sql`
    insert into clients (office_id, id, adminpulse_id, ${sql.raw(names)},
      change_seq, created_seq, last_seen_run, refreshed_at, updated_at, deleted_at, not_found_upstream_at)
    select ${officeId}, ${sql.raw(at(0))}, ${sql.raw(at(1))}, ${sql.raw(values)},
      ${seq}, ${seq}, ${runId}, ${now}, ${now}, null, null
    from json_each(${payload}) as j where true
    on conflict (office_id, adminpulse_id) do update set ${sql.raw(updates)}, not_found_upstream_at = null,
      change_seq = excluded.change_seq,
      created_seq = case when clients.deleted_at is not null then excluded.change_seq else clients.created_seq end,
      last_seen_run = coalesce(excluded.last_seen_run, clients.last_seen_run),
      refreshed_at = excluded.refreshed_at, updated_at = excluded.updated_at, deleted_at = null
    where clients.content_hash <> excluded.content_hash or clients.deleted_at is not null`);
}

export function bumpOfficeSeqStatement(db: Db, officeId: string, by: number) {
  return db.run(sql`update offices set change_seq = change_seq + ${by} where id = ${officeId}`);
}

/** Unchanged (and unmappable) relations of a page: seen in this run, confirmed fresh. */
export function markSeenStatement(
  db: Db,
  officeId: string,
  runId: string | null,
  now: number,
  adminpulseIds: string[],
) {
  return db.run(sql`
    update clients set refreshed_at = ${now}, not_found_upstream_at = null,
      last_seen_run = coalesce(${runId}, last_seen_run)
    where office_id = ${officeId}
      and adminpulse_id in (select value from json_each(${JSON.stringify(adminpulseIds)}))`);
}

/**
 * Live clients a complete pass of `runId` (started at `startedAt`) did not see: the deletion
 * candidates. A client confirmed after the run started (an on-demand refresh) was seen by
 * something newer than this run, so it is not one: a run never deletes what it did not see.
 */
const unseenBy = (officeId: string, runId: string, startedAt: number) => sql`
  office_id = ${officeId} and deleted_at is null
  and (last_seen_run is null or last_seen_run <> ${runId}) and refreshed_at <= ${startedAt}`;

export async function unseenClients(
  db: Db,
  officeId: string,
  run: { id: string; startedAt: number },
  limit: number,
  /**
   * A range of ids (of the primary key): `after` the per-key check's cursor, or `upTo` it (the
   * clients already asked for by key).
   */
  range: { after?: string | null; upTo?: string } = {},
) {
  return db.all<{ id: string; adminpulse_id: string; unique_identifier: string | null }>(
    unseenClientsSql(officeId, run, limit, range),
  );
}

/** The query of `unseenClients` (its plan is tested: a range of the primary key, no sort). */
export function unseenClientsSql(
  officeId: string,
  run: { id: string; startedAt: number },
  limit: number,
  range: { after?: string | null; upTo?: string } = {},
) {
  const after = range.after == null ? sql`` : sql` and id > ${range.after}`;
  const upTo = range.upTo === undefined ? sql`` : sql` and id <= ${range.upTo}`;
  return sql`
    select id, adminpulse_id, unique_identifier from clients
    where ${unseenBy(officeId, run.id, run.startedAt)}${after}${upTo}
    order by id limit ${limit}`;
}

/** How many clients a run would delete, and how many are live: the deletion share. */
export async function deletionShare(
  db: Db,
  officeId: string,
  run: { id: string; startedAt: number },
) {
  const rows = await db.all<{ unseen: number; live: number }>(sql`
    select (select count(*) from clients where ${unseenBy(officeId, run.id, run.startedAt)}) as unseen,
      (select count(*) from clients where office_id = ${officeId} and deleted_at is null) as live`);
  return rows[0] ?? { unseen: 0, live: 0 };
}

/** An on-demand read got 404: flag the client (shown in sourceProblems); only a full scan deletes. */
export function markNotFoundUpstreamStatement(db: Db, officeId: string, id: string, now: number) {
  return db.run(sql`
    update clients set not_found_upstream_at = ${now}
    where office_id = ${officeId} and id = ${id} and deleted_at is null`);
}

export function tombstoneStatement(db: Db, officeId: string, now: number, ids: string[]) {
  return db.run(sql`
    update clients set deleted_at = ${now}, updated_at = ${now},
      change_seq = (select change_seq from offices where id = ${officeId})
        + (select j.key + 1 from json_each(${JSON.stringify(ids)}) as j where j.value = clients.id)
    where office_id = ${officeId} and deleted_at is null
      and id in (select value from json_each(${JSON.stringify(ids)}))`);
}

/**
 * The client a link names (ADR 0025): of the live clients carrying the link's APR code (AdminPulse
 * may hand one code to two relations), the one with the smallest AdminPulse id — one rule for the
 * page write, the finalize pass and this query, so a shared code never flips a name between them.
 */
const canonicalTarget = sql`t.adminpulse_id = (select min(t2.adminpulse_id) from clients t2
  where t2.office_id = t.office_id and t2.unique_identifier = t.unique_identifier
    and t2.deleted_at is null)`;

/**
 * Live clients with a link whose name is not the linked client's current name (null: the linked
 * relation was unknown when the client was written; stale: it was renamed since). The finalize step
 * names them from the cache.
 */
export function clientsWithUnnamedLinks(
  db: Db,
  officeId: string,
  limit: number,
  /** Keyset: only clients after this id, so each batch of a pass starts where the last ended. */
  afterId?: string,
) {
  return db
    .select()
    .from(clients)
    .where(
      and(
        live(officeId),
        afterId === undefined ? undefined : gt(clients.id, afterId),
        // CROSS JOIN keeps SQLite's join order: each link, then its target by the
        // (office_id, unique_identifier) index. Left to itself the planner scanned the whole
        // office once per client (minutes of CPU at 2,000 clients, blocking the Worker).
        sql`exists (select 1 from json_each(${clients.links}) as l
          cross join clients t on t.office_id = ${clients.officeId} and t.deleted_at is null
            and t.unique_identifier = json_extract(l.value, '$.relationIdentifier')
          where ${canonicalTarget} and json_extract(l.value, '$.name') is not t.name)`,
      ),
    )
    .orderBy(asc(clients.id))
    .limit(limit);
}

/** Live clients carrying the given APR codes, as link targets (several may share one code). */
export async function linkTargets(db: Db, officeId: string, uids: string[]) {
  if (uids.length === 0) return [];
  return db.all<{ uid: string; adminpulseId: string; name: string; lastSeenRun: string | null }>(
    linkTargetsSql(officeId, uids),
  );
}

/** The query of `linkTargets` (its plan is tested: the office + APR code index, no scan). */
export const linkTargetsSql = (officeId: string, uids: string[]) => sql`
  select unique_identifier as uid, adminpulse_id as adminpulseId, name, last_seen_run as lastSeenRun
  from clients
  where office_id = ${officeId} and deleted_at is null
    and unique_identifier in (select value from json_each(${JSON.stringify(uids)}))`;

/** New links (named) and content hashes, each client with its own change_seq (office + k). */
export function updateLinksStatement(
  db: Db,
  officeId: string,
  now: number,
  writes: { id: string; links: Client["links"]; contentHash: string; k: number }[],
) {
  const payload = JSON.stringify(
    writes.map((w) => ({ id: w.id, l: JSON.stringify(w.links), h: w.contentHash, k: w.k })),
  );
  const field = (key: string) => sql`(select json_extract(j.value, ${`$.${key}`})
    from json_each(${payload}) as j where json_extract(j.value, '$.id') = clients.id)`;
  return db.run(sql`
    update clients set links = ${field("l")}, content_hash = ${field("h")},
      change_seq = (select change_seq from offices where id = ${officeId}) + ${field("k")},
      updated_at = ${now}
    where office_id = ${officeId} and deleted_at is null
      and id in (select json_extract(value, '$.id') from json_each(${payload}))`);
}
