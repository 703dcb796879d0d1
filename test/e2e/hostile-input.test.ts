/**
 * Hostile and bad input against the real worker (`wrangler dev`, local D1): every operation listed
 * in /openapi.json with bad keys, wrong roles, another office's ids, malformed and oversized
 * bodies, deep nesting, unicode tricks, SQL- and formula-looking values. Each must answer a clear
 * 4xx problem+json and leave the office's data exactly as it was.
 */

import { randomUUID } from "node:crypto";
import { generateApiKey } from "@pulsebridge/stack";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allClients,
  type E2eStack,
  e2eStack,
  expectProblem,
  type Office,
  snapshot,
  withoutRequestId,
} from "./support/stack.js";

type Op = { method: string; path: string; hasBody: boolean; query: string[] };

let s: E2eStack;
let a: Office;
let b: Office;
let ops: Op[];
const ids = { aClient: "", bClient: "", aImport: "", bImport: "", aEnterprise: "" };

const validImport = (ref = "1") => ({
  source: "e2e",
  createdBy: "hostile test",
  rows: [
    { ref, kind: "company", name: `Nieuwe Klant ${ref} BV`, enterpriseNumber: "0403.019.261" },
  ],
  choices: { overwrite: {}, add: [ref] },
});

/** A body each known endpoint accepts, so "one thing wrong" tests change exactly one thing. */
const validBodies: Record<string, () => unknown> = {
  "POST /v1/keys": () => ({ name: "tool", role: "service" }),
  "PUT /v1/connection": () => ({ kind: "token", token: "a-valid-looking-token" }),
  "POST /v1/sync": () => ({}),
  "POST /v1/reconcile": () => ({ rows: validImport().rows }),
  "POST /v1/imports": () => validImport(),
};

const fill = (op: Op, id: string) =>
  op.path.replace("{id}", id).replace("{number}", ids.aEnterprise || "0403019261");

/** The office's whole observable state, minus what reads themselves touch (key last-use). */
async function state(o: Office) {
  const get = async (p: string) => {
    const res = await s.call(o.keys.admin, "GET", p);
    expect(res.status, p).toBe(200);
    return res.json;
  };
  const keys = (await get("/v1/keys")).data.map(
    ({ lastUsedAt: _l, ...k }: Record<string, unknown>) => k,
  );
  return {
    clients: snapshot(await allClients(s, o.keys.admin)),
    keys,
    connection: await get("/v1/connection"),
    imports: await get("/v1/imports"),
    audit: await get("/v1/audit"),
    runs: await get("/v1/sync/runs"),
    changes: await get("/v1/changes?limit=1000"),
  };
}

