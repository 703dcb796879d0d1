import { createRoute } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { getClientById, toClientResource } from "../../../db/queries/clients.js";
import { cacheInfo } from "../../../lib/cache-info.js";
import { notFound } from "../../../lib/errors.js";
import { etagOf, matchesIfNoneMatch } from "../../../lib/etag.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { clientIdParamSchema, clientResponseSchema, notModified } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/clients/{id}",
  tags: ["clients"],
  summary: "One cached client by id",
  middleware: [anyRole] as const,
  request: { params: clientIdParamSchema },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: clientResponseSchema } } },
    ...notModified,
    ...problemResponses,
  },
});

export function registerGetClient(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const row = await getClientById(c.var.db, c.var.auth.officeId, c.req.valid("param").id);
    if (!row) throw notFound();
    const data = toClientResource(row);
    const cache = await cacheInfo(c, row.refreshedAt);
    const etag = await etagOf(data);
    c.header("ETag", etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    return c.json({ data, cache }, 200);
  });
}
