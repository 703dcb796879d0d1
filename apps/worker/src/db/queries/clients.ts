import type { Client, ClientResource } from "@pulsebridge/core";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { clients } from "../schema/index.js";
import { registerDiffersCondition } from "./register.js";

export type ClientRow = typeof clients.$inferSelect;

/** One client as the sync writes it; `k` is its offset above the office's current change_seq. */
export interface ClientWrite {
  id: string;
  adminpulseId: string;
  client: Client;
  taskTemplates: string[];
  searchText: string;
  contentHash: string;
  k: number;
}

export function toClientResource(r: ClientRow): ClientResource {
  return {
    id: r.id,
    changeSeq: r.changeSeq,
    updatedAt: new Date(r.updatedAt).toISOString(),
    taskTemplates: JSON.parse(r.taskTemplates) as string[],
    sourceIds: { adminpulseId: r.adminpulseId, uniqueIdentifier: r.uniqueIdentifier, code: r.code },
    kind: r.kind as Client["kind"],
    name: r.name,
    enterpriseNumber: r.enterpriseNumber,
    nationalNumber: r.nationalNumber,
    vatNumber: r.vatNumber,
    legalForm: r.legalForm,
    language: r.language as Client["language"],
    email: r.email,
    phone: r.phone,
    address: r.address ? (JSON.parse(r.address) as Client["address"]) : null,
    generalMeetingDate: r.generalMeetingDate,
    responsibleUser: r.responsibleUserName
      ? { id: r.responsibleUserId, name: r.responsibleUserName }
      : null,
    links: JSON.parse(r.links) as Client["links"],
  };
}

export function toClient(r: ClientRow): Client {
  const {
    id: _i,
    changeSeq: _c,
    updatedAt: _u,
    taskTemplates: _t,
    ...client
  } = toClientResource(r);
  return client;
}

const live = (officeId: string) => and(eq(clients.officeId, officeId), isNull(clients.deletedAt));

