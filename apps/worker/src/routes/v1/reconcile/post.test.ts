import {
  type Client,
  type ClientResource,
  clientFingerprint,
  maxLinksPerRequest,
  type ReconcileResult,
  toImportRow as toRow,
  validateRow,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { record, validEnterprise } from "../../../../test/fixtures.js";
import { call, connect, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { importRows, officeWithClients } from "../../../../test/import-fixtures.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("POST /v1/reconcile", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/reconcile",
    allowed: ["admin", "staff"],
    body: () => ({ rows: importRows() }),
    badInputs: [
      { name: "no rows", body: { rows: [] } },
      { name: "unknown field in a row", body: { rows: [{ ref: "1", name: "x", colour: "red" }] } },
      { name: "number where a cell string is expected", body: { rows: [{ ref: "1", name: 42 }] } },
      { name: "unknown top-level field", body: { rows: [{ ref: "1" }], officeId: "x" } },
      { name: "malformed JSON", rawBody: '{"rows": [' },
    ],
  });

  it("checks IBAN, phone, e-mail domain and postcode-town exactly as the pane does (issue 15)", async () => {
    const h = harness();
    const office = await newOffice();
    await connect(h, office);
    const row = (ref: string, n: number, extra: object) => ({
      ref,
      kind: "company",
      name: `Field Check ${n} BV`,
      enterpriseNumber: validEnterprise(900 + n),
      ...extra,
    });
    const rows = [
      row("iban", 1, { iban: "BE56 3631 2345 7688" }),
      row("phone", 2, { phone: "09 123 45 67" }),
      row("mail", 3, { email: "jan@gmial.com" }),
      row("town", 4, { address: { postalCode: "9000", city: "Antwerpen" } }),
      row("clean", 5, {
        iban: "BE56 3631 2345 6788",
        phone: "0470/12.34.56",
        email: "jan@gmail.com",
        address: { postalCode: "9000", city: "Gent" },
      }),
    ];
    const res = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows },
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReconcileResult;
    // Whatever the worker says about a row is what validateRow says in the pane.
    const issuesOf = (ref: string) =>
      r.invalid.find((i) => i.ref === ref)?.issues ??
      r.onlyInImport.find((o) => o.ref === ref)?.warnings;
    for (const input of rows) {
      const local = validateRow(input, { today: new Date() });
      expect(issuesOf(input.ref), input.ref).toEqual(local.ok ? local.warnings : local.issues);
    }
    expect(r.invalid.map((i) => i.ref)).toEqual(["iban"]);
    expect(issuesOf("iban")?.[0]).toMatchObject({
      field: "iban",
      suggestions: expect.arrayContaining(["BE56363123456788"]),
    });
    expect(issuesOf("phone")?.map((i) => [i.field, i.severity])).toEqual([["phone", "warning"]]);
    expect(issuesOf("mail")?.[0]).toMatchObject({
      code: "id.email_domain_typo",
      suggestions: ["jan@gmail.com"],
    });
    expect(issuesOf("town")?.[0]).toMatchObject({
      code: "row.postcode_city_mismatch",
      suggestions: expect.arrayContaining(["9000 Gent", "2000 Antwerpen"]),
    });
    const clean = r.onlyInImport.find((o) => o.ref === "clean");
    expect(clean?.warnings).toEqual([]);
    expect(clean?.client).toMatchObject({
      iban: "BE56363123456788",
      bic: "BBRUBEBB",
      phone: "+32470123456",
    });
  });

  it("sorts rows into the four buckets against this office's cache, with field differences", async () => {
    const h = harness();
    const office = await newOffice();
    await connect(h, office);
    const { id1 } = await officeWithClients(h, office);
    const res = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows: importRows() },
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReconcileResult;
    expect(r.matching.map((m) => [m.ref, m.id, m.differences.map((d) => d.field)])).toEqual([
      ["r1", id1, ["email"]],
    ]);
    expect(r.onlyInImport.map((o) => o.ref).sort()).toEqual(["r2", "r4"]);
    expect(r.onlyInTarget).toHaveLength(2);
    expect(r.invalid.map((i) => i.ref)).toEqual(["r3"]);
    expect(r.invalid[0]!.issues.map((i) => i.field).sort()).toEqual(["enterpriseNumber", "name"]);

    // Another office reconciles against its own (empty) cache.
    const other = await newOffice();
    const o = (await (
      await call(h, "POST", "/v1/reconcile", {
        key: other.keys.staff,
        body: { rows: importRows() },
      })
    ).json()) as ReconcileResult;
    expect(o.matching).toEqual([]);
    expect(o.onlyInTarget).toEqual([]);
  });

  it("a pulled row whose bad enterprise number was fixed updates its own client (identity first)", async () => {
    const h = harness();
    const office = await newOffice();
    await connect(h, office);
    const { id1 } = await officeWithClients(h, office);
    // As pulled, but with another (valid) enterprise number: it still is client ap-1.
    const rows = [
      {
        ref: "2",
        sourceIds: { adminpulseId: "ap-1" },
        kind: "company",
        name: "Client 0001 BV",
        enterpriseNumber: validEnterprise(777),
      },
      // An invalid row that carries its client's id still claims it.
      { ref: "3", sourceIds: { adminpulseId: "ap-2" }, kind: "company", name: "" },
    ];
    const res = await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body: { rows } });
    const r = (await res.json()) as ReconcileResult;
    expect(r.onlyInImport).toEqual([]);
    expect(
      r.matching.map((m) => [m.ref, m.id, m.matchedOn, m.differences.map((d) => d.field)]),
    ).toEqual([["2", id1, "adminpulseId", ["enterpriseNumber"]]]);
    expect(r.invalid.map((i) => [i.ref, Boolean(i.id)])).toEqual([["3", true]]);
    expect(r.onlyInTarget.map((t) => t.adminpulseId)).toEqual(["ap-3"]);
    // Compact: no full records of clients nobody asked about.
    expect(Object.keys(r.onlyInTarget[0]!).sort()).toEqual([
      "adminpulseId",
      "code",
      "enterpriseNumber",
      "id",
      "kind",
      "name",
      "nationalNumber",
    ]);
  });

  it("counts only the pull's scope as only in PulseBridge (task template, search)", async () => {
    const h = harness();
    const office = await newOffice();
    h.source.records = [record(1, {}, ["VAK"]), record(2, {}, ["VAK"]), record(3), record(4)];
    await seedClients(h, office);
    const rows = [
      { ref: "2", kind: "company", name: "Client 0001 BV", enterpriseNumber: validEnterprise(1) },
    ];
    const review = async (scope?: unknown) =>
      (await (
        await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body: { rows, scope } })
      ).json()) as ReconcileResult;
    const names = (r: ReconcileResult) => r.onlyInTarget.map((t) => t.adminpulseId).sort();
    expect(names(await review())).toEqual(["ap-2", "ap-3", "ap-4"]);
    expect(names(await review({ mode: "taskTemplate", taskTemplate: "VAK" }))).toEqual(["ap-2"]);
    expect(names(await review({ mode: "search", text: "client 0003" }))).toEqual(["ap-3"]);
    expect(names(await review({ mode: "search", text: `BE ${validEnterprise(4)}` }))).toEqual([
      "ap-4",
    ]);
    const bad = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows, scope: { mode: "taskTemplate" } },
    });
    expect(bad.status).toBe(400);
  });

  it("known rows: unchanged pulled rows by fingerprint, the rest asked again; compact answers (issue 14)", async () => {
    const h = harness();
    const office = await newOffice();
    await connect(h, office);
    h.source.records = [record(1), record(2), record(3)];
    await seedClients(h, office);
    const list = (await (
      await call(h, "GET", "/v1/clients", { key: office.keys.staff })
    ).json()) as {
      data: ClientResource[];
    };
    const pulled = new Map(list.data.map((c) => [c.sourceIds.adminpulseId, c]));
    const asClient = ({
      id: _i,
      changeSeq: _s,
      updatedAt: _u,
      taskTemplates: _t,
      sourceProblems: _p,
      ...c
    }: ClientResource): Client => c;
    const knownRow = async (ref: string, ap: string, edit: Partial<Client> = {}) => {
      const c = pulled.get(ap)!;
      return {
        ref,
        id: c.id,
        version: String(c.changeSeq),
        fingerprint: await clientFingerprint({ ...asClient(c), ...edit }),
      };
    };
    // AdminPulse changes ap-1's e-mail after the pull; the sheet changed ap-2's phone.
    h.source.records = [record(1, { email: "nieuw@client1.be" }), record(2), record(3)];
    await seedClients(h, office);
    const known = [
      await knownRow("2", "ap-1"),
      await knownRow("3", "ap-2", { phone: "+3292000000" }),
      // Another office's client, and a version this office never had.
      { ...(await knownRow("4", "ap-3")), id: "cl_of_another_office" },
      { ...(await knownRow("5", "ap-3")), version: "999999" },
    ];
    const review = async (body: object) => {
      const res = await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body });
      expect(res.status).toBe(200);
      return (await res.json()) as ReconcileResult & Record<string, unknown>;
    };
    const r = await review({ rows: [], known, answer: "compact" });
    expect(r.resend).toEqual(["3", "4", "5"]);
    expect(r.matching).toEqual([
      {
        ref: "2",
        id: pulled.get("ap-1")!.id,
        matchedOn: "clientId",
        version: pulled.get("ap-1")!.changeSeq,
        currentVersion: expect.any(Number),
        name: "Client 0001 BV",
        enterpriseNumber: validEnterprise(1),
        nationalNumber: null,
        code: expect.anything(),
        differences: [
          {
            field: "email",
            imported: pulled.get("ap-1")!.email,
            existing: "nieuw@client1.be",
            origin: "source",
          },
        ],
      },
    ]);
    expect(r.onlyInTarget.map((t) => t.adminpulseId).sort()).toEqual(["ap-2", "ap-3"]);
    // The same row in full (and the default, full answer) says the same.
    const c1 = pulled.get("ap-1")!;
    const full = await review({
      rows: [{ ...toRow(asClient(c1), "2"), id: c1.id, version: String(c1.changeSeq) }],
    });
    expect(full.resend).toBeUndefined();
    expect(full.matching[0]?.differences).toEqual(r.matching[0]?.differences);
    expect(full.matching[0]?.client).toBeDefined();
    // A later request of a review in several parts asks for no second "only in" list.
    expect(full.onlyInTarget.length).toBeGreaterThan(0);
    const later = await review({ rows: [toRow(asClient(c1), "2")], onlyInTarget: false });
    expect(later.onlyInTarget).toEqual([]);
    // A known row is a row: refs stay unique across both lists, and one list may not overflow.
    const dup = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows: [{ ref: "2", name: "x" }], known: [known[0]] },
    });
    expect(dup.status).toBe(400);
    const problem = (await dup.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors.map((e) => [e.field, e.code])).toEqual([
      ["known.0.ref", "duplicate_ref"],
    ]);
    const bad = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows: [], known: [{ ...known[0], fingerprint: "x" }] },
    });
    expect(bad.status).toBe(400);
    const empty = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows: [], known: [] },
    });
    expect(empty.status).toBe(400);
  });
});

