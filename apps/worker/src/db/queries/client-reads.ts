/**
 * The read endpoints' queries (issue 17): prepared once per database (db/prepared.ts), every value
 * bound, each selecting the resource's JSON text stored with the client (`resource_json`, ADR 0030)
 * plus the few columns the endpoint decides with (ETag version, cursor, feed type) — never the whole
 * row. Values compared with indexed columns go in through `textParam`/`intParam` (prepared.ts says why).
 */
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { after } from "../../lib/awaitable.js";
import type { Db } from "../client.js";
import { bound, intParam, literalLimit, prepared, textParam } from "../prepared.js";
import { clients } from "../schema/index.js";
import { resourceJsonSql } from "./client-json.js";
import { registerDiffersCondition } from "./register.js";

const ph = sql.placeholder;
/** The office's live clients, the office bound per request. */
const liveHere = () => and(eq(clients.officeId, textParam("officeId")), isNull(clients.deletedAt));

/** What an ETag is made of (lib/etag.ts `ClientVersion`), with the resource's JSON. */
const versioned = {
  json: resourceJsonSql,
  id: clients.id,
  changeSeq: clients.changeSeq,
  notFoundUpstreamAt: clients.notFoundUpstreamAt,
};

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

/**
 * A page of the list, as a prepared read: one statement per shape (which filters the request
 * uses), every value bound. The row after the page is read too: it decides `nextCursor`.
 */
export function listClientsRead(db: Db, officeId: string, f: ClientFilter) {
  const rd = f.registerDiffers;
  const shape = [
    f.q && "q",
    f.enterpriseNumber && "en",
    f.kind && "kind",
    f.taskTemplate && "task",
    f.responsible && "resp",
    rd && (rd.version === null ? "rd0" : "rd"),
    f.after && "after",
  ].filter(Boolean);
  const query = prepared(db, `clients.list:${shape.join(",")}:${f.limit}`, () =>
    db
      // The name too: with the id, the sort key a list cursor holds.
      .select({ ...versioned, name: clients.name })
      .from(clients)
      .where(
        and(
          liveHere(),
          // instr, not LIKE: D1 caps LIKE patterns at 50 bytes.
          f.q ? sql`instr(${clients.searchText}, ${ph("q")}) > 0` : undefined,
          f.enterpriseNumber
            ? eq(clients.enterpriseNumber, textParam("enterpriseNumber"))
            : undefined,
          f.kind ? eq(clients.kind, textParam("kind")) : undefined,
          f.taskTemplate
            ? sql`exists (select 1 from json_each(${clients.taskTemplates}) where value = ${ph("taskTemplate")})`
            : undefined,
          f.responsible
            ? or(
                sql`${clients.responsibleUserName} = ${ph("responsible")} collate nocase`,
                eq(clients.responsibleUserId, textParam("responsible")),
              )
            : undefined,
          rd
            ? rd.version === null
              ? sql`0`
              : registerDiffersCondition(ph("registerVersion"))
            : undefined,
          f.after
            ? or(
                gt(clients.name, textParam("afterName")),
                and(eq(clients.name, textParam("afterName")), gt(clients.id, textParam("afterId"))),
              )
            : undefined,
        ),
      )
      .orderBy(asc(clients.name), asc(clients.id))
      .limit(literalLimit(f.limit + 1))
      .prepare(),
  );
  return bound(query, {
    officeId,
    q: f.q,
    enterpriseNumber: f.enterpriseNumber,
    kind: f.kind,
    taskTemplate: f.taskTemplate,
    responsible: f.responsible,
    registerVersion: rd?.version,
    afterName: f.after?.name,
    afterId: f.after?.id,
  });
}

/** The sort key of the row a list cursor points after (tombstones too: rows are never removed). */
export async function cursorAnchor(db: Db, officeId: string, id: string) {
  const query = prepared(db, "clients.anchor", () =>
    db
      .select({ name: clients.name, id: clients.id })
      .from(clients)
      .where(and(eq(clients.officeId, textParam("officeId")), eq(clients.id, textParam("id"))))
      .limit(literalLimit(1))
      .prepare(),
  );
  return query.get({ officeId, id });
}

const byId = () => and(liveHere(), eq(clients.id, textParam("id")));
const byEnterprise = () =>
  and(liveHere(), eq(clients.enterpriseNumber, textParam("enterpriseNumber")));
/** Its resource JSON, its version and its freshness (not the whole row). */
const oneRead = { ...versioned, refreshedAt: clients.refreshedAt };

/** One live client's resource JSON by id (at once on Bun: `db.$first`). */
export function clientJsonById(db: Db, officeId: string, id: string) {
  const q = prepared(db, "clients.jsonById", () =>
    db.select(oneRead).from(clients).where(byId()).limit(literalLimit(1)).prepare(),
  );
  return after(db.$first(bound(q, { officeId, id })), (row) => row ?? null);
}

/** One live client's full row by id. */
export async function getClientById(db: Db, officeId: string, id: string) {
  const q = prepared(db, "clients.byId", () =>
    db.select().from(clients).where(byId()).limit(literalLimit(1)).prepare(),
  );
  return (await q.get({ officeId, id })) ?? null;
}

/** The live client with this enterprise number (the first by id): its resource JSON. */
export function clientJsonByEnterprise(db: Db, officeId: string, enterpriseNumber: string) {
  const q = prepared(db, "clients.jsonByEnterprise", () =>
    db
      .select(oneRead)
      .from(clients)
      .where(byEnterprise())
      .orderBy(asc(clients.id))
      .limit(literalLimit(1))
      .prepare(),
  );
  return after(db.$first(bound(q, { officeId, enterpriseNumber })), (row) => row ?? null);
}

/**
 * A page of the change feed (and the change after it): tombstones too, each with what tells
 * `added` from `updated` and `deleted`.
 */
export function changesSinceRead(db: Db, officeId: string, cursor: number, limit: number) {
  const query = prepared(db, `clients.changes:${limit}`, () =>
    db
      .select({
        // A tombstone's resource is not sent.
        json: sql<
          string | null
        >`case when ${clients.deletedAt} is null then ${resourceJsonSql} end`,
        id: clients.id,
        changeSeq: clients.changeSeq,
        createdSeq: clients.createdSeq,
        deletedAt: clients.deletedAt,
      })
      .from(clients)
      .where(
        and(eq(clients.officeId, textParam("officeId")), gt(clients.changeSeq, intParam("cursor"))),
      )
      .orderBy(asc(clients.changeSeq))
      .limit(literalLimit(limit + 1))
      .prepare(),
  );
  return bound(query, { officeId, cursor });
}
