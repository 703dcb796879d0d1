import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { clients, syncTaskLinks } from "../schema/index.js";

/**
 * The tasks phase's staging (ADR 0012). One statement per task page, with ONE bound JSON array
 * (json_each, ADR 0006); `or ignore` makes a redone page a no-op.
 */
export function stageTaskLinksStatement(
  db: Db,
  officeId: string,
  runId: string,
  links: { relationUid: string; templateName: string }[],
) {
  const payload = JSON.stringify(links.map((l) => [l.relationUid, l.templateName]));
  return db.run(sql`
    insert or ignore into ${syncTaskLinks} (office_id, run_id, relation_uid, template_name)
    select ${officeId}, ${runId}, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
    from json_each(${payload}) as j`);
}

/**
 * This run's staged template names of the given relations (one page's), by relation uid, each list
 * sorted — through the staging table's primary key (office, run, relation).
 */
export async function stagedTemplates(
  db: Db,
  officeId: string,
  runId: string,
  relationUids: string[],
): Promise<Map<string, string[]>> {
  const staged = new Map<string, string[]>();
  if (relationUids.length === 0) return staged;
  const rows = await stagedTemplatesQuery(db, officeId, runId, relationUids);
  for (const r of rows)
    staged.set(r.relationUid, [...(staged.get(r.relationUid) ?? []), r.templateName]);
  return staged;
}

/** The query of `stagedTemplates` (its plan is checked in query-plans.test.ts). */
export function stagedTemplatesQuery(
  db: Db,
  officeId: string,
  runId: string,
  relationUids: string[],
) {
  return db
    .select({ relationUid: syncTaskLinks.relationUid, templateName: syncTaskLinks.templateName })
    .from(syncTaskLinks)
    .where(
      and(
        eq(syncTaskLinks.officeId, officeId),
        eq(syncTaskLinks.runId, runId),
        sql`${syncTaskLinks.relationUid} in (select value from json_each(${JSON.stringify(relationUids)}))`,
      ),
    )
    .orderBy(asc(syncTaskLinks.relationUid), asc(syncTaskLinks.templateName));
}

/** Every staged link of the office (a finished, failed or abandoned run's leftovers). */
export function clearTaskLinksStatement(db: Db, officeId: string) {
  return db.delete(syncTaskLinks).where(eq(syncTaskLinks.officeId, officeId));
}

/** `select <what> from` this run's staged links of the client in the outer query. */
const stagedOf = (runId: string, what = sql`l.template_name`) => sql`
  select ${what} from ${syncTaskLinks} as l
  where l.office_id = ${clients.officeId} and l.run_id = ${runId}
    and l.relation_uid = ${clients.uniqueIdentifier}`;

/**
 * Live clients whose stored template set differs from what this run's task scan staged, with the
 * staged names. A set comparison in SQL, so stored order never matters, and the result shrinks as
 * the differences are written: calling it again after a write is how the apply loop resumes.
 * Without `removals` (the task count moved during the scan, so a task may have been skipped) only
 * clients gaining a template count as different.
 */
export function templateDrift(
  db: Db,
  officeId: string,
  runId: string,
  opts: { removals: boolean; limit: number },
) {
  const gains = sql`exists (${stagedOf(runId)}
    and l.template_name not in (select value from json_each(${clients.taskTemplates})))`;
  const losses = sql`exists (select 1 from json_each(${clients.taskTemplates}) as t
    where t.value not in (${stagedOf(runId)}))`;
  return db
    .select({
      client: clients,
      staged: sql<string>`(${stagedOf(runId, sql`json_group_array(l.template_name)`)})`,
    })
    .from(clients)
    .where(
      and(
        eq(clients.officeId, officeId),
        isNull(clients.deletedAt),
        opts.removals ? sql`(${gains} or ${losses})` : gains,
      ),
    )
    .orderBy(asc(clients.id))
    .limit(opts.limit);
}

/**
 * Write new template sets (and their content hashes) to live clients, each with its own change_seq
 * (office counter + k, as the upsert does), in one statement with one bound JSON array. Relation
 * fields, `refreshed_at` and `last_seen_run` stay: only the templates were re-read.
 */
export function updateTemplatesStatement(
  db: Db,
  officeId: string,
  now: number,
  writes: { id: string; taskTemplates: string[]; contentHash: string; k: number }[],
) {
  const payload = JSON.stringify(
    writes.map((w) => ({
      id: w.id,
      tt: JSON.stringify(w.taskTemplates),
      h: w.contentHash,
      k: w.k,
    })),
  );
  return db.run(sql`
    update clients set
      task_templates = (select json_extract(j.value, '$.tt') from json_each(${payload}) as j
        where json_extract(j.value, '$.id') = clients.id),
      content_hash = (select json_extract(j.value, '$.h') from json_each(${payload}) as j
        where json_extract(j.value, '$.id') = clients.id),
      change_seq = (select change_seq from offices where id = ${officeId})
        + (select json_extract(j.value, '$.k') from json_each(${payload}) as j
           where json_extract(j.value, '$.id') = clients.id),
      updated_at = ${now}
    where office_id = ${officeId} and deleted_at is null
      and id in (select json_extract(value, '$.id') from json_each(${payload}))`);
}
