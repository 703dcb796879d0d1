/**
 * The stand-in AdminPulse API as a Hono app: same paths, paging envelope, bare arrays, ddMMyyyy
 * filters, Bearer tokens with scopes and the 480/min limit as adminpulse-api.md describes (facts)
 * or assumes (U1–U15). Error bodies are AdminPulse-style `{ message }`, not problem+json, because
 * this server imitates their API rather than ours.
 */
import { randomBytes } from "node:crypto";
import { type Context, Hono, type Next } from "hono";
import { applyControls, type CallRecord, type ControlState } from "./controls.js";
import type { ApiRelation, Office } from "./data/office.js";
import { rng } from "./data/prng.js";
import { fromAdminPulseDate } from "./dates.js";
import {
  listedRelations,
  omitTotal,
  refusesKey,
  shapeRelation,
  shapeRelationEnvelope,
} from "./modes.js";
import { createSlidingWindow } from "./rate-window.js";

/** The scopes of the resources the stand-in serves (the ones PulseBridge reads). */
export const allScopes = ["relations", "tasks", "users"].flatMap((r) => [
  `${r}.read`,
  `${r}.write`,
]);

export type TokenGrant = { label: string; scopes: string[]; expiresAt?: number };
export type OAuthClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type StandInState = {
  office: Office;
  controls: ControlState;
  tokens: Map<string, TokenGrant>;
  mainToken: string;
  oauthClients: OAuthClient[];
  accessTokenTtlSeconds: number;
  rateLimit: { limit: number; windowMs: number };
  log: CallRecord[];
  startedAt: number;
  /** Resolvers of hanging requests, released on close. */
  hanging: Set<() => void>;
};

type Env = { Variables: { grant: TokenGrant | null } };

const maxLog = 200_000;
const message = (c: Context, status: 400 | 401 | 404 | 429 | 500, text: string) =>
  c.json({ message: text }, status);

