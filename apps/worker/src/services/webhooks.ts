/**
 * An office's webhook endpoints and their delivery log (ADR 0022): register, change, rotate the
 * secret, delete, list deliveries, redeliver. Every change is audited (never the secret).
 */
import type { z } from "@hono/zod-openapi";
import { runBatch } from "../db/batch.js";
import {
  countEndpoints,
  deleteEndpointStatements,
  type EndpointRow,
  getDelivery,
  getEndpoint,
  insertEndpointStatement,
  listDeliveries as listDeliveryRows,
  listEndpoints as listEndpointRows,
  redeliverStatement,
  updateEndpointStatement,
} from "../db/queries/webhooks.js";
import { newestFirstPage } from "../lib/cursor.js";
import { ApiError, notFound } from "../lib/errors.js";
import type {
  createEndpointBodySchema,
  updateEndpointBodySchema,
} from "../routes/v1/webhooks/schema.js";
import { secretContext } from "../webhooks/deliver.js";
import { checkEndpointUrl } from "../webhooks/endpoint-url.js";
import { newWebhookSecret } from "../webhooks/signature.js";
import { auditEntry, type ServiceContext } from "./context.js";

/** The URL as it will be called, or a 400 `webhook_url_refused` naming the rule it breaks. */
function acceptedUrl(ctx: ServiceContext, raw: string): string {
  const verdict = checkEndpointUrl(raw, {
    allowLoopbackHttp: ctx.runtime.config.WEBHOOK_ALLOW_LOOPBACK_HTTP,
  });
  if (verdict.ok) return verdict.url.href;
  throw new ApiError("webhook_url_refused", `The webhook URL is refused: ${verdict.reason}.`, [
    { field: "url", code: "url_refused", message: verdict.reason },
  ]);
}

/** One of the office's endpoints (404 for any other id, another office's included). */
export async function readEndpoint(ctx: ServiceContext, id: string): Promise<EndpointRow> {
  const row = await getEndpoint(ctx.db, ctx.officeId, id);
  if (!row) throw notFound();
  return row;
}

export function listEndpoints(ctx: ServiceContext) {
  return listEndpointRows(ctx.db, ctx.officeId);
}

/** A new endpoint with a fresh signing secret, returned this once (stored encrypted). */
export async function createEndpoint(
  ctx: ServiceContext,
  input: z.infer<typeof createEndpointBodySchema>,
) {
  const { officeId } = ctx;
  const { config, cipher, now: clock } = ctx.runtime;
  const url = acceptedUrl(ctx, input.url);
  if ((await countEndpoints(ctx.db, officeId)) >= config.WEBHOOK_MAX_ENDPOINTS)
    throw new ApiError(
      "webhook_limit_reached",
      `This office has ${config.WEBHOOK_MAX_ENDPOINTS} webhook endpoints; delete one first.`,
    );
  const id = crypto.randomUUID();
  const secret = newWebhookSecret();
  const now = clock();
  const row = {
    id,
    officeId,
    url,
    description: input.description ?? "",
    events: JSON.stringify(input.events),
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    lastSuccessAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await runBatch(ctx.db, [
    insertEndpointStatement(ctx.db, {
      ...row,
      sealed: await cipher.seal(secret, secretContext(officeId, id)),
    }),
    auditEntry(ctx, {
      at: now,
      action: "webhook.created",
      target: id,
      details: { url, events: input.events },
    }),
  ]);
  return { endpoint: await readEndpoint(ctx, id), secret };
}

/** Deliveries from now on are signed with the new secret only. */
export async function rotateSecret(ctx: ServiceContext, id: string) {
  const { officeId } = ctx;
  const { cipher, now: clock } = ctx.runtime;
  await readEndpoint(ctx, id);
  const secret = newWebhookSecret();
  const sealed = await cipher.seal(secret, secretContext(officeId, id));
  const now = clock();
  await runBatch(ctx.db, [
    updateEndpointStatement(ctx.db, officeId, id, {
      secretCiphertext: sealed.ciphertext,
      secretIv: sealed.iv,
      secretKeyId: sealed.keyId,
      updatedAt: now,
    }),
    auditEntry(ctx, { at: now, action: "webhook.secret_rotated", target: id }),
  ]);
  return { endpoint: await readEndpoint(ctx, id), secret };
}

/** Changes what is given; re-enabling clears the failure state and sends what waited. */
export async function updateEndpoint(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof updateEndpointBodySchema>,
) {
  const { officeId } = ctx;
  const row = await readEndpoint(ctx, id);
  const now = ctx.runtime.now();
  const set: Partial<EndpointRow> = { updatedAt: now };
  if (input.url !== undefined) set.url = acceptedUrl(ctx, input.url);
  if (input.events !== undefined) set.events = JSON.stringify(input.events);
  if (input.description !== undefined) set.description = input.description;
  if (input.enabled === true && !row.enabled)
    Object.assign(set, {
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
    });
  if (input.enabled === false && row.enabled)
    Object.assign(set, { enabled: false, disabledReason: "admin", disabledAt: now });
  await runBatch(ctx.db, [
    updateEndpointStatement(ctx.db, officeId, id, set),
    auditEntry(ctx, {
      at: now,
      action: "webhook.updated",
      target: id,
      details: { changed: Object.keys(input), ...(set.url ? { url: set.url } : {}) },
    }),
  ]);
  // Resumed: what waited while it was paused or failing goes out now.
  if (set.enabled) await ctx.runtime.notifyWebhooks?.(officeId);
  return readEndpoint(ctx, id);
}

export async function deleteEndpoint(ctx: ServiceContext, id: string): Promise<void> {
  const row = await readEndpoint(ctx, id);
  await runBatch(ctx.db, [
    ...deleteEndpointStatements(ctx.db, ctx.officeId, id),
    auditEntry(ctx, {
      at: ctx.runtime.now(),
      action: "webhook.deleted",
      target: id,
      details: { url: row.url },
    }),
  ]);
}

/** A page of an endpoint's delivery log, newest first; `nextCursor` continues with older ones. */
export async function listDeliveries(
  ctx: ServiceContext,
  id: string,
  page: { cursor?: string | undefined; limit: number },
) {
  await readEndpoint(ctx, id);
  return newestFirstPage(
    page,
    (limit, before) =>
      listDeliveryRows(ctx.db, ctx.officeId, id, { limit, ...(before ? { before } : {}) }),
    (row) => row.createdAt,
  );
}

/** Queues a delivery again (same `webhook-id`), due at once, with a fresh retry schedule. */
export async function redeliver(ctx: ServiceContext, id: string, deliveryId: string) {
  const { db, officeId } = ctx;
  if (!(await getDelivery(db, officeId, id, deliveryId))) throw notFound();
  const now = ctx.runtime.now();
  await runBatch(db, [
    redeliverStatement(db, officeId, deliveryId, now),
    auditEntry(ctx, {
      at: now,
      action: "webhook.redelivered",
      target: id,
      details: { deliveryId },
    }),
  ]);
  await ctx.runtime.notifyWebhooks?.(officeId);
  const delivery = await getDelivery(db, officeId, id, deliveryId);
  if (!delivery) throw notFound();
  return delivery;
}
