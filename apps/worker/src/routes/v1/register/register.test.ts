import { env } from "cloudflare:workers";
import type { ClientListResponse } from "@pulsebridge/core";
import {
  type ClientRegisterResponse,
  kboSchema,
  kboTables,
  type RegisterBulkResponse,
  sqlName,
} from "@pulsebridge/kbo/portable";
import { describe, expect, it } from "vitest";
import { record, validEnterprise } from "../../../../test/fixtures.js";
import {
  call,
  type Harness,
  harness,
  newOffice,
  type Office,
  seedClients,
} from "../../../../test/harness.js";
import { loadRegister, type RegisterFixtureEntry } from "../../../../test/register-fixture.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

const allRoles = ["admin", "staff", "service"] as const;
const en = validEnterprise;
const rego = (i: number, street = "Kerkstraat") => ({
  street,
  number: String(i),
  zip: "9000",
  city: "Gent",
});

/** The register: 1 matches, 2 has another name, 3 is in liquidation, 6 has moved; 4 is absent. */
const register: RegisterFixtureEntry[] = [
  { number: en(1), names: [{ lang: "2", text: "Client 0001" }], rego: rego(1) },
  {
    number: en(2),
    names: [
      { lang: "2", text: "Bakkerij Peeters" },
      { lang: "1", text: "Boulangerie Peeters" },
    ],
    rego: rego(2),
  },
  { number: en(3), situation: "012", names: [{ lang: "2", text: "Client 0003" }], rego: rego(3) },
  { number: en(6), names: [{ lang: "2", text: "Client 0006" }], rego: rego(10, "Veldstraat") },
];

async function seeded(): Promise<{ h: Harness; office: Office; ids: Record<number, string> }> {
  const h = harness();
  h.source.records = [
    record(1),
    record(2),
    record(3),
    record(4),
    record(5, { kind: "person", enterpriseNumber: null, nationalNumber: "85073003328" }),
    record(6),
  ];
  const office = await newOffice();
  await seedClients(h, office);
  const list = (await (
    await call(h, "GET", "/v1/clients", { key: office.keys.staff })
  ).json()) as ClientListResponse;
  const ids: Record<number, string> = {};
  for (const c of list.data) ids[Number(c.sourceIds.adminpulseId?.slice(3))] = c.id;
  return { h, office, ids };
}

