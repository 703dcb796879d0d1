import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import type { SealedSecret } from "../../crypto/credential-cipher.js";
import type { WebhookEventType } from "../../webhooks/events.js";
import { changesOf, type Db } from "../client.js";
import { webhookDeliveries, webhookEndpoints } from "../schema/index.js";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/**
 * A statement that queues `type` for every enabled endpoint of the office subscribed to it: the
 * outbox write that goes into the SAME atomic batch as the change it reports, so an event exists
 * if and only if its change committed. No endpoint, no row. `data` is the payload's `data`.
 *
 * With `feed`, the payload also carries the change-feed range this batch wrote: the statement must
 * come after the batch's `bumpOfficeSeqStatement`, so `offices.change_seq` is already the new end
 * and the range is `(change_seq - count, change_seq]`, as change-feed cursors `<epoch>.<position>`
 * (ADR 0020) — computed by SQLite inside the batch, so
 * it is exact even when another writer bumped the counter a moment before.
 */
export function emitStatement(
  db: Db,
  e: {
    officeId: string;
    type: WebhookEventType;
    now: number;
    data: Record<string, unknown>;
    feed?: { count: number };
    /** Only if this audit entry does not exist yet (events that are sent once per credential). */
    unlessAudited?: { action: string; credential: string };
    /** Only if this holds when the batch runs (an event for a change another request may win). */
    onlyIf?: SQL;
  },
) {
  const once = e.unlessAudited
    ? sql`and not exists (select 1 from audit_events a where a.office_id = ${e.officeId}
        and a.action = ${e.unlessAudited.action}
        and json_extract(a.details, '$.credential') = ${e.unlessAudited.credential})`
    : sql``;
  const data = e.feed
    ? sql`json_patch(json(${JSON.stringify(e.data)}), json_object(
        'afterCursor', coalesce(o.feed_epoch, '0') || '.' || (o.change_seq - cast(${e.feed.count} as integer)),
        'untilCursor', coalesce(o.feed_epoch, '0') || '.' || o.change_seq))`
    : sql`json(${JSON.stringify(e.data)})`;
  return db.run(sql`
    insert into webhook_deliveries
      (id, office_id, endpoint_id, event_type, payload, created_at, status, attempts, next_attempt_at)
    select 'msg_' || lower(hex(randomblob(16))), e.office_id, e.id, ${e.type},
      json_object('type', ${e.type}, 'timestamp', ${new Date(e.now).toISOString()}, 'data', ${data}),
      ${e.now}, 'pending', 0, ${e.now}
    from webhook_endpoints e join offices o on o.id = e.office_id
    where e.office_id = ${e.officeId} and e.enabled = 1
      and exists (select 1 from json_each(e.events) where value = ${e.type}) ${once}
      ${e.onlyIf ? sql`and (${e.onlyIf})` : sql``}`);
}

export function insertEndpointStatement(
  db: Db,
  row: Omit<EndpointRow, "secretCiphertext" | "secretIv" | "secretKeyId"> & {
    sealed: SealedSecret;
  },
) {
  const { sealed, ...rest } = row;
  return db.insert(webhookEndpoints).values({
    ...rest,
    secretCiphertext: sealed.ciphertext,
    secretIv: sealed.iv,
    secretKeyId: sealed.keyId,
  });
}

export async function countEndpoints(db: Db, officeId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.officeId, officeId));
  return r?.n ?? 0;
}

export function listEndpoints(db: Db, officeId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.officeId, officeId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
}

export async function getEndpoint(db: Db, officeId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.officeId, officeId), eq(webhookEndpoints.id, id)));
  return row ?? null;
}

export function updateEndpointStatement(
  db: Db,
  officeId: string,
  id: string,
  set: Partial<Omit<EndpointRow, "id" | "officeId" | "createdAt">>,
) {
  return db
    .update(webhookEndpoints)
    .set(set)
    .where(and(eq(webhookEndpoints.officeId, officeId), eq(webhookEndpoints.id, id)));
}

export function deleteEndpointStatements(db: Db, officeId: string, id: string) {
  return [
    db
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.officeId, officeId), eq(webhookDeliveries.endpointId, id))),
    db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.officeId, officeId), eq(webhookEndpoints.id, id))),
  ] as const;
}