export function createApp(state: StandInState) {
  const app = new Hono<Env>();
  const window = createSlidingWindow(state.rateLimit.limit, state.rateLimit.windowMs);
  const faultRng = rng(state.office.seed ^ 0x5eed);
  const codes = new Map<string, { clientId: string; redirectUri: string; scopes: string[] }>();
  const refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  let relationListCalls = 0;
  const pageReads = new Map<number, number>();
  const filterCache = new Map<string, { version: number; list: Int32Array }>();
  const taskFilterCache = new Map<string, Int32Array>();
  const now = () => performance.now() - state.startedAt;

  // ---- test controls (not part of AdminPulse) ----------------------------------------------
  app.post("/__control", async (c) => {
    if (c.req.header("authorization") !== `Bearer ${state.mainToken}`)
      return message(c, 401, "control needs the main token");
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== "object") return message(c, 400, "JSON body expected");
    const { mutate, ...rest } = body;
    try {
      applyControls(state.controls, rest);
    } catch (e) {
      return message(c, 400, e instanceof Error ? e.message : "invalid controls");
    }
    if (mutate && typeof mutate === "object")
      state.office.mutate(mutate as { add?: number; edit?: number; delete?: number });
    return c.json({ controls: state.controls, relations: state.office.size });
  });
  app.get("/__control/calls", (c) => {
    if (c.req.header("authorization") !== `Bearer ${state.mainToken}`)
      return message(c, 401, "control needs the main token");
    return c.json({ calls: state.log });
  });

  // ---- OAuth (U1: standard authorization-code flow; AdminPulse's real URLs are unknown) ------
  app.get("/oauth/authorize", (c) => {
    const q = c.req.query();
    const client = state.oauthClients.find((x) => x.clientId === q.client_id);
    if (!client) return message(c, 400, "unknown client_id");
    if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri))
      return message(c, 400, "redirect_uri is not registered for this client");
    if (q.response_type !== "code") return message(c, 400, "response_type must be code");
    const code = randomBytes(16).toString("base64url");
    const scopes = q.scope
      ? q.scope.split(/[\s,]+/).filter((s) => allScopes.includes(s))
      : allScopes;
    codes.set(code, { clientId: client.clientId, redirectUri: q.redirect_uri, scopes });
    const target = new URL(q.redirect_uri);
    target.searchParams.set("code", code);
    if (q.state) target.searchParams.set("state", q.state);
    return c.redirect(target.toString(), 302);
  });
  app.post("/oauth/token", async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const f = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : undefined);
    const client = state.oauthClients.find(
      (x) => x.clientId === f("client_id") && x.clientSecret === f("client_secret"),
    );
    if (!client) return c.json({ error: "invalid_client" }, 401);
    let scopes: string[];
    if (f("grant_type") === "authorization_code") {
      const grant = codes.get(f("code") ?? "");
      codes.delete(f("code") ?? "");
      if (!grant || grant.clientId !== client.clientId || grant.redirectUri !== f("redirect_uri"))
        return c.json({ error: "invalid_grant" }, 400);
      scopes = grant.scopes;
    } else if (f("grant_type") === "refresh_token") {
      const grant = refreshTokens.get(f("refresh_token") ?? "");
      if (!grant || grant.clientId !== client.clientId)
        return c.json({ error: "invalid_grant" }, 400);
      refreshTokens.delete(f("refresh_token") ?? "");
      scopes = grant.scopes;
    } else return c.json({ error: "unsupported_grant_type" }, 400);
    const accessToken = randomBytes(24).toString("base64url");
    const refreshToken = randomBytes(24).toString("base64url");
    state.tokens.set(accessToken, {
      label: "oauth",
      scopes,
      expiresAt: Date.now() + state.accessTokenTtlSeconds * 1000,
    });
    refreshTokens.set(refreshToken, { clientId: client.clientId, scopes });
    return c.json({
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: state.accessTokenTtlSeconds,
      refresh_token: refreshToken,
      scope: scopes.join(" "),
    });
  });

  // ---- the API: log → latency → auth → limit → faults → handler ------------------------------
  app.use("*", async (c, next) => {
    const at = now();
    c.set("grant", null);
    let outcome: CallRecord["outcome"] = "ok";
    c.header("x-standin-outcome", "ok");
    await next();
    outcome =
      (c.res.headers.get("x-standin-outcome") as CallRecord["outcome"] | null) ??
      (c.res.status >= 400 ? "error" : "ok");
    if (outcome === "ok" && c.res.status >= 400) outcome = "error";
    if (state.log.length >= maxLog) state.log.splice(0, maxLog / 10);
    state.log.push({
      at,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      tokenLabel: c.get("grant")?.label ?? null,
      outcome,
    });
  });
  // Latency means "answered latencyMs after arrival": the stand-in's own work happens inside that
  // time, as it would on a remote API, instead of being added on top of it.
  app.use("*", async (_c, next) => {
    const arrived = performance.now();
    await next();
    const left = state.controls.latencyMs - (performance.now() - arrived);
    if (left > 0) await sleep(left);
  });
  app.use("*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return message(c, 401, "Authorization header with a Bearer access token is missing");
    const token = m[1] as string;
    const grant = state.tokens.get(token);
    if (!grant) return message(c, 401, "The access token is invalid");
    const expiresAt =
      grant.label === "oauth"
        ? grant.expiresAt
        : (state.controls.tokenExpiresAt ?? grant.expiresAt);
    if (expiresAt !== undefined && expiresAt < Date.now())
      return message(c, 401, "The access token has expired");
    c.set("grant", grant);
    const waitMs = window.take(token, now());
    if (waitMs > 0) {
      c.header("x-standin-outcome", "rate_limited");
      c.header("retry-after", String(Math.max(1, Math.ceil(waitMs / 1000))));
      return message(c, 429, "Rate limit of 480 calls per minute exceeded");
    }
    if (state.controls.rateLimitNext > 0) {
      state.controls.rateLimitNext -= 1;
      c.header("x-standin-outcome", "injected");
      c.header("retry-after", String(state.controls.retryAfterSeconds));
      return message(c, 429, "Rate limit exceeded");
    }
    if (
      state.controls.serverErrorNext > 0 ||
      (state.controls.serverErrorRate > 0 && faultRng.next() < state.controls.serverErrorRate)
    ) {
      if (state.controls.serverErrorNext > 0) state.controls.serverErrorNext -= 1;
      c.header("x-standin-outcome", "injected");
      return c.json(
        { message: "An unexpected error occurred" },
        state.controls.serverErrorStatus as 500,
      );
    }
    const after = state.controls.hangAfter;
    const afterHit =
      after !== null && (after.path === undefined || c.req.path.startsWith(after.path));
    if (afterHit && after.calls > 0) after.calls -= 1;
    else if (state.controls.hangNext > 0 || afterHit) {
      if (!afterHit) state.controls.hangNext -= 1;
      await new Promise<void>((resolve) => {
        const release = () => {
          state.hanging.delete(release);
          resolve();
        };
        state.hanging.add(release);
        c.req.raw.signal.addEventListener("abort", release, { once: true });
      });
      c.header("x-standin-outcome", "injected");
      return message(c, 500, "hung request released");
    }
    if (state.controls.malformedNext > 0) {
      state.controls.malformedNext -= 1;
      c.header("x-standin-outcome", "injected");
      return c.body('{"results":[{"id":"', 200, {
        "content-type": "application/json; charset=utf-8",
      });
    }
    const wrongShape = state.controls.wrongShapeNext > 0;
    if (wrongShape) state.controls.wrongShapeNext -= 1;
    await next();
    if (wrongShape && c.res.status === 200) {
      const body = (await c.res.json()) as unknown;
      const target = Array.isArray(body)
        ? body[0]
        : ((body as { results?: unknown[] }).results?.[0] ?? body);
      if (target && typeof target === "object") (target as Record<string, unknown>).id = 12345;
      c.res = new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json", "x-standin-outcome": "injected" },
      });
    }
  });

  const requireScope = (scope: string) => async (c: Context<Env>, next: Next) => {
    if (!c.get("grant")?.scopes.includes(scope))
      return message(c, 401, `The access token lacks the required scope ${scope}`);
    await next();
  };

  // ---- relations -----------------------------------------------------------------------------
  const office = state.office;
  app.get("/relations", requireScope("relations.read"), (c) => {
    const p = paging(c);
    if (p instanceof Response) return p;
    const { vatNumber, search, modifiedSince, includeInactive } = c.req.query();
    const listed = () => listedRelations(office, state.controls, includeInactive === "true");
    const filters: ((r: ApiRelation) => boolean)[] = [];
    if (vatNumber !== undefined) {
      const q = vatNumber.replace(/^BE/i, "").replace(/[\s.]/g, "");
      if (!/^\d{9,10}$/.test(q)) return message(c, 400, "vatNumber must be 9 or 10 digits");
      const digits = (v: string | null) => (v ? v.replace(/\D/g, "") : "");
      filters.push((r) => digits(r.vatNumber) === q || digits(r.companyNumber) === q);
    }
    if (search !== undefined && search.trim() !== "") {
      const q = search.trim().toLowerCase();
      const qd = q.replace(/\D/g, "");
      filters.push(
        (r) =>
          r.name.toLowerCase().includes(q) ||
          r.displayName.toLowerCase().includes(q) ||
          (r.code ?? "").toLowerCase().includes(q) ||
          r.uniqueIdentifier.toLowerCase() === q ||
          (qd.length >= 6 && (r.vatNumber ?? "").replace(/\D/g, "").includes(qd)),
      );
    }
    if (modifiedSince !== undefined) {
      const iso = fromAdminPulseDate(modifiedSince);
      if (!iso) return message(c, 400, "modifiedSince must be a date in ddMMyyyy format");
      filters.push((r) => r.modifiedDate.slice(0, 10) >= iso);
    }
    const shaped = (i: number) =>
      shapeRelation(office.relationAt(i) as ApiRelation, i, state.controls);
    let body: ReturnType<typeof envelope<Record<string, unknown>>>;
    if (filters.length === 0) {
      const v = listed();
      body = envelope(v.length, p, (pos) => shaped(v.at(pos)));
    } else {
      const key = JSON.stringify([vatNumber, search, modifiedSince, includeInactive]);
      let cached = filterCache.get(key);
      if (cached?.version !== office.version) {
        const v = listed();
        const hits: number[] = [];
        for (let pos = 0; pos < v.length; pos++) {
          const r = office.relationAt(v.at(pos));
          if (r && filters.every((f) => f(r))) hits.push(v.at(pos));
        }
        cached = { version: office.version, list: Int32Array.from(hits) };
        if (filterCache.size > 50) filterCache.clear();
        filterCache.set(key, cached);
      }
      const list = cached.list;
      body = envelope(list.length, p, (pos) => shaped(list[pos] as number));
    }
    relationListCalls += 1;
    const m = state.controls.mutateEvery;
    if (m && relationListCalls % m.calls === 0) office.mutate(m);
    return c.json(
      filters.length === 0
        ? shapeRelationEnvelope(body, p.page, state.controls, pageReads)
        : omitTotal(body, state.controls),
    );
  });

  app.get("/relations/:key", requireScope("relations.read"), (c) => {
    const key = c.req.param("key") ?? "";
    const i = refusesKey(state.controls, key) ? null : office.findRelation(key);
    const r = i === null ? null : office.relationAt(i);
    return r && i !== null
      ? c.json(shapeRelation(r, i, state.controls))
      : message(c, 404, "Relation not found");
  });

  // ---- users --------------------------------------------------------------------------------
  app.get("/users", requireScope("users.read"), (c) => {
    const p = paging(c);
    return p instanceof Response
      ? p
      : c.json(envelope(office.users.length, p, (k) => office.users[k]));
  });

  // ---- tasks ---------------------------------------------------------------------------------
  app.get("/tasks/templates", requireScope("tasks.read"), (c) =>
    state.controls.templatesEndpoint
      ? c.json(office.templates)
      : message(c, 404, "Resource not found"),
  );
  app.get("/tasks", requireScope("tasks.read"), (c) => {
    const p = paging(c);
    if (p instanceof Response) return p;
    const { deadlineFrom, deadlineUntil, relationId } = c.req.query();
    const from = deadlineFrom === undefined ? null : fromAdminPulseDate(deadlineFrom);
    const until = deadlineUntil === undefined ? null : fromAdminPulseDate(deadlineUntil);
    if (deadlineFrom !== undefined && !from)
      return message(c, 400, "deadlineFrom must be a date in ddMMyyyy format");
    if (deadlineUntil !== undefined && !until)
      return message(c, 400, "deadlineUntil must be a date in ddMMyyyy format");
    const idx = office.taskIndex();
    let positions: Int32Array | null = null;
    if (relationId !== undefined || from || until) {
      const key = JSON.stringify([relationId, from, until, office.version]);
      positions = taskFilterCache.get(key) ?? null;
      if (!positions) {
        const relIndex = relationId === undefined ? null : office.findRelation(relationId);
        const hits: number[] = [];
        for (
          let k = 0;
          k < idx.rel.length && !(relationId !== undefined && relIndex === null);
          k++
        ) {
          if (relIndex !== null && idx.rel[k] !== relIndex) continue;
          const ri = idx.rel[k] as number;
          const t = office.taskFor(ri, office.relationAt(ri) as ApiRelation, idx.tpl[k] as number);
          const d = t.deadline.slice(0, 10);
          if ((from && d < from) || (until && d > until)) continue;
          hits.push(k);
        }
        positions = Int32Array.from(hits);
        if (taskFilterCache.size > 50) taskFilterCache.clear();
        taskFilterCache.set(key, positions);
      }
    }
    const total = positions ? positions.length : idx.rel.length;
    return c.json(
      omitTotal(
        envelope(total, p, (pos) => {
          const k = positions ? (positions[pos] as number) : pos;
          const relIndex = idx.rel[k] as number;
          return office.taskFor(
            relIndex,
            office.relationAt(relIndex) as ApiRelation,
            idx.tpl[k] as number,
          );
        }),
        state.controls,
      ),
    );
  });
  app.notFound((c) => message(c, 404, "Resource not found"));
  app.onError((_e, c) => message(c, 500, "An unexpected error occurred"));
  return app;
}

type Paging = { page: number; pageSize: number };
/** U4: page defaults to 0, pageSize to 20, above 400 clamps to 400. */
function paging(c: Context): Paging | Response {
  const { page, pageSize } = c.req.query();
  if (page !== undefined && !/^\d+$/.test(page))
    return message(c, 400, "page must be a non-negative integer");
  if (pageSize !== undefined && (!/^\d+$/.test(pageSize) || Number(pageSize) < 1))
    return message(c, 400, "pageSize must be a positive integer");
  return {
    page: page === undefined ? 0 : Number(page),
    pageSize: pageSize === undefined ? 20 : Math.min(400, Number(pageSize)),
  };
}

function envelope<T>(total: number, p: Paging, at: (pos: number) => T) {
  const start = p.page * p.pageSize;
  const results: T[] = [];
  for (let pos = start; pos < Math.min(total, start + p.pageSize); pos++) results.push(at(pos));
  return {
    results,
    currentPage: p.page,
    pageCount: Math.ceil(total / p.pageSize),
    pageSize: p.pageSize,
    totalRowCount: total,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
