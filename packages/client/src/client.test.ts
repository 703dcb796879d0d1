import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  changes,
  createClient,
  PulsebridgeError,
  pages,
  retryAfterMs,
  type Schemas,
} from "./index.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A real HTTP server on 127.0.0.1 that answers with `handler`, recording what it received. */
async function serve(handler: Handler) {
  const seen: { method: string; url: string; body: string; auth: string | undefined }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        body,
        auth: req.headers.authorization,
      });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  close = () => new Promise((r) => server.close(() => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    ...headers,
  });
  res.end(JSON.stringify(body));
};
const problem = (status: number, code: string) => ({
  type: "x",
  title: code,
  status,
  detail: code,
  code,
});

describe("retries", () => {
  it("waits what Retry-After asks on 429 and 503, then returns the answer", async () => {
    let n = 0;
    const s = await serve((_req, _b, res) => {
      n++;
      if (n === 1) return json(res, 429, problem(429, "rate_limited"), { "retry-after": "2" });
      if (n === 2)
        return json(res, 503, problem(503, "upstream_unavailable"), { "retry-after": "1" });
      json(res, 200, {
        data: [],
        nextCursor: null,
        cache: { lastSyncedAt: null, ageSeconds: null, stale: true },
      });
    });
    const waits: number[] = [];
    const client = createClient({
      baseUrl: `${s.url}/`,
      apiKey: "pb_k_s",
      sleep: async (ms) => void waits.push(ms),
    });
    const { data, response } = await client.GET("/v1/clients", {
      params: { query: { limit: 10 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data).toEqual([]);
    expect(waits).toEqual([2000, 1000]);
    expect(s.seen.map((r) => r.url)).toEqual(Array(3).fill("/v1/clients?limit=10"));
    expect(s.seen.every((r) => r.auth === "Bearer pb_k_s")).toBe(true);
  });

  it("gives up after `retries` and returns the last answer", async () => {
    const s = await serve((_req, _b, res) => json(res, 503, problem(503, "upstream_unavailable")));
    const client = createClient({ baseUrl: s.url, apiKey: "k", retries: 2, sleep: async () => {} });
    const { error, response } = await client.GET("/v1/me");
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ code: "upstream_unavailable" });
    expect(s.seen).toHaveLength(3);
  });

  it("never repeats a POST without an Idempotency-Key; repeats one with a key, body and all", async () => {
    const s = await serve((_req, _b, res) => json(res, 503, problem(503, "upstream_unavailable")));
    const client = createClient({ baseUrl: s.url, apiKey: "k", retries: 1, sleep: async () => {} });
    await client.POST("/v1/sync", { body: {} });
    expect(s.seen).toHaveLength(1);
    const body = {
      source: "tool",
      createdBy: "me",
      rows: [{ ref: "1", name: "A" }],
      choices: { overwrite: {}, add: ["1"] },
    };
    await client.POST("/v1/imports", { body, headers: { "idempotency-key": "abc" } });
    expect(s.seen.slice(1).map((r) => JSON.parse(r.body))).toEqual([body, body]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe("iterators", () => {
  it("pages follows nextCursor to the end", async () => {
    const s = await serve((req, _b, res) => {
      const cursor = new URL(req.url ?? "", "http://x").searchParams.get("cursor");
      const next = cursor === null ? "a" : cursor === "a" ? "b" : null;
      json(res, 200, { data: [{ id: cursor ?? "first" }], nextCursor: next });
    });
    const client = createClient({ baseUrl: s.url, apiKey: "k" });
    const ids: string[] = [];
    for await (const page of pages((cursor) =>
      client.GET("/v1/imports", { params: { query: { cursor } } }),
    ))
      ids.push(...page.data.map((d) => d.id));
    expect(ids).toEqual(["first", "a", "b"]);
  });

  it("changes reads until hasMore is false, each page's cursor to store; errors carry the code", async () => {
    const s = await serve((req, _b, res) => {
      const cursor = new URL(req.url ?? "", "http://x").searchParams.get("cursor") ?? "0";
      if (cursor === "bad") return json(res, 400, problem(400, "validation_failed"));
      const n = Number(cursor);
      json(res, 200, {
        changes: [{ type: "deleted", changeSeq: n + 1, id: `c${n + 1}` }],
        nextCursor: String(n + 1),
        hasMore: n + 1 < 3,
      });
    });
    const client = createClient({ baseUrl: s.url, apiKey: "k" });
    const seen: string[] = [];
    for await (const page of changes(client))
      seen.push(`${page.changes.length}@${page.nextCursor}`);
    expect(seen).toEqual(["1@1", "1@2", "1@3"]);
    const failing = changes(client, { cursor: "bad" });
    await expect(failing.next()).rejects.toMatchObject({ status: 400, code: "validation_failed" });
    await expect(changes(client, { cursor: "bad" }).next()).rejects.toBeInstanceOf(
      PulsebridgeError,
    );
  });
  it("types a compact reconcile answer as it comes: defaulted fields may be absent", async () => {
    // The compact answer leaves out empty lists, `probable: false` and null versions; the types
    // must not promise them (this object would not compile if they were required).
    const match: Schemas["ReconcileResult"]["matching"][number] = {
      ref: "r1",
      id: "c1",
      matchedOn: "adminpulseId",
      name: "Alpha",
    };
    const s = await serve((_req, _b, res) =>
      json(res, 200, {
        onlyInImport: [],
        onlyInTarget: [],
        matching: [match],
        invalid: [],
        duplicates: [],
      }),
    );
    const client = createClient({ baseUrl: s.url, apiKey: "k" });
    const { data } = await client.POST("/v1/reconcile", { body: { rows: [], answer: "compact" } });
    const got = data?.matching[0];
    expect(got?.differences ?? []).toEqual([]);
    expect(got?.probable ?? false).toBe(false);
    expect(got?.version ?? null).toBeNull();
  });
});