/** An endpoint's deliveries, newest first, after a `(createdAt, id)` cursor. */
export function listDeliveries(
  db: Db,
  officeId: string,
  endpointId: string,
  opts: { limit: number; before?: { at: number; id: string } },
) {
  const b = opts.before;
  const d = webhookDeliveries;
  return db
    .select()
    .from(d)
    .where(
      and(
        eq(d.officeId, officeId),
        eq(d.endpointId, endpointId),
        b ? or(lt(d.createdAt, b.at), and(eq(d.createdAt, b.at), lt(d.id, b.id))) : undefined,
      ),
    )
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(opts.limit + 1);
}

export async function getDelivery(db: Db, officeId: string, endpointId: string, id: string) {
  const d = webhookDeliveries;
  const [row] = await db
    .select()
    .from(d)
    .where(and(eq(d.officeId, officeId), eq(d.endpointId, endpointId), eq(d.id, id)));
  return row ?? null;
}

/** Manual redelivery: the same message (same `webhook-id`), due now, with a fresh schedule. */
export function redeliverStatement(db: Db, officeId: string, id: string, now: number) {
  return db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(webhookDeliveries.officeId, officeId), eq(webhookDeliveries.id, id)));
}

export interface ClaimedDelivery {
  id: string;
  officeId: string;
  endpointId: string;
  payload: string;
  attempts: number;
  createdAt: number;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints in one statement (so two drainers — a
 * queue consumer and the cron — never take the same row) by pushing their due time `leaseMs`
 * ahead; a drainer that dies leaves them due again when the lease ends (at-least-once).
 */
export async function claimDueDeliveries(
  db: Db,
  opts: { now: number; limit: number; leaseMs: number; officeId?: string },
): Promise<ClaimedDelivery[]> {
  const office = opts.officeId ? sql`and d.office_id = ${opts.officeId}` : sql``;
  const rows = await db.all<{
    id: string;
    office_id: string;
    endpoint_id: string;
    payload: string;
    attempts: number;
    created_at: number;
  }>(sql`
    update webhook_deliveries set next_attempt_at = ${opts.now + opts.leaseMs}
    where id in (
      select d.id from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id and e.enabled = 1
      where d.status = 'pending' and d.next_attempt_at <= ${opts.now} ${office}
      order by d.next_attempt_at, d.created_at limit ${opts.limit})
    returning id, office_id, endpoint_id, payload, attempts, created_at`);
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    endpointId: r.endpoint_id,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at,
  }));
}

/** When the next pending delivery (of enabled endpoints) falls due, or null when none is pending. */
export async function nextDueAt(db: Db, officeId?: string): Promise<number | null> {
  const office = officeId ? sql`and d.office_id = ${officeId}` : sql``;
  const [row] = await db.all<{ at: number | null }>(sql`
    select min(d.next_attempt_at) as at from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id and e.enabled = 1
    where d.status = 'pending' ${office}`);
  return row?.at ?? null;
}

export function deliveredStatements(
  db: Db,
  d: { id: string; endpointId: string },
  now: number,
  status: number,
) {
  return [
    db
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        lastStatus: status,
        lastError: null,
        deliveredAt: now,
        nextAttemptAt: null,
      })
      .where(eq(webhookDeliveries.id, d.id)),
    db
      .update(webhookEndpoints)
      .set({ failingSince: null, lastSuccessAt: now })
      .where(eq(webhookEndpoints.id, d.endpointId)),
  ] as const;
}

/** A failed attempt: due again at `nextAt`, or given up (`failed`) when `nextAt` is null. */
export function attemptFailedStatements(
  db: Db,
  d: { id: string; endpointId: string },
  now: number,
  result: { status: number | null; error: string; nextAt: number | null },
) {
  return [
    db
      .update(webhookDeliveries)
      .set({
        status: result.nextAt === null ? "failed" : "pending",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        lastStatus: result.status,
        lastError: result.error,
        nextAttemptAt: result.nextAt,
      })
      .where(eq(webhookDeliveries.id, d.id)),
    db
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})` })
      .where(eq(webhookEndpoints.id, d.endpointId)),
  ] as const;
}

/**
 * Deletes finished deliveries (delivered or failed) created before `cutoff` (ms), at most `limit`
 * per call so one cron run stays small; pending ones are never touched (they still have retries).
 * Returns how many were deleted.
 */
export async function pruneDeliveries(db: Db, cutoff: number, limit: number): Promise<number> {
  const res = await db.run(sql`
    delete from ${webhookDeliveries} where rowid in (
      select rowid from ${webhookDeliveries}
      where status in ('delivered', 'failed') and created_at < ${cutoff}
      limit ${limit})`);
  return changesOf(res);
}
