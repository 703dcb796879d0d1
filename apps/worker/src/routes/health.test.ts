import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, harness } from "../../test/harness.js";

describe("meta routes", () => {
  it("/health answers and reaches D1", async () => {
    const res = await call(harness(), "GET", "/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: true });
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("/openapi.json is OpenAPI 3.1 with every v1 operation and problem+json errors", async () => {
    const res = await call(harness(), "GET", "/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const p of [
      "/v1/me",
      "/v1/keys",
      "/v1/keys/{id}",
      "/v1/connection",
      "/v1/audit",
      "/v1/clients",
      "/v1/clients/{id}",
      "/v1/enterprises/{number}/client",
      "/v1/changes",
      "/v1/task-templates",
      "/v1/sync",
      "/v1/sync/runs",
      "/v1/reconcile",
      "/v1/imports",
      "/v1/imports/{id}",
      "/v1/imports/{id}/rows",
      "/v1/imports/{id}/rows.csv",
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    const list = doc.paths["/v1/clients"]!.get!;
    expect(Object.keys(list.responses["401"]!.content!)).toEqual(["application/problem+json"]);
  });

  it("/openapi.json: every operation with a body states its body limit, every list its page size", async () => {
    const res = await call(harness(), "GET", "/openapi.json");
    type Operation = {
      description?: string;
      requestBody?: unknown;
      parameters?: { name: string; in: string; schema?: { maximum?: number; default?: number } }[];
    };
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const text = op.description ?? "";
        const name = `${method.toUpperCase()} ${path}`;
        if (op.requestBody && !/MAX_(IMPORT_)?BODY_BYTES \((64 KiB|16 MiB)/.test(text))
          missing.push(`${name}: body limit`);
        const limit = op.parameters?.find((p) => p.in === "query" && p.name === "limit")?.schema;
        if (limit && !text.includes(`1–${limit.maximum}`)) missing.push(`${name}: page size`);
        if (limit && !text.includes(`default ${limit.default}`)) missing.push(`${name}: default`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("/docs is the Scalar reference, its script from this server and nonced (no CDN)", async () => {
    const res = await call(harness(), "GET", "/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('"url": "/openapi.json"');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((a) => a.includes("src="))).toEqual([
      expect.stringMatching(/src="\/docs\/scalar\.js"/),
    ]);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(js|css|woff2?)/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("connect-src 'self'");
    const nonce = /'nonce-([a-f0-9]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    // A page: the document headers the API's JSON answers leave out (ADR 0031).
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("x-download-options")).toBe("noopen");
    expect(res.headers.get("x-xss-protection")).toBe("0");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // A new nonce per request.
    const again = await call(harness(), "GET", "/docs");
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("unknown paths are a 404 problem", async () => {
    const res = await call(harness(), "GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "not_found", status: 404 });
  });

  it("CORS: the add-in origin is allowed (preflight), others are not", async () => {
    const h = harness();
    const ok = await h.app.request(
      "/v1/clients",
      {
        method: "OPTIONS",
        headers: {
          origin: "https://localhost:3000",
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      },
      env,
    );
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
    const evil = await h.app.request(
      "/health",
      { headers: { origin: "https://evil.example" } },
      env,
    );
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("retired keys (CONNECTION_PREVIOUS_KEYS) are validated when the config is read", async () => {
    const { parseConfig, ConfigError } = await import("../config.js");
    const key = btoa("r".repeat(32));
    expect(
      Object.keys(
        parseConfig({ ...env, CONNECTION_PREVIOUS_KEYS: `k0:${key}, k9:${key}` })
          .CONNECTION_PREVIOUS_KEYS,
      ),
    ).toEqual(["k0", "k9"]);
    for (const bad of ["k0:short", "k0", `:${key}`, `k0:${key},k0:${key}`, "k0:!!!"]) {
      expect(() => parseConfig({ ...env, CONNECTION_PREVIOUS_KEYS: bad })).toThrow(ConfigError);
    }
  });

  it("an invalid configuration is a 500 config_invalid problem, never the secret", async () => {
    const h = harness();
    const { createApp } = await import("../app.js");
    const { parseConfig } = await import("../config.js");
    const app = createApp(() => ({
      ...h.services,
      config: parseConfig({ CONNECTION_ENCRYPTION_KEY: "short" }),
    }));
    const res = await app.request("/health", {}, env);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("config_invalid");
    expect(body).not.toContain("short");
  });
});