beforeAll(async () => {
  s = await e2eStack({ size: 40 });
  a = await s.newOffice("Kantoor A", { sync: true });
  b = await s.newOffice("Kantoor B", { sync: true });
  const spec = await fetch(`${s.url}/openapi.json`).then((r) => r.json());
  ops = [];
  for (const [p, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
    if (!p.startsWith("/v1/")) continue;
    for (const [method, opSpec] of Object.entries(item)) {
      const o = opSpec as { requestBody?: unknown; parameters?: { in: string; name: string }[] };
      ops.push({
        method: method.toUpperCase(),
        path: p,
        hasBody: !!o.requestBody,
        query: (o.parameters ?? []).filter((x) => x.in === "query").map((x) => x.name),
      });
    }
  }
  const aList = await s.call(a.keys.staff, "GET", "/v1/clients?limit=1");
  const bList = await s.call(b.keys.staff, "GET", "/v1/clients?limit=1");
  ids.aClient = aList.json.data[0].id;
  ids.bClient = bList.json.data[0].id;
  ids.aEnterprise =
    (await allClients(s, a.keys.staff)).find((c) => c.enterpriseNumber)?.enterpriseNumber ?? "";
  for (const [o, k] of [
    [a, "aImport"],
    [b, "bImport"],
  ] as const) {
    const res = await s.call(o.keys.staff, "POST", "/v1/imports", validImport(), {
      "idempotency-key": randomUUID(),
    });
    expect(res.status).toBe(201);
    ids[k] = res.json.id;
  }
});

afterAll(async () => {
  await s?.close();
});

describe("keys", () => {
  it("covers the API: the operations the worker documents", () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    for (const known of Object.keys(validBodies)) expect(names).toContain(known);
    expect(names).toContain("GET /v1/clients/{id}");
    expect(names).toContain("GET /v1/imports/{id}/rows.csv");
  });

  it("missing, malformed, wrong, unknown and revoked keys get one identical 401 on every operation", async () => {
    const created = await s.call(a.keys.admin, "POST", "/v1/keys", {
      name: "soon gone",
      role: "staff",
    });
    expect(created.status).toBe(201);
    expect((await s.call(a.keys.admin, "DELETE", `/v1/keys/${created.json.id}`)).status).toBe(204);
    const [, prefixA] = /^pb_([a-z0-9]{8})_/.exec(a.keys.admin) ?? [];
    const variants: Record<string, string | null> = {
      missing: null,
      empty: "",
      "not a key": "hello",
      "wrong scheme": `Basic ${Buffer.from("admin:admin").toString("base64")}`,
      "well-formed, unknown": `Bearer ${generateApiKey()}`,
      "real prefix, wrong secret": `Bearer pb_${prefixA}_${"0".repeat(64)}`,
      "truncated real key": `Bearer ${a.keys.admin.slice(0, -1)}`,
      "real key, upper case": `Bearer ${a.keys.admin.toUpperCase()}`,
      "SQL in the key": "Bearer pb_' OR '1'='1_--",
      revoked: `Bearer ${created.json.key}`,
    };
    const bodies = new Set<string>();
    for (const op of ops) {
      for (const [name, header] of Object.entries(variants)) {
        const res = await fetch(`${s.url}${fill(op, ids.aImport)}`, {
          method: op.method,
          headers: {
            ...(header === null ? {} : { authorization: header }),
            "content-type": "application/json",
          },
          body: op.hasBody
            ? JSON.stringify(validBodies[`${op.method} ${op.path}`]?.() ?? {})
            : undefined,
        });
        const text = await res.text();
        const problem = expectProblem(
          { status: res.status, headers: res.headers, text, json: JSON.parse(text) },
          401,
        );
        expect(problem.code, `${op.method} ${op.path} ${name}`).toBe("unauthorized");
        bodies.add(JSON.stringify(withoutRequestId(problem)));
      }
    }
    expect([...bodies]).toHaveLength(1);
  });

  it("a role that may not do something gets 403 forbidden, and nothing changes", async () => {
    const before = await state(a);
    const adminOnly = [
      ["POST", "/v1/keys"],
      ["GET", "/v1/keys"],
      ["DELETE", `/v1/keys/${a.keyIds.staff}`],
      ["GET", "/v1/connection"],
      ["PUT", "/v1/connection"],
      ["DELETE", "/v1/connection"],
      ["GET", "/v1/audit"],
    ] as const;
    const writers = [
      ["POST", "/v1/sync"],
      ["POST", "/v1/imports"],
      ["POST", "/v1/reconcile"],
    ] as const;
    const cases: [string, string, string][] = [
      ...adminOnly.flatMap(([m, p]): [string, string, string][] => [
        [m, p, a.keys.staff],
        [m, p, a.keys.service],
      ]),
      ...writers.map(([m, p]): [string, string, string] => [m, p, a.keys.service]),
    ];
    for (const [method, path, key] of cases) {
      const template = path.startsWith("/v1/keys/") ? "/v1/keys/{id}" : path;
      const body = validBodies[`${method} ${template}`]?.();
      const res = await s.call(key, method, path, body, { "idempotency-key": randomUUID() });
      expect(expectProblem(res, 403).code, `${method} ${path}`).toBe("forbidden");
    }
    expect(await state(a)).toEqual(before);
  });

  it("another office's resource is indistinguishable from a missing one", async () => {
    const before = await state(b);
    const missing = randomUUID();
    const cases: [string, string, string, unknown?][] = [
      ["GET", "/v1/clients/{id}", ids.bClient],
      ["GET", "/v1/imports/{id}", ids.bImport],
      ["GET", "/v1/imports/{id}/rows", ids.bImport],
      ["GET", "/v1/imports/{id}/rows.csv", ids.bImport],
      ["DELETE", "/v1/keys/{id}", b.keyIds.staff],
      ["POST", "/v1/sync", ids.bClient, "clientId"],
    ];
    for (const [method, template, foreignId, bodyField] of cases) {
      const ask = (id: string) =>
        bodyField
          ? s.call(a.keys.admin, method, template, { [bodyField as string]: id })
          : s.call(a.keys.admin, method, template.replace("{id}", id));
      const foreign = await ask(foreignId);
      const absent = await ask(missing);
      expectProblem(foreign, 404);
      expectProblem(absent, 404);
      expect(withoutRequestId(foreign.json), `${method} ${template}`).toEqual(
        withoutRequestId(absent.json),
      );
      expect(foreign.headers.get("content-type")).toBe(absent.headers.get("content-type"));
    }
    // B's key still works, its import and client are untouched.
    expect((await s.call(b.keys.staff, "GET", "/v1/me")).status).toBe(200);
    expect(await state(b)).toEqual(before);
  });
});

