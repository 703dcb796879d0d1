import { beforeAll, describe, expect, inject, it } from "vitest";
import { validEnterprise } from "../fixtures.js";
import { type ContractRuntime, contractVars } from "./global-setup.js";

/**
 * The HTTP contract, run unchanged against `wrangler dev` (workerd + D1) and the Bun entry
 * (Bun + SQLite): same requests, same expected answers (style §12).
 */
const runtimes = inject("contract");
const standIn = inject("contractStandIn");

interface ClientDoc {
  id: string;
  name: string;
  kind: string;
  email: string | null;
  enterpriseNumber: string | null;
  sourceIds: { adminpulseId: string };
}

function client(rt: ContractRuntime) {
  const call = async (
    method: string,
    path: string,
    opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers["content-type"] ??= "application/json";
    return fetch(`${rt.base}${path}`, { method, headers, body });
  };
  const json = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(res.status, text.slice(0, 500)).toBe(status);
    return JSON.parse(text) as T;
  };
  return { call, json };
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    code,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    requestId: expect.any(String),
  });
  return body;
}

/** Pages of the stand-in's task list at the contract page size (its tasks carry the templates). */
async function standInTaskPages() {
  const res = await fetch(`${standIn.url}/tasks?page=0&pageSize=1`, {
    headers: { authorization: `Bearer ${standIn.token}` },
  });
  const { totalRowCount } = (await res.json()) as { totalRowCount: number };
  return Math.ceil(totalRowCount / Number(contractVars.SYNC_PAGE_SIZE));
}

/** Connect the office to the stand-in and step the sync to completion through the API. */
async function connectAndSync(rt: ContractRuntime, key: string) {
  const { call, json } = client(rt);
  await json(
    await call("PUT", "/v1/connection", { key, body: { kind: "token", token: standIn.token } }),
    200,
  );
  const outcomes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await call("POST", "/v1/sync", { key, body: {} });
    const body = (await res.json()) as {
      outcome: string;
      run: { status: string; pages: number; taskPages: number; added: number };
    };
    outcomes.push(`${res.status} ${body.outcome}`);
    if (body.outcome === "completed") return { outcomes, run: body.run };
    expect([res.status, body.outcome]).toEqual([202, "progress"]);
  }
  throw new Error(`sync did not complete: ${outcomes.join(", ")}`);
}

