import { env } from "cloudflare:workers";
import type { ClientListResponse } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { record, validEnterprise } from "../../../test/fixtures.js";
import { harness, newOffice, seedClients } from "../../../test/harness.js";
import { createApp } from "../../app.js";
import { readOf, withReadLane } from "./read-lane.js";

/**
 * The read lane (ADR 0027) answers the four cached reads before the router. It must send what the
 * router sends — status, headers, body — and leave everything unusual to the router.
 */
async function setup() {
  const h = harness();
  h.source.records = Array.from({ length: 7 }, (_, i) =>
    record(i + 1, i === 3 ? { enterpriseNumber: null, kind: "person" } : {}, i % 2 ? ["BTW"] : []),
  );
  const office = await newOffice();
  await seedClients(h, office);
  const router = createApp(() => h.services, { readLane: false });
  let routed = 0;
  const lane = withReadLane(
    () => h.services,
    (req, e, x) => {
      routed++;
      return router.fetch(req, e as never, x as never);
    },
  );
  const send = (path: string, key: string, headers: Record<string, string> = {}) => {
    const init = { headers: { authorization: `Bearer ${key}`, ...headers } };
    return {
      lane: () => lane(new Request(`http://w${path}`, init), env),
      router: () => router.request(path, init, env),
    };
  };
  // One request through the router verifies the keys and writes their last use: cached from then on.
  for (const key of Object.values(office.keys)) await send("/v1/me", key).router();
  for (const key of Object.values(office.keys)) await send("/v1/clients", key).lane();
  return { h, office, send, routed: () => routed };
}

const normalized = async (res: Response) => {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = k === "x-request-id" ? "<id>" : v;
  });
  return { status: res.status, headers, body: await res.text() };
};

