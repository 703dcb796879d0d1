import { and, eq, lt, sql } from "drizzle-orm";
import { runBatch } from "../batch.js";
import type { Db } from "../client.js";
import { importStageParts, importStageRows, importStages } from "../schema/index.js";

export type StageRecord = typeof importStages.$inferSelect;

export async function getStage(db: Db, officeId: string, id: string) {
  return (
    (
      await db
        .select()
        .from(importStages)
        .where(and(eq(importStages.officeId, officeId), eq(importStages.id, id)))
        .limit(1)
    )[0] ?? null
  );
}

export async function findStageByKey(db: Db, officeId: string, key: string) {
  return (
    (
      await db
        .select()
        .from(importStages)
        .where(and(eq(importStages.officeId, officeId), eq(importStages.idempotencyKey, key)))
        .limit(1)
    )[0] ?? null
  );
}

export function insertStageStatement(db: Db, row: typeof importStages.$inferInsert) {
  return db.insert(importStages).values(row);
}

export async function getStagePart(db: Db, officeId: string, stageId: string, part: number) {
  return (
    (
      await db
        .select()
        .from(importStageParts)
        .where(
          and(
            eq(importStageParts.officeId, officeId),
            eq(importStageParts.stageId, stageId),
            eq(importStageParts.part, part),
          ),
        )
        .limit(1)
    )[0] ?? null
  );
}

/** Parts received and their rows, for the stage's resource and the commit. */
export async function stageTotals(db: Db, officeId: string, stageId: string) {
  const rows = await db
    .select({
      parts: sql<number>`count(*)`,
      maxPart: sql<number>`coalesce(max(${importStageParts.part}), -1)`,
      rows: sql<number>`coalesce(sum(${importStageParts.rowCount}), 0)`,
      bytes: sql<number>`coalesce(sum(${importStageParts.storedBytes}), 0)`,
    })
    .from(importStageParts)
    .where(and(eq(importStageParts.officeId, officeId), eq(importStageParts.stageId, stageId)));
  const r = rows[0];
  return {
    parts: Number(r?.parts ?? 0),
    maxPart: Number(r?.maxPart ?? -1),
    rows: Number(r?.rows ?? 0),
    bytes: Number(r?.bytes ?? 0),
  };
}

/** Bytes held by the office's open, unexpired stages: they count against the import quota. */
export async function stagedBytes(db: Db, officeId: string, now: number): Promise<number> {
  const rows = await db.all<{ total: number }>(sql`
    select coalesce(sum(p.stored_bytes), 0) as total
    from import_stage_parts p join import_stages s
      on s.office_id = p.office_id and s.id = p.stage_id
    where p.office_id = ${officeId} and s.status = 'open' and s.expires_at > ${now}`);
  return Number(rows[0]?.total ?? 0);
}

/** Refs of this part already staged by another part (a ref is unique in the whole import). */
export async function stagedRefsAmong(
  db: Db,
  officeId: string,
  stageId: string,
  part: number,
  refs: string[],
): Promise<{ ref: string; part: number }[]> {
  const out: { ref: string; part: number }[] = [];
  // 2,000 refs of at most 200 characters per bound array: under D1's 2 MB per value.
  for (let i = 0; i < refs.length; i += 2000) {
    out.push(
      ...(await db.all<{ ref: string; part: number }>(sql`
        select ref, part from import_stage_rows
        where office_id = ${officeId} and stage_id = ${stageId} and part <> ${part}
          and ref in (select value from json_each(${JSON.stringify(refs.slice(i, i + 2000))}))`)),
    );
  }
  return out;
}

export function insertStagePartStatement(db: Db, row: typeof importStageParts.$inferInsert) {
  return db.insert(importStageParts).values(row);
}

/** A part's rows as a few json_each inserts (one bound JSON array of ~1.5 MB each). */
export function insertStageRowsStatements(
  db: Db,
  officeId: string,
  stageId: string,
  part: number,
  chunks: string[],
) {
  const f = (key: string) => sql.raw(`json_extract(j.value, '$.${key}')`);
  return chunks.map((payload) =>
    db.run(sql`
      insert into import_stage_rows
        (office_id, stage_id, part, idx, ref, action, client_id, fields, client, issues, identity_key)
      select ${officeId}, ${stageId}, ${part}, ${f("idx")}, ${f("ref")}, ${f("action")},
        ${f("clientId")}, ${f("fields")}, ${f("client")}, ${f("issues")}, ${f("identityKey")}
      from json_each(${payload}) as j`),
  );
}

/**
 * Rows of different parts that are one client: the same identity key or the same claimed client
 * (within a part, reconcile has already made such rows invalid). Commit makes them invalid too.
 */