describe("POST /v1/reconcile: links per request (issue 11)", () => {
  const linked = (i: number, links: number) => ({
    ref: `row-${i}`,
    kind: "company",
    name: `Rij ${i} BV`,
    enterpriseNumber: validEnterprise(7000 + i),
    links: Array.from({ length: links }, () => ({ role: "director" })),
  });

  it("over the cap: 413 too_many_links naming the row that passes it, as a push", async () => {
    const h = harness();
    const office = await newOffice();
    // 250 rows × 200 links = 50,000; row 250's one link takes the request past the cap.
    const rows = [...Array.from({ length: 250 }, (_, i) => linked(i, 200)), linked(250, 1)];
    expect(rows.reduce((n, r) => n + r.links.length, 0)).toBe(maxLinksPerRequest + 1);
    const res = await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body: { rows } });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as {
      code: string;
      errors?: { field?: string; ref?: string; code: string }[];
    };
    expect(problem.code).toBe("payload_too_large");
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: "rows.250.links", ref: "row-250", code: "too_many_links" }),
    ]);
  });

  it("at the cap the review answers, its new clients with their links", async () => {
    const h = harness();
    const office = await newOffice();
    const rows = Array.from({ length: maxLinksPerRequest / 200 }, (_, i) => linked(i, 200));
    const res = await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body: { rows } });
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReconcileResult;
    // Every row is answered (new or invalid: a bare role is not a whole link), none refused.
    expect(r.onlyInImport.length + r.invalid.length).toBe(rows.length);
    expect(new Set([...r.onlyInImport, ...r.invalid].map((x) => x.ref)).size).toBe(rows.length);
  });
});