describe("the read lane", () => {
  it("answers the four reads exactly as the router does, without the router", async () => {
    const { h, office, send, routed } = await setup();
    const first = (await (
      await send("/v1/clients?limit=3", office.keys.staff).router()
    ).json()) as ClientListResponse;
    const one = first.data[0]!;
    const number = first.data.find((c) => c.enterpriseNumber)!.enterpriseNumber!;
    const paths = [
      "/v1/clients",
      "/v1/clients?limit=3",
      `/v1/clients?limit=3&cursor=${first.nextCursor}`,
      "/v1/clients?kind=person",
      "/v1/clients?taskTemplate=BTW&limit=2",
      `/v1/clients?enterpriseNumber=${number}`,
      `/v1/clients/${one.id}`,
      `/v1/enterprises/${number}/client`,
      `/v1/clients/by-enterprise/${number}`,
      "/v1/changes",
      "/v1/changes?limit=2",
      "/v1/changes?cursor=0.3&limit=2",
      "/v1/changes?cursor=0.3~1&limit=2",
    ];
    const allowed = h.services.config.CORS_ORIGINS[0]!;
    const origins: Record<string, string>[] = [
      {},
      { origin: allowed },
      { origin: "https://evil.example" },
    ];
    const before = routed();
    for (const path of paths) {
      for (const key of [office.keys.service, office.keys.admin]) {
        for (const extra of origins) {
          const s = send(path, key, extra);
          const [a, b] = [await normalized(await s.lane()), await normalized(await s.router())];
          expect(a.status, path).toBe(200);
          expect(a, path).toEqual(b);
          // The ETag back: a bodiless 304 with the same headers as the router's.
          if (a.headers.etag) {
            const c = send(path, key, { ...extra, "if-none-match": a.headers.etag });
            const [x, y] = [await normalized(await c.lane()), await normalized(await c.router())];
            expect(x.status, path).toBe(304);
            expect(x, path).toEqual(y);
          }
        }
      }
    }
    expect(routed()).toBe(before);
    // The caller's own request id is kept, as the router keeps it.
    const s = send("/v1/changes", office.keys.staff, { "x-request-id": "trace-1" });
    expect((await s.lane()).headers.get("x-request-id")).toBe("trace-1");
  }, 30_000); // ~300 requests: over vitest's 5 s default under load

  it("leaves every refusal, miss, bad input, write and upstream refresh to the router", async () => {
    const { h, office, send, routed } = await setup();
    // [path, key, status, answered by the router]: the services' own refusals (an unknown id, a
    // service key's miss, a cursor of another epoch or past a deleted row) are the lane's, rendered
    // as the router renders them, so a miss costs one query, not two.
    const cases: [string, string, number, boolean][] = [
      ["/v1/clients", "pb_aaaaaaaa_".padEnd(76, "0"), 401, true],
      ["/v1/clients", "not-a-key", 401, true],
      ["/v1/clients?limit=0", office.keys.staff, 400, true],
      ["/v1/clients?limit=5&limit=6", office.keys.staff, 400, true],
      ["/v1/clients?officeId=x", office.keys.staff, 400, true],
      ["/v1/clients?cursor=bm9wZQ", office.keys.staff, 400, false],
      ["/v1/clients?q=%C3%A9", office.keys.staff, 200, true],
      ["/v1/clients?register=differs", office.keys.staff, 200, true],
      [`/v1/clients/${"x".repeat(65)}`, office.keys.staff, 400, true],
      [`/v1/clients/${crypto.randomUUID()}`, office.keys.staff, 404, false],
      [`/v1/enterprises/${validEnterprise(999)}/client`, office.keys.service, 404, false],
      ["/v1/enterprises/0123456789/client", office.keys.service, 400, false],
      ["/v1/changes?cursor=ffff.1", office.keys.staff, 410, false],
      ["/v1/changes?cursor=x", office.keys.staff, 400, true],
    ];
    const allowed = h.services.config.CORS_ORIGINS[0]!;
    for (const [path, key, status, viaRouter] of cases) {
      const before = routed();
      const s = send(path, key, { origin: allowed });
      const [a, b] = [await normalized(await s.lane()), await normalized(await s.router())];
      expect(a.status, path).toBe(status);
      expect(routed(), path).toBe(before + (viaRouter ? 1 : 0));
      expect({ ...a, body: a.body.replace(/"requestId":"[^"]*"/, "") }, path).toEqual({
        ...b,
        body: b.body.replace(/"requestId":"[^"]*"/, ""),
      });
    }
    // A stale client: a staff read may refresh it from AdminPulse (the router's), a service read not.
    h.clock.t += 5 * 3600_000;
    const stale = `/v1/enterprises/${validEnterprise(1)}/client`;
    for (const key of Object.values(office.keys)) await send("/v1/me", key).router();
    let before = routed();
    expect((await send(stale, office.keys.service).lane()).status).toBe(200);
    expect(routed()).toBe(before);
    before = routed();
    const calls = h.source.calls;
    expect((await send(stale, office.keys.staff).lane()).status).toBe(200);
    expect(routed()).toBe(before + 1);
    expect(h.source.calls).toBeGreaterThan(calls);
  });

  it("a key whose last use is a minute old goes to the router, which writes it", async () => {
    const { h, office, send, routed } = await setup();
    h.clock.t += 61_000;
    // Past the key cache's bound too: the router asks D1 again (and would refuse a revoked key).
    const before = routed();
    expect((await send("/v1/clients", office.keys.staff).lane()).status).toBe(200);
    expect(routed()).toBe(before + 1);
    expect((await send("/v1/clients", office.keys.staff).lane()).status).toBe(200);
    expect(routed()).toBe(before + 1);
  });

  it("sends a JSON answer's security headers and none of a page's, on the lane and the router (ADR 0031)", async () => {
    const { office, send, routed } = await setup();
    const before = routed();
    for (const res of [
      await send("/v1/clients", office.keys.staff).lane(),
      await send("/v1/me", office.keys.staff).router(),
      await send("/v1/clients/nope", office.keys.staff).router(),
    ]) {
      const h = res.headers;
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(h.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(h.get("referrer-policy")).toBe("no-referrer");
      expect(h.get("cross-origin-resource-policy")).toBe("cross-origin");
      for (const page of [
        "cross-origin-opener-policy",
        "origin-agent-cluster",
        "x-dns-prefetch-control",
        "x-download-options",
        "x-permitted-cross-domain-policies",
        "x-xss-protection",
      ])
        expect(h.has(page), page).toBe(false);
    }
    expect(routed()).toBe(before);
  });

  it("takes only plain GETs of the four reads", () => {
    const base = "http://w";
    expect(readOf(`${base}/v1/clients`)).toEqual({ kind: "list", query: {} });
    expect(readOf(`${base}/v1/clients?limit=5&cursor=abc_-`)).toEqual({
      kind: "list",
      query: { limit: "5", cursor: "abc_-" },
    });
    expect(readOf(`${base}/v1/clients/abc`)).toEqual({ kind: "one", param: "abc" });
    expect(readOf(`${base}/v1/enterprises/0403019261/client`)).toEqual({
      kind: "enterprise",
      param: "0403019261",
    });
    expect(readOf(`${base}/v1/clients/by-enterprise/0403019261`)).toEqual({
      kind: "enterprise",
      param: "0403019261",
    });
    expect(readOf(`${base}/v1/changes?cursor=0.12~3`)).toEqual({
      kind: "changes",
      query: { cursor: "0.12~3" },
    });
    for (const other of [
      "/v1/clients/abc/register",
      "/v1/clients/abc/history",
      "/v1/clients/by-enterprise",
      "/v1/clients/",
      "/v1/clients/a%20b",
      "/v1/clients/abc?x=1",
      "/v1/clients?q=a+b",
      "/v1/clients?q=%41",
      "/v1/clients?a=1&a=2",
      "/v1/me",
      "/v2/clients",
      "/health",
    ])
      expect(readOf(`${base}${other}`), other).toBeNull();
  });
});
