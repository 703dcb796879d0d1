/**
 * The read lane (ADR 0027, issue 17): the four cached reads — `GET /v1/clients`, `/v1/clients/{id}`,
 * `/v1/enterprises/{n}/client` (and its former path) and `/v1/changes` — answered before the router
 * when everything about the request is ordinary: a key this isolate already verified (no last-used
 * write due), plain query text, input the routes' own zod schemas accept, and an answer the service
 * gives without asking AdminPulse. Anything else — no key, a bad key, a bad input, a stale client a
 * staff key would refresh, `register=differs` (it writes), an unexpected error — goes to the Hono app,
 * which answers exactly as before. The lane sends 200 and 304, and the services' own refusals (a
 * 404, a 410, a bad cursor) rendered as the app's error handler renders them (one query, not two).
 *
 * Why: on Bun the bare floor answers a one-client read in ~25 µs of CPU and the service itself in
 * ~22, but Hono's chain (router, five middlewares, validators, context headers) added ~55. The lane
 * calls the same services and validates with the same schemas; its headers are the router path's
 * (read-lane.test.ts compares them, body and status, on every read).
 */
import type { ApiRole } from "@pulsebridge/core";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { presentedKey, touchDue } from "../../auth/middleware.js";
import type { Config } from "../../config.js";
import type { Awaitable } from "../../lib/awaitable.js";
import { ApiError, problemBody } from "../../lib/errors.js";
import { matchesIfNoneMatchHeader } from "../../lib/etag.js";
import { callerRequestId, exposeHeaders } from "../../lib/frame.js";
import { apiSecurityHeaders } from "../../lib/security-headers.js";
import type { RuntimeResolver } from "../../runtime/runtime.js";
import { listChanges } from "../../services/changes.js";
import {
  cachedClientByEnterprise,
  listClients,
  type ReadAnswer,
  readClient,
} from "../../services/client-reads.js";
import type { ServiceContext } from "../../services/context.js";
import { changesQuerySchema } from "./changes/list.js";
import { listClientsInput, listQuerySchema } from "./clients/list.js";
import {
  clientIdParamSchema,
  enterpriseParamSchema,
  normalizeEnterprise,
} from "./clients/schema.js";

/**
 * The headers every lane answer carries — the frame's (CORS for an allowed origin, exposed headers,
 * `Vary`) and the ones Hono's secureHeaders middleware sets, read once from the middleware itself —
 * built once per allowed origin and copied per response: copying a `Headers` costs half of building
 * it from ~16 pairs (Bun, issue 17).
 */
const templates = new WeakMap<Config, Map<string, Headers>>();
/**
 * The template for this origin: the one already made as it is, without a promise (issue 17, Bun),
 * else a promise of the one made now.
 */
function headerTemplate(config: Config, origin: string | null): Headers | Promise<Headers> {
  const allowed = origin !== null && config.CORS_ORIGINS.includes(origin) ? origin : "";
  return templates.get(config)?.get(allowed) ?? makeTemplate(config, allowed);
}
async function makeTemplate(config: Config, allowed: string): Promise<Headers> {
  const probe = new Hono();
  probe.use(secureHeaders(apiSecurityHeaders));
  probe.get("/", (c) => c.body(null, 204));
  const made = new Headers((await probe.request("/")).headers);
  if (allowed) made.set("Access-Control-Allow-Origin", allowed);
  made.set("Access-Control-Expose-Headers", exposeHeaders);
  made.set("Vary", "Origin");
  let byOrigin = templates.get(config);
  if (!byOrigin) {
    byOrigin = new Map();
    templates.set(config, byOrigin);
  }
  byOrigin.set(allowed, made);
  return made;
}

/** Unreserved URL characters only: no escapes, so Hono's and the lane's decoding cannot differ. */
const plain = /^[A-Za-z0-9._~-]+$/;

type Read =
  | { kind: "list" | "changes"; query: Record<string, string> }
  | { kind: "one" | "enterprise"; param: string };

/** The read a GET's URL asks for, or null: another path, an escape, a repeated query key. */
export function readOf(url: string): Read | null {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return null;
  const q = url.indexOf("?", start);
  const path = q < 0 ? url.slice(start) : url.slice(start, q);
  const query: Record<string, string> = {};
  if (q >= 0 && q + 1 < url.length) {
    for (const pair of url.slice(q + 1).split("&")) {
      const eq = pair.indexOf("=");
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? "" : pair.slice(eq + 1);
      if (!plain.test(k) || (v !== "" && !plain.test(v)) || k in query) return null;
      query[k] = v;
    }
  }
  const parts = path.split("/");
  // ["", "v1", ...]
  if (parts[1] !== "v1") return null;
  if (parts.length === 3 && parts[2] === "clients") return { kind: "list", query };
  if (parts.length === 3 && parts[2] === "changes") return { kind: "changes", query };
  if (q >= 0) return null;
  const seg = parts.length === 4 ? parts[3]! : parts.length === 5 ? parts[3]! : "";
  if (!plain.test(seg)) return null;
  if (parts.length === 4 && parts[2] === "clients" && seg !== "by-enterprise")
    return { kind: "one", param: seg };
  if (parts.length === 5 && parts[2] === "enterprises" && parts[4] === "client")
    return { kind: "enterprise", param: seg };
  if (
    parts.length === 5 &&
    parts[2] === "clients" &&
    parts[3] === "by-enterprise" &&
    plain.test(parts[4]!)
  )
    return { kind: "enterprise", param: parts[4]! };
  return null;
}