describe("bad input on every operation", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const tricks = [
    "\u0430dmin", // Cyrillic а: looks like "admin"
    "admin\u0000",
    "\u202eadmin",
    "adm\u200bin",
    "ａｄｍｉｎ",
    "admin' OR '1'='1",
    "admin; DROP TABLE api_keys; --",
    '=HYPERLINK("http://evil")',
    "+admin",
    "@admin",
  ];

  it("bodies: malformed, wrong types, unknown fields, huge, deeply nested, tricky strings → 4xx, no change", async () => {
    const before = await state(a);
    const bodyOps = ops.filter((o) => o.hasBody);
    expect(bodyOps.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    for (const op of bodyOps) {
      const name = `${op.method} ${op.path}`;
      const url = `${s.url}${fill(op, ids.aClient)}`;
      const big =
        op.path === "/v1/imports" || op.path === "/v1/reconcile" ? 17 * 1024 * 1024 : 200_000;
      const raw: [string, string | Uint8Array<ArrayBuffer>, string?][] = [
        ["malformed", '{"name": "x",'],
        ["truncated", '{"rows":[{"ref":"1"'],
        ["trailing garbage", "{} {}"],
        ["not JSON at all", "name=x&role=admin"],
        ["array", "[]"],
        ["string", '"admin"'],
        ["number", "42"],
        ["null", "null"],
        ["deep nesting", deep(20_000)],
        ["deep object nesting", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`],
        ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
        ["lone surrogate", '{"name":"\\ud800","role":"\\udfff"}'],
        ["huge", `{"name":"${"x".repeat(big)}"}`],
        [
          "prototype pollution",
          '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}',
        ],
      ];
      const valid = validBodies[name]?.() as Record<string, unknown> | undefined;
      if (valid) {
        raw.push(["unknown field", JSON.stringify({ ...valid, officeId: b.officeId })]);
        for (const field of Object.keys(valid)) {
          for (const wrong of [12345, true, [], { $ne: null }, null]) {
            raw.push([
              `${field} as ${JSON.stringify(wrong)}`,
              JSON.stringify({ ...valid, [field]: wrong }),
            ]);
          }
        }
      }
      if (name === "POST /v1/keys") {
        for (const t of tricks)
          raw.push([`role ${JSON.stringify(t)}`, JSON.stringify({ name: "x", role: t })]);
      }
      if (name === "PUT /v1/connection") {
        for (const t of tricks)
          raw.push([`kind ${JSON.stringify(t)}`, JSON.stringify({ kind: t, token: "abcdefghij" })]);
      }
      if (name === "POST /v1/imports" || name === "POST /v1/reconcile") {
        const row = validImport().rows[0]!;
        raw.push([
          "cell too long",
          JSON.stringify({ ...validImport(), rows: [{ ...row, name: "x".repeat(2001) }] }),
        ]);
        raw.push([
          "too many rows",
          JSON.stringify({
            ...validImport(),
            rows: Array.from({ length: 10_001 }, (_, i) => ({ ref: String(i) })),
          }),
        ]);
        raw.push(["no rows", JSON.stringify({ ...validImport(), rows: [] })]);
        raw.push([
          "row field unknown",
          JSON.stringify({ ...validImport(), rows: [{ ...row, bankAccount2: "BE68" }] }),
        ]);
        for (const t of tricks.slice(0, 5))
          raw.push([
            `overwrite field ${JSON.stringify(t)}`,
            JSON.stringify({ ...validImport(), choices: { overwrite: { "1": [t] }, add: [] } }),
          ]);
      }
      for (const [what, body, contentType] of raw) {
        const res = await fetch(url, {
          method: op.method,
          headers: {
            authorization: `Bearer ${a.keys.admin}`,
            "content-type": contentType ?? "application/json",
            "idempotency-key": randomUUID(),
          },
          body,
        });
        const text = await res.text();
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {}
        const label = `${name} — ${what}: ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        expectProblem({ status: res.status, headers: res.headers, text, json });
        seen.push(`${what}:${(json as { code?: string }).code}`);
      }
    }
    expect(seen.some((x) => x.startsWith("huge:payload_too_large"))).toBe(true);
    expect(seen.some((x) => x.startsWith("malformed:malformed_body"))).toBe(true);
    expect(await state(a)).toEqual(before);
  });

  it("wrong content type on a JSON endpoint is refused, not half-read", async () => {
    const before = await state(a);
    for (const [path, body] of [
      ["/v1/keys", "name=x&role=admin"],
      ["/v1/imports", JSON.stringify(validImport())],
    ] as const) {
      const res = await fetch(`${s.url}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${a.keys.admin}`,
          "content-type": "text/plain",
          "idempotency-key": randomUUID(),
        },
        body,
      });
      const text = await res.text();
      expectProblem({ status: res.status, headers: res.headers, text, json: JSON.parse(text) });
    }
    expect(await state(a)).toEqual(before);
  });

  it("query strings and path parameters: out of range, unknown, unicode, SQL-looking → 4xx", async () => {
    const before = await state(a);
    const bad = [
      "/v1/clients?limit=0",
      "/v1/clients?limit=-1",
      "/v1/clients?limit=abc",
      "/v1/clients?limit=%EF%BC%91%EF%BC%90", // fullwidth "10"
      "/v1/clients?limit=1e309",
      "/v1/clients?limit=100000",
      "/v1/clients?kind=c%D0%BEmpany", // Cyrillic о
      "/v1/clients?kind=company%00",
      "/v1/clients?officeId=other",
      "/v1/clients?cursor=not-a-cursor",
      `/v1/clients?enterpriseNumber=${encodeURIComponent("0403019261' OR '1'='1")}`,
      `/v1/clients?q=${"x".repeat(201)}`,
      "/v1/changes?cursor=1;DROP%20TABLE%20clients",
      "/v1/changes?cursor=-1",
      "/v1/changes?cursor=%D9%A1", // Arabic-Indic digit one
      "/v1/changes?limit=1001",
      "/v1/sync/runs?limit=0",
      "/v1/imports?limit=abc",
      "/v1/audit?limit=-5",
      `/v1/clients/by-enterprise/${encodeURIComponent("' OR 1=1 --")}`,
      `/v1/clients/by-enterprise/${encodeURIComponent("=1+1")}`,
      `/v1/clients/by-enterprise/${"9".repeat(41)}`,
      `/v1/clients/${encodeURIComponent("' OR '1'='1")}`,
      `/v1/clients/${"x".repeat(65)}`,
      `/v1/imports/${encodeURIComponent("../keys")}`,
      "/v1/nope",
    ];
    for (const p of bad) {
      const res = await s.call(a.keys.admin, "GET", p);
      expectProblem(res);
    }
    expect(await state(a)).toEqual(before);
  });

  it("SQL- and formula-looking search text is just text: it matches nothing and changes nothing", async () => {
    const before = await state(a);
    for (const q of [
      "' OR 1=1 --",
      "%",
      "_",
      "\\",
      '"; DROP TABLE clients; --',
      "=cmd|' /C calc'!A0",
      "*",
    ]) {
      const res = await s.call(a.keys.staff, "GET", `/v1/clients?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.json.data, q).toEqual([]);
    }
    expect(await state(a)).toEqual(before);
  });
});

describe("imports", () => {
  it("fuzzed import bodies over HTTP never cause a 5xx; accepted ones are stored whole", async () => {
    const office = await s.newOffice("Fuzz", { sync: true });
    const clientsBefore = snapshot(await allClients(s, office.keys.staff));
    const cell = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.constantFrom(
        "0403.019.261",
        "BE 0403 019 261",
        "=1+1",
        "+32 9 123 45 67",
        "@x",
        "-1",
        "' OR 1=1 --",
        "\u202e",
        "\u0000",
        "",
      ),
    );
    const row = fc.record(
      {
        ref: fc.string({ minLength: 1, maxLength: 10 }),
        kind: fc.oneof(fc.constantFrom("company", "person", "soleProprietor"), cell),
        name: cell,
        enterpriseNumber: cell,
        nationalNumber: cell,
        vatNumber: cell,
        email: cell,
        phone: cell,
        language: fc.oneof(fc.constantFrom("nl", "fr"), cell),
        address: fc.record({ postalCode: cell, city: cell, country: cell }, { requiredKeys: [] }),
      },
      { requiredKeys: ["ref"] },
    );
    const wellShaped = fc.record({
      source: fc.string({ minLength: 1, maxLength: 20 }),
      createdBy: fc.string({ minLength: 1, maxLength: 20 }),
      rows: fc.uniqueArray(row, { minLength: 1, maxLength: 8, selector: (r) => r.ref }),
      choices: fc.record({
        overwrite: fc.constant({}),
        add: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      }),
    });
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(wellShaped, anyJson), async (body) => {
        const res = await s.call(office.keys.staff, "POST", "/v1/imports", body, {
          "idempotency-key": randomUUID(),
        });
        if (res.status === 201) {
          accepted++;
          const { counts } = res.json;
          expect(counts.created + counts.updated + counts.unchanged + counts.rejected).toBe(
            counts.rows,
          );
          const rows = await s.call(
            office.keys.service,
            "GET",
            `/v1/imports/${res.json.id}/rows?limit=1000`,
          );
          expect(rows.status).toBe(200);
          expect(rows.json.data).toHaveLength((body as { rows: unknown[] }).rows.length);
        } else {
          expectProblem(res);
        }
      }),
      { numRuns: 60, seed: 20261125 },
    );
    expect(accepted).toBeGreaterThan(0);
    // An import is a record for other tools: it never rewrites the AdminPulse cache.
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(clientsBefore);
  });

  it("CSV exports neutralise cells that start with = + - @, and leave signed plain numbers as they are", async () => {
    const office = await s.newOffice("CSV");
    const evaluated = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1"];
    // A sign followed only by digits and number punctuation calls nothing: a phone number or a
    // lone dash must come out unchanged (issue 11: every `+32 …` phone came out as `'+32 …`).
    const plain = ["-", "+32 9 123 45 67"];
    const payloads = [...evaluated, ...plain];
    const rows = payloads.map((p, i) => ({
      ref: p,
      kind: "company",
      name: `${p} ${i}`,
      email: p,
      address: { city: p, street: p },
      enterpriseNumber: i === 0 ? "0403.019.261" : "",
    }));
    const res = await s.call(
      office.keys.staff,
      "POST",
      "/v1/imports",
      { source: "=evil()", createdBy: "@me", rows, choices: { overwrite: {}, add: payloads } },
      { "idempotency-key": randomUUID() },
    );
    expect(res.status, res.text).toBe(201);
    const csv = await s.call(office.keys.service, "GET", `/v1/imports/${res.json.id}/rows.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const cells = (parse(csv.text) as string[][]).flat();
    for (const p of evaluated) expect(cells).toContain(`'${p}`);
    for (const p of plain) expect(cells).toContain(p);
    for (const c of cells.filter((c) => !/^[+-][\d .,/()]*$/.test(c)))
      expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
  });
});