export interface ClientFilter {
  q?: string | undefined;
  enterpriseNumber?: string | undefined;
  kind?: string | undefined;
  taskTemplate?: string | undefined;
  responsible?: string | undefined;
  /** "Differs from the register": the register version the stored statuses must match (null: none loaded). */
  registerDiffers?: { version: string | null } | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

export function listClients(db: Db, officeId: string, f: ClientFilter) {
  const a = f.after;
  return db
    .select()
    .from(clients)
    .where(
      and(
        live(officeId),
        // instr, not LIKE: D1 caps LIKE patterns at 50 bytes.
        f.q ? sql`instr(${clients.searchText}, ${f.q}) > 0` : undefined,
        f.enterpriseNumber ? eq(clients.enterpriseNumber, f.enterpriseNumber) : undefined,
        f.kind ? eq(clients.kind, f.kind) : undefined,
        f.taskTemplate
          ? sql`exists (select 1 from json_each(${clients.taskTemplates}) where value = ${f.taskTemplate})`
          : undefined,
        f.responsible
          ? or(
              sql`${clients.responsibleUserName} = ${f.responsible} collate nocase`,
              eq(clients.responsibleUserId, f.responsible),
            )
          : undefined,
        f.registerDiffers
          ? f.registerDiffers.version === null
            ? sql`0`
            : registerDiffersCondition(f.registerDiffers.version)
          : undefined,
        a
          ? or(gt(clients.name, a.name), and(eq(clients.name, a.name), gt(clients.id, a.id)))
          : undefined,
      ),
    )
    .orderBy(asc(clients.name), asc(clients.id))
    .limit(f.limit + 1);
}

/** The sort key of the row a list cursor points after (tombstones too: rows are never removed). */
export async function cursorAnchor(db: Db, officeId: string, id: string) {
  const rows = await db
    .select({ name: clients.name, id: clients.id })
    .from(clients)
    .where(and(eq(clients.officeId, officeId), eq(clients.id, id)))
    .limit(1);
  return rows[0];
}

export async function getClientById(db: Db, officeId: string, id: string) {
  return (
    (
      await db
        .select()
        .from(clients)
        .where(and(live(officeId), eq(clients.id, id)))
        .limit(1)
    )[0] ?? null
  );
}

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

export async function getClientByEnterprise(db: Db, officeId: string, enterpriseNumber: string) {
  return (
    (
      await db
        .select()
        .from(clients)
        .where(and(live(officeId), eq(clients.enterpriseNumber, enterpriseNumber)))
        .orderBy(asc(clients.id))
        .limit(1)
    )[0] ?? null
  );
}

export function allLiveClients(db: Db, officeId: string) {
  return db.select().from(clients).where(live(officeId));
}

export function changesSince(db: Db, officeId: string, cursor: number, limit: number) {
  return db
    .select()
    .from(clients)
    .where(and(eq(clients.officeId, officeId), gt(clients.changeSeq, cursor)))
    .orderBy(asc(clients.changeSeq))
    .limit(limit + 1);
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
export async function existingHashes(db: Db, officeId: string, adminpulseIds: string[]) {
  const rows = await db.all<{
    adminpulse_id: string;
    id: string;
    content_hash: string;
    task_templates: string;
    deleted_at: number | null;
  }>(sql`
    select adminpulse_id, id, content_hash, task_templates, deleted_at from ${clients}
    where office_id = ${officeId}
      and adminpulse_id in (select value from json_each(${JSON.stringify(adminpulseIds)}))`);
  return new Map(rows.map((r) => [r.adminpulse_id, r]));
}

/**
 * Upsert many clients in ONE statement with ONE bound JSON array (json_each), so D1's 100-parameter
 * cap never limits rows per statement. change_seq = office counter + k, read inside the batch; a row
 * whose hash did not change is left alone by the WHERE guard.
 */
export function upsertClientsStatement(
  db: Db,
  officeId: string,
  runId: string | null,
  now: number,
  writes: ClientWrite[],
) {
  const payload = JSON.stringify(
    writes.map((w) => ({
      id: w.id,
      apid: w.adminpulseId,
      uid: w.client.sourceIds.uniqueIdentifier,
      code: w.client.sourceIds.code,
      kind: w.client.kind,
      name: w.client.name,
      st: w.searchText,
      en: w.client.enterpriseNumber,
      nn: w.client.nationalNumber,
      vat: w.client.vatNumber,
      lf: w.client.legalForm,
      lang: w.client.language,
      email: w.client.email,
      phone: w.client.phone,
      addr: w.client.address ? JSON.stringify(w.client.address) : null,
      gmd: w.client.generalMeetingDate,
      ruid: w.client.responsibleUser?.id ?? null,
      run: w.client.responsibleUser?.name ?? null,
      links: JSON.stringify(w.client.links),
      tt: JSON.stringify(w.taskTemplates),
      hash: w.contentHash,
      k: w.k,
    })),
  );
  const f = (key: string) => sql.raw(`json_extract(j.value, '$.${key}')`);
  const seq = sql`(select change_seq from offices where id = ${officeId}) + ${f("k")}`;
  return db.run(sql`
    insert into clients (office_id, id, adminpulse_id, unique_identifier, code, kind, name, search_text,
      enterprise_number, national_number, vat_number, legal_form, language, email, phone, address,
      general_meeting_date, responsible_user_id, responsible_user_name, links, task_templates,
      content_hash, change_seq, created_seq, last_seen_run, refreshed_at, updated_at, deleted_at)
    select ${officeId}, ${f("id")}, ${f("apid")}, ${f("uid")}, ${f("code")}, ${f("kind")}, ${f("name")},
      ${f("st")}, ${f("en")}, ${f("nn")}, ${f("vat")}, ${f("lf")}, ${f("lang")}, ${f("email")},
      ${f("phone")}, ${f("addr")}, ${f("gmd")}, ${f("ruid")}, ${f("run")}, ${f("links")}, ${f("tt")},
      ${f("hash")}, ${seq}, ${seq}, ${runId}, ${now}, ${now}, null
    from json_each(${payload}) as j where true
    on conflict (office_id, adminpulse_id) do update set
      unique_identifier = excluded.unique_identifier, code = excluded.code, kind = excluded.kind,
      name = excluded.name, search_text = excluded.search_text,
      enterprise_number = excluded.enterprise_number, national_number = excluded.national_number,
      vat_number = excluded.vat_number, legal_form = excluded.legal_form,
      language = excluded.language, email = excluded.email, phone = excluded.phone,
      address = excluded.address, general_meeting_date = excluded.general_meeting_date,
      responsible_user_id = excluded.responsible_user_id,
      responsible_user_name = excluded.responsible_user_name, links = excluded.links,
      task_templates = excluded.task_templates, content_hash = excluded.content_hash,
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
    update clients set refreshed_at = ${now},
      last_seen_run = coalesce(${runId}, last_seen_run)
    where office_id = ${officeId}
      and adminpulse_id in (select value from json_each(${JSON.stringify(adminpulseIds)}))`);
}

/** Live clients a complete pass of `runId` did not see: the deletion candidates. */
export async function unseenClients(db: Db, officeId: string, runId: string, limit: number) {
  return db.all<{ id: string; adminpulse_id: string }>(sql`
    select id, adminpulse_id from clients
    where office_id = ${officeId} and deleted_at is null
      and (last_seen_run is null or last_seen_run <> ${runId})
    order by id limit ${limit}`);
}

export function tombstoneStatement(db: Db, officeId: string, now: number, ids: string[]) {
  return db.run(sql`
    update clients set deleted_at = ${now}, updated_at = ${now},
      change_seq = (select change_seq from offices where id = ${officeId})
        + (select j.key + 1 from json_each(${JSON.stringify(ids)}) as j where j.value = clients.id)
    where office_id = ${officeId} and deleted_at is null
      and id in (select value from json_each(${JSON.stringify(ids)}))`);
}
