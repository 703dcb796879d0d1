import { createRoute } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import { readResponse } from "../../../lib/read-response.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { readClientByEnterprise } from "../../../services/client-reads.js";
import {
  clientResponseSchema,
  enterpriseParamSchema,
  normalizeEnterprise,
  notModified,
} from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/enterprises/{number}/client",
  tags: ["clients"],
  operationId: "getClientByEnterprise",
  summary:
    "One client by enterprise number; staff and admin reads refresh it from AdminPulse when stale",
  description:
    "When the cached copy is older than the staleness limit (or missing) and the key is a staff or " +
    "admin key, the worker asks AdminPulse first: at most UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE " +
    "(30) times per key, waiting at most UPSTREAM_REFRESH_WAIT_MS (3 s). A service key never " +
    "calls AdminPulse: it gets the cache, with its age in `cache`. If AdminPulse is down, slow or " +
    "the allowance is used, the cached copy is served with `cache.stale: true` (a miss is a 404). " +
    "The former path `/v1/clients/by-enterprise/{number}` still answers the same.",
  middleware: [anyRole] as const,
  request: { params: enterpriseParamSchema },
  responses: {
    200: jsonResponse("The client", clientResponseSchema, {
      data: exampleClient,
      cache: exampleCache,
    }),
    ...notModified,
    ...problems("validation_failed", "not_found"),
  },
});

/** The first path, `/clients/by-enterprise/{number}`, clashed with `/clients/{id}/…`; it still answers, unpublished. */
export function registerGetClientByEnterprise(
  r: ReturnType<typeof createRouter>,
  path: string = route.path,
) {
  r.openapi({ ...route, path, hide: path !== route.path }, async (c) => {
    const number = normalizeEnterprise(c.req.valid("param").number, "number");
    const answer = await readClientByEnterprise(serviceContext(c), c.var.auth.role, number);
    return readResponse(c, answer);
  });
}
