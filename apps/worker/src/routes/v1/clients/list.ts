import { createRoute, type z } from "@hono/zod-openapi";
import { clientListQuerySchema, clientListResponseSchema } from "@pulsebridge/core";
import { registerFilterSchema } from "@pulsebridge/kbo/portable";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import { readResponse } from "../../../lib/read-response.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { listClients } from "../../../services/client-reads.js";
import { normalizeEnterprise, notModified } from "./schema.js";

export const listQuerySchema = clientListQuerySchema.extend({
  register: registerFilterSchema
    .optional()
    .describe(
      "`differs`: clients whose enterprise number is not in the register or whose data differs from it.",
    ),
});

const route = createRoute({
  method: "get",
  path: "/clients",
  tags: ["clients"],
  operationId: "listClients",
  summary: "List cached clients (filters, cursor pagination, ETag)",
  description:
    "Clients by name, then id. Filters combine. Follow `nextCursor` until it is null; to keep a " +
    "copy up to date afterwards, read `/v1/changes` instead of listing again. Limits: 1–1000 " +
    "clients a page (default 100); `cursor` at most 200 characters (it holds the last client's " +
    "name and id, so a client renamed between two pages never moves where the next one starts; " +
    "for a name too long for it, a renamed client makes the cursor stale: 400 `validation_failed` " +
    "with `cursor_stale`, list again); `q`, `taskTemplate` and `responsible` at most 200 characters (400 " +
    "`validation_failed`).",
  middleware: [anyRole] as const,
  request: { query: listQuerySchema },
  responses: {
    200: jsonResponse("A page of clients", clientListResponseSchema, {
      data: [exampleClient],
      nextCursor: "WyJCYWtrZXJpaiBKYW5zc2VucyBCViIsIjAxSjlaOFE0UjZXM1QyWTdYNVYxTjBNOEtQIl0",
      cache: exampleCache,
    }),
    ...notModified,
    ...problems("validation_failed"),
  },
});

/** The list's query as the service takes it (the router and the read lane both pass it through here). */
export function listClientsInput(q: z.infer<typeof listQuerySchema>) {
  const enterpriseNumber = q.enterpriseNumber
    ? normalizeEnterprise(q.enterpriseNumber, "enterpriseNumber")
    : undefined;
  return { ...q, enterpriseNumber };
}

export function registerListClients(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) =>
    readResponse(c, await listClients(serviceContext(c), listClientsInput(c.req.valid("query")))),
  );
}