export function crossPartDuplicates(db: Db, officeId: string, stageId: string) {
  return db.all<{ part: number; idx: number; ref: string; key: string; action: string }>(sql`
    with live as (
      select part, idx, ref, action, identity_key, client_id from import_stage_rows
      where office_id = ${officeId} and stage_id = ${stageId} and action <> 'rejected'
    ),
    keyed as (
      select part, idx, ref, action, identity_key as key from live where identity_key is not null
      union all
      select part, idx, ref, action, 'existing:' || client_id as key from live
      where client_id is not null
    ),
    shared as (
      select key from keyed group by key having count(distinct part) > 1
    )
    select part, idx, ref, action, key from keyed where key in (select key from shared)
    order by key, part, idx`);
}

/** Marks staged rows rejected with their issues (JSON array of {part, idx, issues}). */
export function rejectStageRowsStatement(db: Db, officeId: string, stageId: string, json: string) {
  return db.run(sql`
    update import_stage_rows
    set action = 'rejected', client_id = null, fields = '[]', client = null,
      issues = (select json_extract(j.value, '$.issues') from json_each(${json}) as j
        where json_extract(j.value, '$.part') = import_stage_rows.part
          and json_extract(j.value, '$.idx') = import_stage_rows.idx)
    where office_id = ${officeId} and stage_id = ${stageId}
      and exists (select 1 from json_each(${json}) as j
        where json_extract(j.value, '$.part') = import_stage_rows.part
          and json_extract(j.value, '$.idx') = import_stage_rows.idx)`);
}

/** The staged rows' counts by action, after the duplicate check. */
export async function stageActionCounts(db: Db, officeId: string, stageId: string) {
  const rows = await db.all<{ action: string; n: number }>(sql`
    select action, count(*) as n from import_stage_rows
    where office_id = ${officeId} and stage_id = ${stageId} group by action`);
  const by = new Map(rows.map((r) => [r.action, Number(r.n)]));
  return {
    created: by.get("create") ?? 0,
    updated: by.get("update") ?? 0,
    unchanged: by.get("unchanged") ?? 0,
    rejected: by.get("rejected") ?? 0,
  };
}

/** The staged rows become the import's rows, numbered in part order, in one statement. */
export function moveStageRowsStatement(db: Db, officeId: string, stageId: string) {
  return db.run(sql`
    insert into import_rows (office_id, import_id, idx, ref, action, client_id, fields, client, issues)
    select office_id, ${stageId}, row_number() over (order by part, idx) - 1, ref, action,
      client_id, fields, client, issues
    from import_stage_rows where office_id = ${officeId} and stage_id = ${stageId}`);
}

/** What a committed or dropped stage leaves behind: its header only (for an idempotent commit). */
export function clearStageStatements(db: Db, officeId: string, stageId: string) {
  return [
    db
      .delete(importStageRows)
      .where(and(eq(importStageRows.officeId, officeId), eq(importStageRows.stageId, stageId))),
    db
      .delete(importStageParts)
      .where(and(eq(importStageParts.officeId, officeId), eq(importStageParts.stageId, stageId))),
  ];
}

/** Drops a stage's header (its rows and parts go with clearStageStatements). */
export function deleteStageStatement(db: Db, officeId: string, stageId: string) {
  return db
    .delete(importStages)
    .where(and(eq(importStages.officeId, officeId), eq(importStages.id, stageId)));
}

export function markStageCommittedStatement(db: Db, officeId: string, stageId: string) {
  return db
    .update(importStages)
    .set({ status: "committed" })
    .where(
      and(
        eq(importStages.officeId, officeId),
        eq(importStages.id, stageId),
        eq(importStages.status, "open"),
      ),
    );
}

/**
 * Open stages past their expiry, with their parts and rows, in bounded steps (all offices when
 * `officeId` is undefined: the cron). Committed stages keep their header for idempotent replays.
 */
export async function dropExpiredStages(
  db: Db,
  now: number,
  officeId?: string,
  limit = 20,
): Promise<number> {
  const expired = await db
    .select({ officeId: importStages.officeId, id: importStages.id })
    .from(importStages)
    .where(
      and(
        lt(importStages.expiresAt, now),
        eq(importStages.status, "open"),
        officeId ? eq(importStages.officeId, officeId) : undefined,
      ),
    )
    .limit(limit);
  for (const s of expired) {
    await runBatch(db, [
      ...clearStageStatements(db, s.officeId, s.id),
      deleteStageStatement(db, s.officeId, s.id),
    ]);
  }
  return expired.length;
}

/** The overwrites the staged rows will make, for the audit log. */
export function stagedOverwrites(db: Db, officeId: string, stageId: string) {
  return db.all<{ ref: string; clientId: string; fields: string }>(sql`
    select ref, client_id as clientId, fields from import_stage_rows
    where office_id = ${officeId} and stage_id = ${stageId} and action = 'update'
    order by part, idx`);
}
