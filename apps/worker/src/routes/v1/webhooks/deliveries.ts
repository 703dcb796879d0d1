import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
import { listDeliveries, redeliver } from "../../../services/webhooks.js";
import {
  deliveryParamSchema,
  deliverySchema,
  endpointIdParamSchema,
  exampleDelivery,
  toDeliveryResource,
} from "./schema.js";

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
    const page = await listDeliveries(
      serviceContext(c),
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json({ data: page.data.map(toDeliveryResource), nextCursor: page.nextCursor }, 200);
  });

  r.openapi(redeliverRoute, async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    const delivery = await redeliver(serviceContext(c), id, deliveryId);
    return c.json(toDeliveryResource(delivery), 202);
  });
}