export type Fetch = (
  request: Request,
  env?: unknown,
  executionCtx?: unknown,
) => Response | Promise<Response>;

/**
 * The app's fetch with the lane in front of it. Not `async` (issue 17): where the database answers
 * at once (bun:sqlite), so does the lane — one Response, no promise per step; D1's reads are awaited.
 */
export function withReadLane(resolve: RuntimeResolver, router: Fetch): Fetch {
  const lane: Fetch = (request, env, executionCtx) => {
    const read = request.method === "GET" ? readOf(request.url) : null;
    if (!read) return router(request, env, executionCtx);
    const runtime = resolve(env);
    const now = runtime.now();
    const presented = presentedKey(request.headers.get("authorization"));
    const key = presented && runtime.keyCache.get(presented.hash, presented.prefix, now);
    if (!key || touchDue(key, now)) return router(request, env, executionCtx);
    const template = headerTemplate(runtime.config, origin(request));
    // This origin's first answer: make its template, then answer as every later request does.
    if (template instanceof Promise) return template.then(() => lane(request, env, executionCtx));
    const ctx: ServiceContext = {
      officeId: key.officeId,
      actor: { keyId: key.id, name: key.name },
      db: runtime.db,
      runtime,
    };
    const headers = () => {
      const made = new Headers(template);
      const sent = request.headers.get("x-request-id");
      made.set("X-Request-Id", callerRequestId(sent) ?? crypto.randomUUID());
      return made;
    };
    // The service's own refusal (a 404, a 410 `change_feed_reset`, a 400 cursor) is rendered here
    // as the router's error handler renders it, so a miss is not queried a second time. Anything
    // else (a database error) goes to the router, which logs and answers it.
    const refused = (error: unknown) => {
      if (!(error instanceof ApiError)) return router(request, env, executionCtx);
      const made = headers();
      const { code, detail, errors } = error;
      const requestId = made.get("X-Request-Id")!;
      made.set("content-type", "application/problem+json");
      const body = JSON.stringify(problemBody(code, detail, requestId, errors));
      return new Response(body, { status: error.status, headers: made });
    };
    const answered = (answer: ReadAnswer | string | null) => {
      if (answer === null) return router(request, env, executionCtx);
      const made = headers();
      if (typeof answer === "string") {
        made.set("content-type", "application/json");
        return new Response(answer, { status: 200, headers: made });
      }
      made.set("ETag", answer.etag);
      if (answer.cache.ageSeconds !== null)
        made.set("X-Cache-Age", String(answer.cache.ageSeconds));
      if (matchesIfNoneMatchHeader(request.headers.get("if-none-match"), answer.etag))
        return new Response(null, { status: 304, headers: made });
      made.set("content-type", "application/json");
      return new Response(answer.body, { status: 200, headers: made });
    };
    let answer: Awaitable<ReadAnswer | string | null>;
    try {
      answer = serve(ctx, key.role, read);
    } catch (error) {
      return refused(error);
    }
    return answer instanceof Promise ? answer.then(answered, refused) : answered(answer);
  };
  return lane;
}

const origin = (request: Request) => request.headers.get("origin");

/** The service's answer, or null where the router must answer (it may ask AdminPulse, or write). */
function serve(
  ctx: ServiceContext,
  role: ApiRole,
  read: Read,
): Awaitable<ReadAnswer | string | null> {
  switch (read.kind) {
    case "one": {
      // The id's own schema, not the params object's: a strict object's parse was a large part
      // of a one-client read on Bun (issue 17).
      const p = clientIdParamSchema.shape.id.safeParse(read.param);
      return p.success ? readClient(ctx, p.data) : null;
    }
    case "enterprise": {
      const p = enterpriseParamSchema.safeParse({ number: read.param });
      if (!p.success) return null;
      const number = normalizeEnterprise(p.data.number, "number");
      // Only what needs no AdminPulse: a service key always, staff and admin on a fresh copy.
      return cachedClientByEnterprise(ctx, role, number);
    }
    case "list": {
      const p = listQuerySchema.safeParse(read.query);
      if (!p.success || p.data.register !== undefined) return null;
      return listClients(ctx, listClientsInput(p.data));
    }
    case "changes": {
      const p = changesQuerySchema.safeParse(read.query);
      return p.success ? listChanges(ctx, p.data) : null;
    }
  }
}
