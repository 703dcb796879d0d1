import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import {
  deleteEndpoint,
  listEndpoints,
  readEndpoint,
  updateEndpoint,
} from "../../../services/webhooks.js";
import {
  endpointIdParamSchema,
  endpointSchema,
  exampleEndpoint,
  toEndpointResource,
  updateEndpointBodySchema,
} from "./schema.js";

const tags = ["webhooks"];

const listRoute = createRoute({
  method: "get",
  path: "/webhooks",
  tags,
  operationId: "listWebhooks",
  summary: "List the office's webhook endpoints (never their secrets)",
  description: "Every endpoint with its state: enabled, or disabled by an admin or for failing.",
  middleware: [requireRole("admin")] as const,
  responses: {
    200: jsonResponse("The office's endpoints", z.object({ data: z.array(endpointSchema) }), {
      data: [exampleEndpoint],
    }),
    ...problems("forbidden"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/webhooks/{id}",
  tags,
  operationId: "getWebhook",
  summary: "One webhook endpoint (never its secret)",
  description: "`failingSince` and `disabledReason` say whether deliveries reach it.",
  middleware: [requireRole("admin")] as const,
  request: { params: endpointIdParamSchema },
  responses: {
    200: jsonResponse("The endpoint", endpointSchema, exampleEndpoint),
    ...problems("forbidden", "validation_failed", "not_found"),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/webhooks/{id}",
  tags,
  operationId: "updateWebhook",
  summary: "Change an endpoint's URL, events or description, or pause/resume it",
  description:
    "Only the fields sent change. `enabled: false` pauses deliveries (queued ones wait); " +
    "`enabled: true` resumes them and clears a `failing` disable. Audited as `webhook.updated`. " +
    smallBodyLimit,
  middleware: [requireRole("admin")] as const,
  request: {
    params: endpointIdParamSchema,
    body: jsonBody(updateEndpointBodySchema, { enabled: false }),
  },
  responses: {
    200: jsonResponse("The endpoint as changed", endpointSchema, {
      ...exampleEndpoint,
      enabled: false,
      disabledReason: "admin",
      disabledAt: "2026-11-30T09:00:00.000Z",
    }),
    ...problems("forbidden", ...bodyCodes, "not_found", "webhook_url_refused"),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags,
  operationId: "deleteWebhook",
  summary: "Delete an endpoint and its delivery log",
  description: "Queued deliveries are dropped. Audited as `webhook.deleted`.",
  middleware: [requireRole("admin")] as const,
  request: { params: endpointIdParamSchema },
  responses: {
    204: { description: "Deleted" },
    ...problems("forbidden", "validation_failed", "not_found"),
  },
});

export function registerManageWebhooks(r: ReturnType<typeof createRouter>) {
  r.openapi(listRoute, async (c) => {
    const rows = await listEndpoints(serviceContext(c));
    return c.json({ data: rows.map(toEndpointResource) }, 200);
  });

  r.openapi(getRoute, async (c) => {
    const row = await readEndpoint(serviceContext(c), c.req.valid("param").id);
    return c.json(toEndpointResource(row), 200);
  });

  r.openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await updateEndpoint(serviceContext(c), id, c.req.valid("json"));
    return c.json(toEndpointResource(row), 200);
  });

  r.openapi(deleteRoute, async (c) => {
    await deleteEndpoint(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