const getCheck = async (h: Harness, key: string, id: string, qs = "", headers = {}) => {
  const res = await call(h, "GET", `/v1/clients/${id}/register${qs}`, { key, headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as ClientRegisterResponse).data;
};

describe("register tables (migration 0001)", () => {
  it("match kboSchemaSql: same columns, WITHOUT ROWID, no office column", async () => {
    for (const def of Object.values(kboTables)) {
      const cols = await env.DB.prepare(`select name from pragma_table_info('${def.name}')`).all<{
        name: string;
      }>();
      expect(cols.results.map((c) => c.name)).toEqual(def.columns.map(([c]) => c));
      const ddl = await env.DB.prepare("select sql from sqlite_master where name = ?")
        .bind(def.name)
        .first<{ sql: string }>();
      expect(ddl?.sql).toMatch(/WITHOUT ROWID$/);
    }
  });

  it("match kboSchema, the one description kbo:load's DDL comes from: types, nulls, keys, indexes", async () => {
    for (const t of Object.values(kboSchema)) {
      const cols = await env.DB.prepare(
        `select name, type, "notnull" as nn, pk from pragma_table_info('${t.name}')`,
      ).all<{ name: string; type: string; nn: number; pk: number }>();
      expect(cols.results.map((c) => [c.name, c.type.toLowerCase(), c.nn === 0])).toEqual(
        t.columns.map((c) => [sqlName(c.field), c.type, c.nullable]),
      );
      const key = cols.results.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      expect(key.map((c) => c.name)).toEqual(t.primaryKey.map(sqlName));
      const indexes = await env.DB.prepare(
        `select name from pragma_index_list('${t.name}') where origin = 'c' order by name`,
      ).all<{ name: string }>();
      expect(indexes.results.map((i) => i.name)).toEqual(t.indexes.map((i) => i.name).sort());
      const ddl = await env.DB.prepare("select sql from sqlite_master where name = ?")
        .bind(t.name)
        .first<{ sql: string }>();
      expect(/WITHOUT ROWID$/.test(ddl?.sql ?? "")).toBe(t.withoutRowid);
      if (t.singleRow) expect(ddl?.sql).toContain(`CONSTRAINT "${t.singleRow.name}" CHECK`);
    }
  });
});

describe("GET /v1/clients/{id}/register", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: ({ seed }) => `/v1/clients/${seed.id}/register`,
    allowed: [...allRoles],
    ownsResource: true,
    setup: async (h, office) => {
      h.source.records = [record(1)];
      await seedClients(h, office);
      const list = (await (
        await call(h, "GET", "/v1/clients", { key: office.keys.staff })
      ).json()) as ClientListResponse;
      return { id: list.data[0]!.id };
    },
    badInputs: [
      { name: "unsupported lang", path: "/v1/clients/x/register?lang=de" },
      { name: "unknown query field", path: "/v1/clients/x/register?officeId=1" },
    ],
  });

  it("loads a synthetic register through D1 batches and reports findings in the caller's language", async () => {
    const loaded = await loadRegister(register);
    expect(loaded.meta).toMatchObject({ extractNumber: 140, snapshotDate: "2025-10-04" });
    expect(loaded.batches).toBeGreaterThan(1);
    const { h, office, ids } = await seeded();
    const key = office.keys.service;

    expect(await getCheck(h, key, ids[1]!)).toMatchObject({
      status: "ok",
      snapshotDate: "2025-10-04",
      enterpriseNumber: en(1),
      findings: [],
    });

    const fr = await getCheck(h, key, ids[2]!, "?lang=fr");
    expect(fr).toMatchObject({ status: "differs", lang: "fr", snapshotDate: "2025-10-04" });
    expect(fr.findings).toEqual([
      expect.objectContaining({
        code: "kbo.name_differs",
        field: "name",
        registerValue: "Boulangerie Peeters",
        clientValue: "Client 0002 BV",
        snapshotDate: "2025-10-04",
        localizedMessage: expect.stringContaining("Le nom diffère"),
      }),
    ]);

    // Accept-Language with a regional tag; the situation's description comes from code.csv.
    const nl = await getCheck(h, key, ids[3]!, "", { "accept-language": "nl-BE,fr;q=0.5" });
    expect(nl.lang).toBe("nl");
    expect(nl.findings).toEqual([
      expect.objectContaining({
        code: "kbo.juridical_situation",
        registerValue: "Vrijwillige ontbinding - vereffening",
      }),
    ]);

    const missing = await getCheck(h, key, ids[4]!);
    expect(missing).toMatchObject({ status: "not_in_register", lang: "en" });
    expect(missing.findings[0]?.message).toContain("unknown, stopped or never existed");

    expect(await getCheck(h, key, ids[5]!)).toMatchObject({
      status: "not_applicable",
      findings: [],
    });

    const moved = await getCheck(h, key, ids[6]!, "?lang=nl");
    expect(moved.findings).toEqual([
      expect.objectContaining({
        code: "kbo.address_differs",
        registerValue: {
          street: "Veldstraat",
          number: "10",
          box: null,
          postalCode: "9000",
          city: "Gent",
          country: "BE",
        },
      }),
    ]);
  });

  it("says no register is loaded rather than judging", async () => {
    await loadRegister(register);
    await env.DB.prepare("update kbo_meta set finished_at = null").run();
    const { h, office, ids } = await seeded();
    expect(await getCheck(h, office.keys.staff, ids[1]!)).toMatchObject({
      status: "not_loaded",
      snapshotDate: null,
      findings: [],
    });
  });
});

