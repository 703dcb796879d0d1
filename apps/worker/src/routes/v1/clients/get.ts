import { createRoute } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { clientResourceJson, getClientById } from "../../../db/queries/clients.js";
import { cacheInfo, jsonText } from "../../../lib/cache-info.js";
import { notFound } from "../../../lib/errors.js";
import { clientEtag, matchesIfNoneMatch } from "../../../lib/etag.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { clientIdParamSchema, clientResponseSchema, notModified } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/clients/{id}",
  tags: ["clients"],
  operationId: "getClient",
  summary: "One cached client by id",
  description:
    "Served from the cache, with its freshness in `cache`. Send the `ETag` back as " +
    "`If-None-Match` to get a bodiless 304 when nothing changed.",
  middleware: [anyRole] as const,
  request: { params: clientIdParamSchema },
  responses: {
    200: jsonResponse("The client", clientResponseSchema, {
      data: exampleClient,
      cache: exampleCache,
    }),
    ...notModified,
    ...problems("validation_failed", "not_found"),
  },
});

export function registerGetClient(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const row = await getClientById(c.var.db, c.var.auth.officeId, c.req.valid("param").id);
    if (!row) throw notFound();
    const etag = clientEtag(row);
    const cache = cacheInfo(c, row.refreshedAt);
    c.header("ETag", etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    return jsonText(c, `{"data":${clientResourceJson(row)},"cache":${JSON.stringify(cache)}}`);
  });
}
