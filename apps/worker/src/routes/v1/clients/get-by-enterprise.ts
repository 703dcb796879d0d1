import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../../app-env.js";
import { anyRole } from "../../../auth/middleware.js";
import { auditStatement } from "../../../db/queries/audit.js";
import {
  type ClientRow,
  clientResourceJson,
  getClientByAdminpulseId,
  getClientByEnterprise,
} from "../../../db/queries/clients.js";
import { takeRateSlot } from "../../../db/queries/sync.js";
import { cacheInfo, jsonText } from "../../../lib/cache-info.js";
import { notFound } from "../../../lib/errors.js";
import { clientEtag, matchesIfNoneMatch } from "../../../lib/etag.js";
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

/**
 * Whether this read may ask AdminPulse (issue 11): never for a service key (it reads the cache, so
 * a read-only integration cannot spend the office's AdminPulse budget), and for staff and admin
 * keys at most UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE times.
 */
async function mayRefresh(c: Context<AppEnv>): Promise<boolean> {
  const { role, keyId } = c.var.auth;
  if (role === "service") return false;
  const { config, now } = c.var.services;
  const slot = await takeRateSlot(
    c.var.db,
    `upstream-refresh:${keyId}`,
    now(),
    60_000,
    config.UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE,
  );
  return slot.granted;
}

/** Caseware-style refresh on open; any AdminPulse failure leaves the cache as it was. Audited. */
async function refreshFromUpstream(c: Context<AppEnv>, number: string, row: ClientRow | null) {
  const { db, services } = c.var;
  const { officeId, keyId, name } = c.var.auth;
  const source = await sourceForOffice(services, db, officeId);
  if (!source) return;
  const res = await source.findByEnterpriseNumber(number);
  let outcome = res.ok ? (res.value ? "found" : "absent") : res.error.kind;
  if (res.ok && res.value) {
    const cached = await getClientByAdminpulseId(db, officeId, res.value.adminpulseId);
    await refreshOne({ db, now: services.now }, officeId, res.value, cached);
  } else if (res.ok && row) {
    // Nobody has this number now: the cached client was deleted or renumbered; ask by id.
    const byId = await source.getRelation({
      adminpulseId: row.adminpulseId,
      uniqueIdentifier: row.uniqueIdentifier,
    });
    if (byId.ok) await refreshOne({ db, now: services.now }, officeId, byId.value, row);
    else outcome = byId.error.kind;
  }
  await auditStatement(db, {
    id: crypto.randomUUID(),
    officeId,
    at: services.now(),
    actorKeyId: keyId,
    actorName: name,
    action: "client.upstream_refresh",
    target: number,
    details: { outcome },
  });
}

/** Wait for `work` at most `ms`; past that the read answers from the cache (the work may finish later). */
async function withinBound(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

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
    if (stale && (await mayRefresh(c))) {
      await withinBound(
        refreshFromUpstream(c, number, row),
        services.config.UPSTREAM_REFRESH_WAIT_MS,
      );
      row = await getClientByEnterprise(db, officeId, number);
    }
    if (!row) throw notFound();
    const etag = clientEtag(row);
    const cache = cacheInfo(c, row.refreshedAt);
    c.header("ETag", etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    return jsonText(c, `{"data":${clientResourceJson(row)},"cache":${JSON.stringify(cache)}}`);
  });
}
