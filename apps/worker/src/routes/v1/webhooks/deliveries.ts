import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import {
  getDelivery,
  getEndpoint,
  listDeliveries,
  redeliverStatement,
} from "../../../db/queries/webhooks.js";
import { decodeCursor, encodeCursor, timeIdCursor } from "../../../lib/cursor.js";
import { notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
import {
  deliveryParamSchema,
  deliverySchema,
  endpointIdParamSchema,
  exampleDelivery,
  toDeliveryResource,
} from "./schema.js";
import { webhookAudit } from "./shared.js";

const querySchema = z.strictObject({
  cursor: z.string().max(300).optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Deliveries per page."),
});

const listRoute = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  tags: ["webhooks"],
  operationId: "listWebhookDeliveries",
  summary: "An endpoint's delivery log, newest first",
  description:
    "Each event queued for the endpoint with its state, attempts, the last answer (HTTP status or " +
    "`timeout`, `network`, `redirect`, `url_refused`) and the body sent. Follow `nextCursor` for older ones. " +
    "Finished deliveries are kept `WEBHOOK_LOG_RETENTION_DAYS` (default 30) days; pending ones until they end. " +
    pageLimit(200, 50, "deliveries"),
  middleware: [requireRole("admin")] as const,
  request: { params: endpointIdParamSchema, query: querySchema },
  responses: {
    200: jsonResponse(
      "A page of deliveries",
      z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable() }),
      { data: [exampleDelivery], nextCursor: null },
    ),
    ...problems("forbidden", "validation_failed", "not_found"),
  },
});

const redeliverRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
  tags: ["webhooks"],
  operationId: "redeliverWebhook",
  summary: "Send a delivery again (same `webhook-id`), with a fresh retry schedule",
  description:
    "For a failed delivery, or to replay one a receiver lost. It is due at once; the response is " +
    "the delivery as queued (follow it in the log). An endpoint that is disabled must be enabled " +
    "first for it to go out. Audited as `webhook.redelivered`.",
  middleware: [requireRole("admin")] as const,
  request: { params: deliveryParamSchema },
  responses: {
    202: jsonResponse("Queued", deliverySchema, {
      ...exampleDelivery,
      status: "pending",
      nextAttemptAt: "2026-11-30T09:00:00.000Z",
    }),
    ...problems("forbidden", "validation_failed", "not_found"),
  },
});

export function registerWebhookDeliveries(r: ReturnType<typeof createRouter>) {
  r.openapi(listRoute, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const { officeId } = c.var.auth;
    if (!(await getEndpoint(c.var.db, officeId, id))) throw notFound();
    const before = decodeCursor(q.cursor, timeIdCursor);
    const rows = await listDeliveries(c.var.db, officeId, id, {
      limit: q.limit,
      ...(before ? { before: { at: before[0], id: before[1] } } : {}),
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(toDeliveryResource),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
      },
      200,
    );
  });

  r.openapi(redeliverRoute, async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    const { officeId } = c.var.auth;
    if (!(await getDelivery(c.var.db, officeId, id, deliveryId))) throw notFound();
    const now = c.var.services.now();
    await runBatch(c.var.db, [
      redeliverStatement(c.var.db, officeId, deliveryId, now),
      webhookAudit(c, {
        at: now,
        action: "webhook.redelivered",
        target: id,
        details: { deliveryId },
      }),
    ]);
    await c.var.services.notifyWebhooks?.(officeId);
    return c.json(
      toDeliveryResource((await getDelivery(c.var.db, officeId, id, deliveryId))!),
      202,
    );
  });
}
