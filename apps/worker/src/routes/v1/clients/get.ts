import { createRoute } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import { readResponse } from "../../../lib/read-response.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { readClient } from "../../../services/client-reads.js";
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
  r.openapi(route, async (c) =>
    readResponse(c, await readClient(serviceContext(c), c.req.valid("param").id)),
  );
}
