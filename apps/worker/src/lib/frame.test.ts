import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { harness } from "../../test/harness.js";
import type { AppEnv } from "../app-env.js";
import { ApiError, problemResponse } from "./errors.js";
import { corsOptions, frame } from "./frame.js";
import { apiSecurityHeaders } from "./security-headers.js";

/**
 * The frame (issue 17) replaces Hono's requestId + cors middlewares for speed; it must send
 * exactly the headers they sent, on answers, on problems and on preflights.
 */
function appWith(first: MiddlewareHandler<AppEnv>[]) {
  const app = new Hono<AppEnv>();
  for (const mw of first) app.use("*", mw);
  app.use("*", secureHeaders(apiSecurityHeaders));
  app.get("/ok", (c) => {
    c.header("ETag", 'W/"x"');
    return c.json({ ok: true });
  });
  app.get("/refused", () => {
    throw new ApiError("unauthorized", "no");
  });
  app.onError((err, c) =>
    problemResponse((err as ApiError).code, (err as ApiError).detail, c.var.requestId),
  );
  return app;
}

describe("the request frame", () => {
  const h = harness();
  const { config } = h.services;
  const resolve = () => h.services;
  const ours = appWith([frame(resolve)]);
  const hono = appWith([
    requestId({ headerName: "X-Request-Id" }),
    async (c, next) => {
      c.set("services", h.services);
      c.set("db", h.services.db);
      await next();
    },
    cors(corsOptions(config)),
  ]);
  const allowed = config.CORS_ORIGINS[0]!;

  const headersOf = (res: Response) => {
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      out[k] = k === "x-request-id" && v.length === 36 ? "<uuid>" : v;
    });
    return out;
  };

  const cases: [string, string, RequestInit][] = [
    ["an answer, no origin", "/ok", {}],
    ["an answer, allowed origin", "/ok", { headers: { origin: allowed } }],
    ["an answer, other origin", "/ok", { headers: { origin: "https://evil.example" } }],
    ["the caller's request id", "/ok", { headers: { "x-request-id": "abc-123=" } }],
    ["a request id that is not plain", "/ok", { headers: { "x-request-id": "a b<script>" } }],
    ["a request id too long", "/ok", { headers: { "x-request-id": "a".repeat(256) } }],
    ["a problem, allowed origin", "/refused", { headers: { origin: allowed } }],
    ["a problem, no origin", "/refused", {}],
    [
      "a preflight, allowed origin",
      "/ok",
      {
        method: "OPTIONS",
        headers: {
          origin: allowed,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      },
    ],
    [
      "a preflight, other origin",
      "/ok",
      {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
      },
    ],
  ];

  for (const [name, path, init] of cases) {
    it(`sends Hono's headers: ${name}`, async () => {
      const [a, b] = [await ours.request(path, init), await hono.request(path, init)];
      expect(a.status).toBe(b.status);
      expect(headersOf(a)).toEqual(headersOf(b));
      const uuids = (t: string) => t.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<uuid>");
      expect(uuids(await a.text())).toBe(uuids(await b.text()));
    });
  }
});
