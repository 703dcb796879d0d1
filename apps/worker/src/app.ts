import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { requireKey } from "./auth/middleware.js";
import { type Config, ConfigError } from "./config.js";
import { exceededBodyLimit, streamingBodyLimit } from "./lib/body-limit.js";
import { ApiError, bodyTooLarge, type ErrorCode, problemResponse } from "./lib/errors.js";
import { frame } from "./lib/frame.js";
import { errorForLog } from "./lib/log-safe.js";
import { createRouter } from "./lib/router.js";
import { apiSecurityHeaders } from "./lib/security-headers.js";
import { registerOpenApiDocument } from "./openapi/document.js";
import { registerDocs } from "./routes/docs.js";
import { registerHealth } from "./routes/health.js";
import { registerV1 } from "./routes/v1/index.js";
import { type Fetch, withReadLane } from "./routes/v1/read-lane.js";
import type { RuntimeResolver } from "./runtime/runtime.js";

const importPaths = new Set(["/v1/reconcile", "/v1/imports"]);
/** A staged import's parts carry up to a push's rows (ADR 0021). */
const isImportPart = (path: string) => /^\/v1\/imports\/staged\/[^/]+\/parts\/\d+$/.test(path);

/** Statuses Hono's middleware raise on bad requests, as our stable codes. */
const httpExceptionCodes: Partial<Record<number, ErrorCode>> = {
  400: "malformed_body",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * The middlewares that depend on settings, built once per config (config is parsed once per
 * isolate or process) instead of on every request (issue 17).
 */
const middlewaresByConfig = new WeakMap<Config, ReturnType<typeof buildPerConfig>>();
function buildPerConfig(config: Config) {
  return {
    body: streamingBodyLimit(config.MAX_BODY_BYTES),
    importBody: streamingBodyLimit(config.MAX_IMPORT_BODY_BYTES),
  };
}
function perConfig(config: Config) {
  let m = middlewaresByConfig.get(config);
  if (!m) {
    m = buildPerConfig(config);
    middlewaresByConfig.set(config, m);
  }
  return m;
}

/** The whole HTTP app, built from its services: the Worker entry, tests and a Bun entry share it. */
export function createApp(resolveServices: RuntimeResolver, options: { readLane?: boolean } = {}) {
  const app = createRouter();

  // Runtime, request id and CORS in one middleware (lib/frame.ts, issue 17).
  app.use("*", frame(resolveServices));
  // The API's set (lib/security-headers.ts, ADR 0031); /docs adds the HTML page's own.
  app.use("*", secureHeaders(apiSecurityHeaders));
  // The key first, the body after (issue 11): a caller without a valid key never makes the
  // server read, let alone hold, a request body. Every /v1 route needs a key; the office comes
  // from the key, never from the request.
  app.use("/v1/*", requireKey);
  // The limit trusts Content-Length when there is one and otherwise counts the stream as the route
  // reads it, failing at the limit (lib/body-limit.ts): nothing is read before the route's own
  // checks (role, the one-push gate), and nothing is buffered.
  app.use("*", (c, next) => {
    if (!c.req.raw.body) return next();
    const limits = perConfig(c.var.services.config);
    const path = c.req.path;
    return (importPaths.has(path) || isImportPart(path) ? limits.importBody : limits.body)(c, next);
  });

  registerHealth(app);
  registerV1(app);
  registerOpenApiDocument(app);
  registerDocs(app);

  app.notFound((c) => problemResponse("not_found", "No such resource.", c.var.requestId));
  app.onError((err, c) => {
    const rid = c.var.requestId;
    if (err instanceof ApiError) return problemResponse(err.code, err.detail, rid, err.errors);
    if (err instanceof ConfigError) {
      console.error(JSON.stringify({ requestId: rid, error: err.message }));
      return problemResponse("config_invalid", "The server is misconfigured.", rid);
    }
    // A body that passed its limit while a validator read it: Hono reports a failed read as 400.
    if (exceededBodyLimit(c.req.raw)) {
      const e = bodyTooLarge();
      return problemResponse(e.code, e.detail, rid);
    }
    if (err instanceof HTTPException) {
      // Hono's own validators: malformed JSON arrives here as a 400, a body that is not JSON
      // (text/plain, a form, no content type) as a 415 from the OpenAPI validator.
      const code: ErrorCode = httpExceptionCodes[err.status] ?? "internal";
      if (code === "internal")
        console.error(JSON.stringify({ requestId: rid, status: err.status }));
      return problemResponse(code, code === "internal" ? "Internal error." : err.message, rid);
    }
    // Unknown: log with the request id, never echo internals to the caller, and never a bound
    // value or personal field (a failed query's message lists its parameters).
    console.error(JSON.stringify({ requestId: rid, ...errorForLog(err) }));
    return problemResponse("internal", "Internal error.", rid);
  });

  // The four cached reads are answered before the router when nothing about them is unusual
  // (routes/v1/read-lane.ts, ADR 0027); everything else, and every refusal, is the router's.
  if (options.readLane !== false)
    app.fetch = withReadLane(resolveServices, app.fetch as Fetch) as typeof app.fetch;
  return app;
}

export type App = ReturnType<typeof createApp>;