describe("GET /v1/clients?register=differs", () => {
  const names = async (h: Harness, office: Office) => {
    const res = await call(h, "GET", "/v1/clients?register=differs", { key: office.keys.staff });
    expect(res.status).toBe(200);
    return ((await res.json()) as ClientListResponse).data.map((c) => c.name).sort();
  };

  it("lists the clients that differ from the register, and follows client edits and register loads", async () => {
    await loadRegister(register);
    const { h, office } = await seeded();
    expect(await names(h, office)).toEqual([
      "Client 0002 BV",
      "Client 0003 BV",
      "Client 0004 BV",
      "Client 0006 BV",
    ]);

    // The client is corrected in AdminPulse: after the sync it no longer differs.
    h.source.records[1] = record(2, { name: "Bakkerij Peeters BV" });
    await seedClients(h, office);
    expect(await names(h, office)).not.toContain("Bakkerij Peeters BV");

    // A newer register where client 1's name changed: every status is re-checked.
    await loadRegister(
      [{ ...register[0]!, names: [{ lang: "2", text: "Nieuwe Naam" }] }, ...register.slice(1)],
      { snapshotDate: "2025-11-01", extractNumber: 141 },
    );
    expect(await names(h, office)).toEqual([
      "Client 0001 BV",
      "Client 0003 BV",
      "Client 0004 BV",
      "Client 0006 BV",
    ]);
  });

  it("never shows another office's clients, and lists nothing before a register is loaded", async () => {
    await loadRegister(register);
    const { h } = await seeded();
    const other = await newOffice("Other office");
    expect(await names(h, other)).toEqual([]);
    await env.DB.prepare("update kbo_meta set finished_at = null").run();
    const again = await seeded();
    expect(await names(again.h, again.office)).toEqual([]);
  });

  it("rejects an unknown register filter value", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "GET", "/v1/clients?register=same", { key: office.keys.staff });
    expect(res.status).toBe(400);
  });
});

describe("POST /v1/register/check", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/register/check",
    allowed: [...allRoles],
    body: () => ({ ids: ["x"] }),
    badInputs: [
      { name: "no ids", body: { ids: [] } },
      { name: "too many ids", body: { ids: Array.from({ length: 1001 }, (_, i) => `c${i}`) } },
      { name: "unknown field", body: { ids: ["a"], officeId: "x" } },
      { name: "malformed JSON", rawBody: "{" },
    ],
    oversizeBytes: 70 * 1024,
  });

  it("checks many clients in one call, in order; unknown and other offices' ids are only notFound", async () => {
    await loadRegister(register);
    const { h, office, ids } = await seeded();
    const foreign = await seeded();
    const asked = [ids[3]!, ids[1]!, "no-such-id", foreign.ids[2]!, ids[4]!];
    const res = await call(h, "POST", "/v1/register/check?lang=fr", {
      key: office.keys.staff,
      body: { ids: asked },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RegisterBulkResponse;
    expect(body).toMatchObject({ snapshotDate: "2025-10-04", lang: "fr" });
    expect(body.data.map((d) => [d.clientId, d.status])).toEqual([
      [ids[3], "differs"],
      [ids[1], "ok"],
      [ids[4], "not_in_register"],
    ]);
    expect(body.notFound).toEqual(["no-such-id", foreign.ids[2]]);
    expect(body.data[0]?.findings[0]?.localizedMessage).toContain(
      "Dissolution volontaire - liquidation",
    );
  });
});

describe("OpenAPI", () => {
  it("documents the register endpoints, the list filter and the finding schema", async () => {
    const res = await call(harness(), "GET", "/openapi.json");
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/clients/{id}/register", "/v1/register/check"]),
    );
    expect(doc.paths["/v1/clients"]?.get?.parameters?.map((p) => p.name)).toContain("register");
    const text = JSON.stringify(doc.paths["/v1/clients/{id}/register"]);
    for (const field of ["registerValue", "snapshotDate", "localizedMessage", "kbo.name_differs"])
      expect(text).toContain(field);
  });
});
