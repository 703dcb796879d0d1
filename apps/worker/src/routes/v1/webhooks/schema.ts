import { z } from "@hono/zod-openapi";
import type { DeliveryRow, EndpointRow } from "../../../db/queries/webhooks.js";
import { type WebhookEventType, webhookEventTypeSchema } from "../../../webhooks/events.js";

const events = z
  .array(webhookEventTypeSchema)
  .min(1)
  .max(20)
  .refine((a) => new Set(a).size === a.length, "each event once")
  .describe("The events sent to this endpoint.");
const url = z
  .string()
  .max(2000)
  .describe(
    "Where events are POSTed: `https` to a public address (plain `http` only to a loopback host " +
      "on a development server). Checked again before every delivery; redirects are not followed.",
  );
const description = z.string().trim().max(200).describe("What the endpoint is for.");

export const createEndpointBodySchema = z.strictObject({
  url,
  events,
  description: description.optional(),
});

export const updateEndpointBodySchema = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    enabled: z
      .boolean()
      .optional()
      .describe(
        "false pauses deliveries (they wait, nothing is lost); true resumes them, also after the " +
          "server disabled a failing endpoint.",
      ),
  })
  .refine((b) => Object.keys(b).length > 0, "change at least one field");

const iso = z.string().describe("ISO 8601");
export const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(webhookEventTypeSchema),
    enabled: z.boolean(),
    disabledReason: z
      .enum(["failing", "admin"])
      .nullable()
      .describe(
        "`failing`: the server disabled it after a delivery failed for 24 hours with nothing " +
          "delivered meanwhile (audited as `webhook.disabled`); `admin`: an admin paused it.",
      ),
    disabledAt: iso.nullable(),
    failingSince: iso
      .nullable()
      .describe("First failed attempt since the last successful delivery; null while it works."),
    lastSuccessAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({
    id: "WebhookEndpoint",
    description: "A registered webhook endpoint; its signing secret is never returned again.",
  });

export const createdEndpointSchema = endpointSchema.extend({
  secret: z
    .string()
    .describe(
      "The signing secret (`whsec_…`), shown this once; verify deliveries with it (Standard Webhooks).",
    ),
});

export const deliverySchema = z
  .object({
    id: z.string().describe("The message id, sent as `webhook-id` (the same on every attempt)."),
    eventType: webhookEventTypeSchema,
    status: z
      .enum(["pending", "delivered", "failed"])
      .describe("`failed`: every attempt of the 24-hour schedule failed; redeliver to try again."),
    attempts: z.number().int(),
    createdAt: iso,
    nextAttemptAt: iso.nullable(),
    lastAttemptAt: iso.nullable(),
    lastStatus: z.number().int().nullable().describe("HTTP status of the last attempt."),
    lastError: z
      .string()
      .nullable()
      .describe("`timeout`, `network`, `redirect`, `http_<status>` or `url_refused`."),
    deliveredAt: iso.nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .describe("The body sent: `{type, timestamp, data}`."),
  })
  .meta({ id: "WebhookDelivery", description: "One event sent (or to send) to an endpoint." });

export const endpointIdParamSchema = z.strictObject({
  id: z.string().min(1).max(64).describe("The endpoint's `id`."),
});
export const deliveryParamSchema = endpointIdParamSchema.extend({
  deliveryId: z.string().min(1).max(64).describe("The delivery's `id` (`msg_…`)."),
});

const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toEndpointResource(r: EndpointRow): z.infer<typeof endpointSchema> {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: JSON.parse(r.events) as WebhookEventType[],
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    disabledAt: isoOf(r.disabledAt),
    failingSince: isoOf(r.failingSince),
    lastSuccessAt: isoOf(r.lastSuccessAt),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export function toDeliveryResource(r: DeliveryRow): z.infer<typeof deliverySchema> {
  return {
    id: r.id,
    eventType: r.eventType as WebhookEventType,
    status: r.status,
    attempts: r.attempts,
    createdAt: new Date(r.createdAt).toISOString(),
    nextAttemptAt: r.status === "pending" ? isoOf(r.nextAttemptAt) : null,
    lastAttemptAt: isoOf(r.lastAttemptAt),
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    deliveredAt: isoOf(r.deliveredAt),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  };
}

export const exampleEndpoint: z.infer<typeof endpointSchema> = {
  id: "0f5c2c1e-7a43-4d8e-9a52-3b8f0d6e1a27",
  url: "https://crm.example.be/hooks/pulsebridge",
  description: "CRM mirror",
  events: ["clients.changed", "clients.deleted"],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  lastSuccessAt: "2026-11-30T08:15:02.000Z",
  createdAt: "2026-11-02T09:00:00.000Z",
  updatedAt: "2026-11-02T09:00:00.000Z",
};

export const exampleDelivery: z.infer<typeof deliverySchema> = {
  id: "msg_5f0c8e1d2a3b4c5d6e7f8091a2b3c4d5",
  eventType: "clients.changed",
  status: "delivered",
  attempts: 1,
  createdAt: "2026-11-30T08:15:00.000Z",
  nextAttemptAt: null,
  lastAttemptAt: "2026-11-30T08:15:01.000Z",
  lastStatus: 204,
  lastError: null,
  deliveredAt: "2026-11-30T08:15:01.000Z",
  payload: {
    type: "clients.changed",
    timestamp: "2026-11-30T08:15:00.000Z",
    data: {
      runId: "run-1",
      count: 400,
      afterCursor: "9f3c1a7e5b2d4c6a.1288",
      untilCursor: "9f3c1a7e5b2d4c6a.1688",
    },
  },
};
