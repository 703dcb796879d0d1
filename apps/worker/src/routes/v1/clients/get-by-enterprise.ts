import { createRoute } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import {
  getClientByAdminpulseId,
  getClientByEnterprise,
  toClientResource,
} from "../../../db/queries/clients.js";
import { cacheInfo } from "../../../lib/cache-info.js";
import { notFound } from "../../../lib/errors.js";
import { etagOf, matchesIfNoneMatch } from "../../../lib/etag.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { refreshOne } from "../../../sync/engine.js";
import { sourceForOffice } from "../../../sync/office-source.js";
import { normalizeEnterprise } from "./list.js";
import { clientResponseSchema, enterpriseParamSchema, notModified } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/enterprises/{number}/client",
  tags: ["clients"],
  operationId: "getClientByEnterprise",
  summary: "One client by enterprise number; refreshed from AdminPulse when stale",
  description:
    "When the cached copy is older than the staleness limit (or missing) the worker asks AdminPulse " +
    "first. If AdminPulse is down, the cached copy is served with `cache.stale: true`. " +
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
    const { officeId } = c.var.auth;
    const { db, services } = c.var;
    let row = await getClientByEnterprise(db, officeId, number);
    const stale =
      !row || services.now() - row.refreshedAt > services.config.CACHE_STALE_SECONDS * 1000;
    if (stale) {
      // Caseware-style refresh on open; any AdminPulse failure falls back to the cache.
      const source = await sourceForOffice(services, db, officeId);
      const res = source ? await source.findByEnterpriseNumber(number) : null;
      if (source && res?.ok) {
        if (res.value) {
          const cached = await getClientByAdminpulseId(db, officeId, res.value.adminpulseId);
          await refreshOne({ db, now: services.now }, officeId, res.value, cached);
        } else if (row) {
          // Nobody has this number now: the cached client was deleted or renumbered; ask by id.
          const byId = await source.getById(row.adminpulseId);
          if (byId.ok) await refreshOne({ db, now: services.now }, officeId, byId.value, row);
        }
        row = await getClientByEnterprise(db, officeId, number);
      }
    }
    if (!row) throw notFound();
    const data = toClientResource(row);
    const cache = await cacheInfo(c, row.refreshedAt);
    const etag = await etagOf(data);
    c.header("ETag", etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    return c.json({ data, cache }, 200);
  });
}
