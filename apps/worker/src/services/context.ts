/**
 * What every service call gets (ADR 0024): the office it is scoped to, who acts, the database and
 * the runtime (clock, config, cipher, key cache, AdminPulse source, webhook wake-up). Routes build
 * it from the request (`serviceContext` in lib/service-context.ts); the cron and the Bun entry build
 * their own with an actor of their own.
 */

import type { Db } from "../db/client.js";
import { auditStatement } from "../db/queries/audit.js";
import type { Runtime } from "../runtime/runtime.js";

export interface Actor {
  /** The API key that acted; null for the worker's own jobs (cron). */
  keyId: string | null;
  /** The key's name, or the job's ("cron"). */
  name: string;
}

export interface ServiceContext {
  officeId: string;
  actor: Actor;
  db: Db;
  runtime: Runtime;
}

/**
 * The audit event of a change the context's actor made: a statement for the change's own batch, so
 * the event commits with the change or not at all.
 */
export function auditEntry(
  ctx: ServiceContext,
  e: {
    at: number;
    action: string;
    target?: string | null;
    details?: Record<string, unknown>;
    /** The person behind the key, as the calling tool named them (pushes). */
    person?: string;
  },
) {
  return auditStatement(ctx.db, {
    id: crypto.randomUUID(),
    officeId: ctx.officeId,
    at: e.at,
    actorKeyId: ctx.actor.keyId,
    actorName: ctx.actor.name,
    action: e.action,
    target: e.target ?? null,
    details: e.details ?? {},
    ...(e.person !== undefined ? { actorPerson: e.person } : {}),
  });
}

/** The acting key's id, for what only a key does (a push records its key; the cron never pushes). */
export function actingKey(ctx: ServiceContext): string {
  if (ctx.actor.keyId === null) throw new Error(`${ctx.actor.name} has no API key to act with`);
  return ctx.actor.keyId;
}
