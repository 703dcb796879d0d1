import { differingStatuses, type QueryAll, type SqlValue } from "@pulsebridge/kbo/portable";
import { and, asc, eq, isNull, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { clientRegisterChecks, clients } from "../schema/index.js";

/**
 * The register reader's `queryAll` over the app's database. Through drizzle rather than the raw
 * D1 handle, so the same code serves D1 and the Bun/SQLite runtime. The register's SQL (from
 * @pulsebridge/kbo) uses `?` placeholders and never a literal `?`.
 */
export function registerQueryAll(db: Db): QueryAll {
  return async (text: string, params: SqlValue[]) => {
    const parts = text.split("?");
    if (parts.length !== params.length + 1) throw new Error("placeholder count mismatch");
    const chunks: SQL[] = [sql.raw(parts[0] ?? "")];
    params.forEach((p, i) => {
      chunks.push(sql`${p}`, sql.raw(parts[i + 1] ?? ""));
    });
    return db.all<Record<string, unknown>>(sql.join(chunks));
  };
}

/**
 * Which register the stored statuses were computed against: the last extract applied completely.
 * A new load or update changes it, which makes every stored status stale.
 */
export async function registerVersion(db: Db): Promise<string | null> {
  const rows = await db.all<{ extract_number: number; extract_type: string; finished_at: string }>(
    sql`select extract_number, extract_type, finished_at from kbo_meta
      where finished_at is not null order by finished_at desc, extract_number desc limit 1`,
  );
  const r = rows[0];
  return r ? `${r.extract_type}:${r.extract_number}:${r.finished_at}` : null;
}

/** Live clients with an enterprise number whose stored status is missing or stale. */
export function staleRegisterClients(db: Db, officeId: string, version: string, limit: number) {
  return db
    .select({ client: clients })
    .from(clients)
    .leftJoin(
      clientRegisterChecks,
      and(
        eq(clientRegisterChecks.officeId, clients.officeId),
        eq(clientRegisterChecks.clientId, clients.id),
      ),
    )
    .where(
      and(
        eq(clients.officeId, officeId),
        isNull(clients.deletedAt),
        sql`${clients.enterpriseNumber} is not null`,
        sql`(${clientRegisterChecks.clientId} is null
          or ${clientRegisterChecks.contentHash} <> ${clients.contentHash}
          or ${clientRegisterChecks.registerVersion} <> ${version})`,
      ),
    )
    .orderBy(asc(clients.id))
    .limit(limit);
}

export interface StoredCheck {
  clientId: string;
  contentHash: string;
  status: string;
  snapshotDate: string | null;
}

/** Stores statuses in ONE statement with ONE bound JSON array (D1's 100-parameter cap). */
export async function storeRegisterChecks(
  db: Db,
  officeId: string,
  version: string,
  now: number,
  checks: StoredCheck[],
) {
  if (checks.length === 0) return;
  const payload = JSON.stringify(
    checks.map((c) => ({ id: c.clientId, h: c.contentHash, s: c.status, d: c.snapshotDate })),
  );
  await db.run(sql`
    insert into client_register_checks (office_id, client_id, content_hash, register_version, status, snapshot_date, checked_at)
    select ${officeId}, json_extract(j.value, '$.id'), json_extract(j.value, '$.h'), ${version},
      json_extract(j.value, '$.s'), json_extract(j.value, '$.d'), ${now}
    from json_each(${payload}) as j where true
    on conflict (office_id, client_id) do update set content_hash = excluded.content_hash,
      register_version = excluded.register_version, status = excluded.status,
      snapshot_date = excluded.snapshot_date, checked_at = excluded.checked_at`);
}

/** The list filter: a current stored status that differs (current = same hash, same register). */
export function registerDiffersCondition(version: string | Placeholder): SQL {
  return sql`exists (select 1 from client_register_checks r
    where r.office_id = ${clients.officeId} and r.client_id = ${clients.id}
      and r.content_hash = ${clients.contentHash} and r.register_version = ${version}
      and r.status in (${sql.join(
        differingStatuses.map((s) => sql`${s}`),
        sql`, `,
      )}))`;
}

/** Live clients of the office among `ids` (scoping in the query: another office's id is absent). */
export function liveClientsByIds(db: Db, officeId: string, ids: string[]) {
  return db
    .select()
    .from(clients)
    .where(
      and(
        eq(clients.officeId, officeId),
        isNull(clients.deletedAt),
        sql`${clients.id} in (select value from json_each(${JSON.stringify(ids)}))`,
      ),
    );
}
