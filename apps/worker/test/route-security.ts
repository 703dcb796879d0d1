import type { ApiRole } from "@pulsebridge/core";
import { expect, it } from "vitest";
import { call, type Harness, newOffice, type Office } from "./harness.js";

export interface SecurityCase {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path for the office that owns the resource (seeded by `setup`). */
  path: (ctx: { office: Office; seed: Record<string, string> }) => string;
  allowed: ApiRole[];
  /** A valid body, when the route takes one. */
  body?: (ctx: { office: Office; seed: Record<string, string> }) => unknown;
  headers?: Record<string, string>;
  /** Seeds the office's resource and returns ids the path uses. */
  setup?: (h: Harness, office: Office) => Promise<Record<string, string>>;
  /** True when the path names a resource: another office's key must get the identical 404. */
  ownsResource?: boolean;
  /** Invalid inputs: each must give a 400 problem (path override, body or raw body). */
  badInputs?: { name: string; path?: string; body?: unknown; rawBody?: string }[];
  /** Bytes just over the route's limit (413 problem). */
  oversizeBytes?: number;
}

async function expectProblem(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  if (code) expect(body.code).toBe(code);
  expect(typeof body.requestId).toBe("string");
  return body;
}

/**
 * The checks every route gets (style §11): no key → 401, wrong role → 403, another office → the
 * identical 404, bad input → 400, a body that is not JSON → 415, oversize → 413; all problem+json.
 */
export function runRouteSecurity(makeHarness: () => Harness, c: SecurityCase) {
  const prepare = async () => {
    const h = makeHarness();
    const office = await newOffice();
    const seed = c.setup ? await c.setup(h, office) : {};
    return { h, office, seed };
  };
  const send = (
    h: Harness,
    key: string | undefined,
    ctx: { office: Office; seed: Record<string, string> },
  ) =>
    call(h, c.method, c.path(ctx), {
      ...(key ? { key } : {}),
      ...(c.body ? { body: c.body(ctx) } : {}),
      headers: { ...c.headers, "idempotency-key": crypto.randomUUID() },
    });

  it("without a key (or with a malformed or unknown one) → 401", async () => {
    const { h, office, seed } = await prepare();
    await expectProblem(await send(h, undefined, { office, seed }), 401, "unauthorized");
    await expectProblem(await send(h, "pb_nope", { office, seed }), 401, "unauthorized");
    await expectProblem(
      await send(h, `pb_aaaaaaaa_${"0".repeat(64)}`, { office, seed }),
      401,
      "unauthorized",
    );
    // Right prefix, wrong secret.
    const tampered = office.keys.admin.replace(/.$/, (ch) => (ch === "0" ? "1" : "0"));
    await expectProblem(await send(h, tampered, { office, seed }), 401, "unauthorized");
  });

  const denied = (["admin", "staff", "service"] as const).filter((r) => !c.allowed.includes(r));
  if (denied.length > 0) {
    it(`roles ${denied.join(", ")} → 403`, async () => {
      const { h, office, seed } = await prepare();
      for (const role of denied) {
        await expectProblem(await send(h, office.keys[role], { office, seed }), 403, "forbidden");
      }
    });
  }

  if (c.ownsResource) {
    it("another office's key → the same 404 as a missing resource", async () => {
      const { h, office, seed } = await prepare();
      const other = await newOffice("Other office");
      const role = c.allowed[0]!;
      const foreign = await send(h, other.keys[role], { office, seed });
      const foreignBody = await expectProblem(foreign, 404, "not_found");
      const missingPath = c.path({
        office,
        seed: Object.fromEntries(Object.keys(seed).map((k) => [k, crypto.randomUUID()])),
      });
      const missing = await call(h, c.method, missingPath, {
        key: office.keys[role],
        ...(c.body ? { body: c.body({ office, seed }) } : {}),
        headers: { ...c.headers, "idempotency-key": crypto.randomUUID() },
      });
      const missingBody = await expectProblem(missing, 404, "not_found");
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(foreignBody)).toEqual(strip(missingBody));
    });
  }

  for (const bad of c.badInputs ?? []) {
    it(`bad input (${bad.name}) → 400 problem`, async () => {
      const { h, office, seed } = await prepare();
      const res = await call(h, c.method, bad.path ?? c.path({ office, seed }), {
        key: office.keys[c.allowed[0]!],
        ...(bad.rawBody !== undefined
          ? { rawBody: bad.rawBody }
          : bad.body !== undefined
            ? { body: bad.body }
            : {}),
        headers: { ...c.headers, "idempotency-key": crypto.randomUUID() },
      });
      await expectProblem(res, 400);
    });
  }

  if (c.body && (c.method === "POST" || c.method === "PUT")) {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      it(`a JSON body sent as ${contentType} → 415 problem`, async () => {
        const { h, office, seed } = await prepare();
        const res = await call(h, c.method, c.path({ office, seed }), {
          key: office.keys[c.allowed[0]!],
          rawBody: JSON.stringify(c.body!({ office, seed })),
          headers: {
            ...c.headers,
            "content-type": contentType,
            "idempotency-key": crypto.randomUUID(),
          },
        });
        await expectProblem(res, 415, "unsupported_media_type");
      });
    }
  }

  if (c.oversizeBytes) {
    it("oversize body → 413 problem", async () => {
      const { h, office, seed } = await prepare();
      const res = await call(h, c.method, c.path({ office, seed }), {
        key: office.keys[c.allowed[0]!],
        rawBody: `{"x":"${"a".repeat(c.oversizeBytes!)}"}`,
        headers: { ...c.headers, "idempotency-key": crypto.randomUUID() },
      });
      await expectProblem(res, 413, "payload_too_large");
    });
  }
}