async function allClients(rt: ContractRuntime, key: string) {
  const { call, json } = client(rt);
  const all: ClientDoc[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { data: ClientDoc[]; nextCursor: string | null } = await json(
      await call("GET", `/v1/clients?limit=40${cursor ? `&cursor=${cursor}` : ""}`, { key }),
      200,
    );
    all.push(...page.data);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return all;
}

describe.each(runtimes)("$name", (rt) => {
  const { call, json } = client(rt);
  const reads = rt.offices.reads;
  const other = rt.offices.other;

  describe("meta", () => {
    it("GET /health reaches the database", async () => {
      expect(await json(await call("GET", "/health"), 200)).toEqual({ ok: true, db: true });
    });

    it("GET /docs/scalar.js serves the reference's script from this server", async () => {
      const res = await call("GET", "/docs/scalar.js");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/javascript/);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    });

    it("GET /openapi.json describes the API, errors as problem+json", async () => {
      const doc = await json<{
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      }>(await call("GET", "/openapi.json"), 200);
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of ["/v1/clients", "/v1/clients/{id}", "/v1/changes", "/v1/imports"]) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      expect(Object.keys(doc.paths["/v1/clients"]!.get!.responses["401"]!.content!)).toEqual([
        "application/problem+json",
      ]);
    });

    it("an unknown path is a 404 problem", async () => {
      await expectProblem(await call("GET", "/nope"), 404, "not_found");
    });
  });

  describe("auth and roles", () => {
    it("no key, a malformed key, an unknown key and a wrong secret → 401", async () => {
      await expectProblem(await call("GET", "/v1/me"), 401, "unauthorized");
      await expectProblem(await call("GET", "/v1/me", { key: "pb_nope" }), 401, "unauthorized");
      const unknown = `pb_aaaaaaaa_${"0".repeat(64)}`;
      await expectProblem(await call("GET", "/v1/me", { key: unknown }), 401, "unauthorized");
      const tampered = other.key.replace(/.$/, (ch) => (ch === "0" ? "1" : "0"));
      await expectProblem(await call("GET", "/v1/me", { key: tampered }), 401, "unauthorized");
    });

    it("an admin mints keys; a service key reads but may not manage keys (403)", async () => {
      const me = await json(await call("GET", "/v1/me", { key: other.key }), 200);
      expect(me).toMatchObject({ office: { id: other.officeId }, key: { role: "admin" } });
      const made = await json<{ key: string; role: string }>(
        await call("POST", "/v1/keys", {
          key: other.key,
          body: { name: "contract service", role: "service" },
        }),
        201,
      );
      expect(made.role).toBe("service");
      expect(await json(await call("GET", "/v1/me", { key: made.key }), 200)).toMatchObject({
        office: { id: other.officeId },
        key: { role: "service", name: "contract service" },
      });
      await expectProblem(
        await call("POST", "/v1/keys", { key: made.key, body: { name: "x", role: "admin" } }),
        403,
        "forbidden",
      );
    });
  });

  describe("sync against the stand-in, then reads", () => {
    let clients: ClientDoc[] = [];
    let added = 0;

    beforeAll(async () => {
      const { outcomes, run } = await connectAndSync(rt, reads.key);
      // 120 relations at 25 a page, then the task pages, 2 pages a step; the last step completes.
      const taskPages = await standInTaskPages();
      const steps = Math.ceil((5 + taskPages) / 2);
      expect(outcomes).toEqual([
        ...Array.from({ length: steps - 1 }, () => "202 progress"),
        "200 completed",
      ]);
      expect(run).toMatchObject({ status: "completed", pages: 5, taskPages });
      added = run.added;
      clients = await allClients(rt, reads.key);
    }, 60_000);

    it("caches every mappable relation once, listed in name order with cursor paging", () => {
      expect(added).toBeGreaterThan(standIn.size * 0.8);
      expect(clients).toHaveLength(added);
      expect(new Set(clients.map((c) => c.sourceIds.adminpulseId)).size).toBe(added);
      const names = clients.map((c) => c.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it("task templates come from the stand-in's tasks; the filter lists each template's clients", async () => {
      const templates = await json<{ data: { name: string; clientCount: number }[] }>(
        await call("GET", "/v1/task-templates", { key: reads.key }),
        200,
      );
      expect(templates.data.length).toBeGreaterThan(3);
      for (const t of templates.data) {
        expect(t.clientCount).toBeGreaterThan(0);
        const page = await json<{ data: { taskTemplates: string[] }[] }>(
          await call("GET", `/v1/clients?limit=1000&taskTemplate=${encodeURIComponent(t.name)}`, {
            key: reads.key,
          }),
          200,
        );
        expect(page.data).toHaveLength(t.clientCount);
        for (const c of page.data) expect(c.taskTemplates).toContain(t.name);
      }
    });

    it("GET /v1/clients/{id} and /v1/clients/by-enterprise/{number} return the cached client", async () => {
      const withNumber = clients.find((c) => c.enterpriseNumber)!;
      const one = await json<{ data: ClientDoc; cache: object }>(
        await call("GET", `/v1/clients/${withNumber.id}`, { key: reads.key }),
        200,
      );
      expect(one.data).toEqual(withNumber);
      expect(one.cache).toMatchObject({ stale: false });
      const byNumber = await json<{ data: ClientDoc }>(
        await call("GET", `/v1/clients/by-enterprise/${withNumber.enterpriseNumber}`, {
          key: reads.key,
        }),
        200,
      );
      expect(byNumber.data).toEqual(withNumber);
    });

    it("another office's client is the same 404 as a missing one", async () => {
      const target = clients[0]!;
      const foreign = await expectProblem(
        await call("GET", `/v1/clients/${target.id}`, { key: other.key }),
        404,
        "not_found",
      );
      const missing = await expectProblem(
        await call("GET", `/v1/clients/${crypto.randomUUID()}`, { key: reads.key }),
        404,
        "not_found",
      );
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(foreign)).toEqual(strip(missing));
      // And the other office's list is empty: scoping is in the query.
      expect(await json(await call("GET", "/v1/clients", { key: other.key }), 200)).toMatchObject({
        data: [],
        nextCursor: null,
      });
    });

    it("the change feed lists every client once as added, then nothing after its cursor", async () => {
      const feed = await json<{
        changes: { type: string; changeSeq: number; client?: { id: string } }[];
        nextCursor: string;
        hasMore: boolean;
      }>(await call("GET", "/v1/changes?limit=1000", { key: reads.key }), 200);
      expect(feed.hasMore).toBe(false);
      expect(feed.changes).toHaveLength(added);
      expect(new Set(feed.changes.map((c) => c.type))).toEqual(new Set(["added"]));
      const seqs = feed.changes.map((c) => c.changeSeq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const after = await json<{ changes: unknown[]; nextCursor: string }>(
        await call("GET", `/v1/changes?cursor=${feed.nextCursor}`, { key: reads.key }),
        200,
      );
      expect(after).toMatchObject({ changes: [], nextCursor: feed.nextCursor });
    });

    it("POST /v1/reconcile sorts rows against this office's cache", async () => {
      const known = clients.find((c) => c.enterpriseNumber && c.kind === "company")!;
      const res = await json<{
        matching: { ref: string; id: string; differences: { field: string }[] }[];
        onlyInImport: { ref: string }[];
        invalid: { ref: string }[];
      }>(
        await call("POST", "/v1/reconcile", {
          key: reads.key,
          body: {
            rows: [
              {
                ref: "r1",
                kind: "company",
                name: known.name,
                enterpriseNumber: known.enterpriseNumber,
                email: "contract-new@example.be",
              },
              {
                ref: "r2",
                kind: "company",
                name: "Nieuw BV",
                enterpriseNumber: validEnterprise(9001),
              },
              { ref: "r3", kind: "company", name: "", enterpriseNumber: "0123456789" },
            ],
          },
        }),
        200,
      );
      expect(res.matching.map((m) => [m.ref, m.id])).toEqual([["r1", known.id]]);
      expect(res.matching[0]!.differences.map((d) => d.field)).toContain("email");
      expect(res.onlyInImport.map((o) => o.ref)).toEqual(["r2"]);
      expect(res.invalid.map((i) => i.ref)).toEqual(["r3"]);
    });

    it("imports are idempotent per key, stored, and exported as CSV", async () => {
      const known = clients.find((c) => c.enterpriseNumber && c.kind === "company")!;
      const body = {
        source: "excel",
        createdBy: "contract@kantoor.be",
        rows: [
          {
            ref: "r1",
            kind: "company",
            name: known.name,
            enterpriseNumber: known.enterpriseNumber,
            email: "contract-import@example.be",
          },
          { ref: "r2", kind: "company", name: "=cmd|x", enterpriseNumber: validEnterprise(9002) },
        ],
        choices: { overwrite: { [known.id]: ["email"] }, add: ["r2"] },
      };
      const idem = { "idempotency-key": crypto.randomUUID() };
      const first = await json<{ id: string; counts: Record<string, number> }>(
        await call("POST", "/v1/imports", { key: reads.key, body, headers: idem }),
        201,
      );
      expect(first.counts).toMatchObject({ created: 1, updated: 1, rejected: 0 });
      const replay = await call("POST", "/v1/imports", { key: reads.key, body, headers: idem });
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(await json(replay, 200)).toEqual(first);
      await expectProblem(
        await call("POST", "/v1/imports", {
          key: reads.key,
          body: { ...body, createdBy: "someone else" },
          headers: idem,
        }),
        409,
        "idempotency_conflict",
      );
      await expectProblem(
        await call("POST", "/v1/imports", { key: reads.key, body }),
        400,
        "idempotency_key_required",
      );
      const csv = await call("GET", `/v1/imports/${first.id}/rows.csv`, { key: reads.key });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      const lines = (await csv.text()).trimEnd().split("\r\n");
      expect(lines).toHaveLength(3);
      expect(lines[0]!.startsWith("ref,action,clientId")).toBe(true);
      // A formula-looking cell is neutralised.
      expect(lines.find((l) => l.startsWith("r2,"))).toContain("'=cmd|x");
      expect(
        await json(await call("GET", `/v1/imports/${first.id}`, { key: reads.key }), 200),
      ).toEqual(first);
      // Another office cannot read the import: the same 404 as a missing one.
      await expectProblem(
        await call("GET", `/v1/imports/${first.id}`, { key: other.key }),
        404,
        "not_found",
      );
    });
  });

  describe("scheduled refresh", () => {
    it("the cron job (not the API) runs a full sync of a connected office", async () => {
      const office = rt.offices.scheduled;
      await json(
        await call("PUT", "/v1/connection", {
          key: office.key,
          body: { kind: "token", token: standIn.token },
        }),
        200,
      );
      // Both runtimes expose the scheduled handler for tests at /__scheduled (wrangler's
      // --test-scheduled; SCHEDULED_TEST_ROUTE on Bun). 2 pages (relation or task) a step, one
      // step per office and invocation.
      const ticks = Math.ceil((5 + (await standInTaskPages())) / 2);
      for (let i = 0; i < ticks; i++) {
        const res = await call("GET", `/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
        expect(res.status).toBe(200);
      }
      const runs = await json<{ data: { status: string; trigger: string; added: number }[] }>(
        await call("GET", "/v1/sync/runs", { key: office.key }),
        200,
      );
      expect(runs.data).toHaveLength(1);
      expect(runs.data[0]).toMatchObject({ status: "completed", trigger: "cron" });
      expect((await allClients(rt, office.key)).length).toBe(runs.data[0]!.added);
    });
  });

  describe("problem+json on bad input", () => {
    it("malformed JSON → 400", async () => {
      await expectProblem(
        await call("POST", "/v1/keys", { key: other.key, raw: "{" }),
        400,
        "malformed_body",
      );
    });

    it("a body that fails its schema → 400 with field errors", async () => {
      const body = await expectProblem(
        await call("POST", "/v1/keys", { key: other.key, body: { name: "", role: "root" } }),
        400,
        "validation_failed",
      );
      expect(Array.isArray(body.errors)).toBe(true);
    });

    it("a bad query parameter → 400", async () => {
      const res = await call("GET", "/v1/clients?limit=0", { key: other.key });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    });

    it("a body over the limit → 413", async () => {
      await expectProblem(
        await call("POST", "/v1/keys", {
          key: other.key,
          raw: `{"name":"${"a".repeat(70_000)}","role":"staff"}`,
        }),
        413,
        "payload_too_large",
      );
    });
  });
});
