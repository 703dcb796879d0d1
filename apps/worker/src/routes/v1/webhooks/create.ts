import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { createEndpoint, rotateSecret } from "../../../services/webhooks.js";
import {
  createdEndpointSchema,
  createEndpointBodySchema,
  endpointIdParamSchema,
  exampleEndpoint,
  toEndpointResource,
} from "./schema.js";

const exampleSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3ePfpYKkRZs=";

const createRouteDef = createRoute({
  method: "post",
  path: "/webhooks",
  tags: ["webhooks"],
  operationId: "createWebhook",
  summary: "Register a webhook endpoint (its signing secret is shown once)",
  description:
    "Events are POSTed as JSON `{type, timestamp, data}`, signed per the Standard Webhooks " +
    "specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 with the " +
    "`secret` of this response, which is stored encrypted and never shown again). Delivery is " +
    "at-least-once (deduplicate on `webhook-id`), retried with exponential backoff for about 24 " +
    "hours; an attempt times out after 10 s and redirects are not followed. See docs/webhooks.md. " +
    "Audited as `webhook.created`. At most WEBHOOK_MAX_ENDPOINTS (20) endpoints per office (409 " +
    `\`webhook_limit_reached\`). ${smallBodyLimit}`,
  middleware: [requireRole("admin")] as const,
  request: {
    body: jsonBody(createEndpointBodySchema, {
      url: "https://crm.example.be/hooks/pulsebridge",
      events: ["clients.changed", "clients.deleted"],
      description: "CRM mirror",
    }),
  },
  responses: {
    201: jsonResponse("Registered; `secret` is shown this once", createdEndpointSchema, {
      ...exampleEndpoint,
      lastSuccessAt: null,
      secret: exampleSecret,
    }),
    ...problems("forbidden", ...bodyCodes, "webhook_url_refused", "webhook_limit_reached"),
  },
});

const rotateRouteDef = createRoute({
  method: "post",
  path: "/webhooks/{id}/rotate-secret",
  tags: ["webhooks"],
  operationId: "rotateWebhookSecret",
  summary: "Replace an endpoint's signing secret (the new one is shown once)",
  description:
    "Deliveries from now on are signed with the new secret only; update the receiver first or " +
    "expect failed attempts (they are retried). Audited as `webhook.secret_rotated`.",
  middleware: [requireRole("admin")] as const,
  request: { params: endpointIdParamSchema },
  responses: {
    200: jsonResponse("The new secret, shown this once", createdEndpointSchema, {
      ...exampleEndpoint,
      secret: exampleSecret,
    }),
    ...problems("forbidden", "validation_failed", "not_found"),
  },
});

export function registerCreateWebhook(r: ReturnType<typeof createRouter>) {
  r.openapi(createRouteDef, async (c) => {
    const { endpoint, secret } = await createEndpoint(serviceContext(c), c.req.valid("json"));
    return c.json({ ...toEndpointResource(endpoint), secret }, 201);
  });

  r.openapi(rotateRouteDef, async (c) => {
    const { endpoint, secret } = await rotateSecret(serviceContext(c), c.req.valid("param").id);
    return c.json({ ...toEndpointResource(endpoint), secret }, 200);
  });
}
