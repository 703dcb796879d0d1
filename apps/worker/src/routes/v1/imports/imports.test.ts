import type { ImportResponse, ImportRowResource } from "@pulsebridge/core";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../../../test/fixtures.js";
import { call, harness, newOffice, type Office } from "../../../../test/harness.js";
import { importBody, officeWithClients } from "../../../../test/import-fixtures.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

async function pushed(h: ReturnType<typeof harness>, office: Office) {
  const { id1 } = await officeWithClients(h, office);
  const res = await call(h, "POST", "/v1/imports", {
    key: office.keys.staff,
    body: importBody(id1),
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect(res.status).toBe(201);
  return { id1, imp: (await res.json()) as ImportResponse };
}

describe("POST /v1/imports", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/imports",
    allowed: ["admin", "staff"],
    body: () => ({
      source: "excel",
      createdBy: "x",
      rows: [{ ref: "1", name: "A", kind: "company" }],
      choices: { overwrite: {}, add: [] },
    }),
    badInputs: [
      { name: "no choices", body: { source: "excel", createdBy: "x", rows: [{ ref: "1" }] } },
      {
        name: "unknown field",
        body: {
          source: "excel",
          createdBy: "x",
          rows: [{ ref: "1" }],
          choices: { overwrite: {}, add: [] },
          status: "accepted",
        },
      },
      {
        name: "bad overwrite field",
        body: {
          source: "excel",
          createdBy: "x",
          rows: [{ ref: "1" }],
          choices: { overwrite: { a: ["password"] }, add: [] },
        },
      },
      { name: "malformed JSON", rawBody: "[" },
    ],
  });

  it("refuses duplicate refs with a 400 naming both rows, and stores nothing", async () => {
    const h = harness();
    const office = await newOffice();
    const body = {
      source: "excel",
      createdBy: "x",
      rows: [
        { ref: "K-1", kind: "company", name: "Alpha", enterpriseNumber: validEnterprise(700) },
        { ref: "K-2", kind: "company", name: "Gamma", enterpriseNumber: validEnterprise(702) },
        { ref: "K-1", kind: "company", name: "Beta", enterpriseNumber: validEnterprise(701) },
      ],
      choices: { overwrite: {}, add: ["K-1", "K-2"] },
    };
    for (const path of ["/v1/imports", "/v1/reconcile"]) {
      const res = await call(h, "POST", path, {
        key: office.keys.staff,
        body: path === "/v1/imports" ? body : { rows: body.rows },
        headers: { "idempotency-key": crypto.randomUUID() },
      });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as {
        code: string;
        errors: { field: string; code: string; message: string }[];
      };
      expect(problem.code).toBe("validation_failed");
      expect(problem.errors).toEqual([
        expect.objectContaining({ field: "rows.2.ref", code: "duplicate_ref" }),
      ]);
      expect(problem.errors[0]!.message).toContain("rows.0.ref");
    }
    const list = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.staff })
    ).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
  });

  it("stores the import with every row's outcome; rejected rows come back with every reason", async () => {
    const h = harness();
    const office = await newOffice();
    const { imp, id1 } = await pushed(h, office);
    expect(imp).toMatchObject({
      source: "excel",
      createdBy: "an.peeters@kantoor.be",
      status: "partially_accepted",
      counts: { rows: 4, created: 1, updated: 1, unchanged: 1, rejected: 1 },
    });
    expect(imp.rejected.map((r) => r.ref)).toEqual(["r3"]);
    expect(imp.rejected[0]!.issues.map((i) => i.field).sort()).toEqual([
      "enterpriseNumber",
      "name",
    ]);

    const rows = (await (
      await call(h, "GET", `/v1/imports/${imp.id}/rows`, { key: office.keys.service })
    ).json()) as {
      data: ImportRowResource[];
    };
    expect(rows.data.map((r) => [r.ref, r.action])).toEqual([
      ["r1", "update"],
      ["r2", "create"],
      ["r3", "rejected"],
      ["r4", "unchanged"],
    ]);
    expect(rows.data[0]).toMatchObject({
      clientId: id1,
      fields: ["email"],
      client: { email: "boekhouding@client1.be" },
    });
    expect(rows.data[1]!.client).toMatchObject({
      enterpriseNumber: expect.stringMatching(/^0\d{9}$/),
    });

    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: office.keys.admin })
    ).json()) as {
      data: { action: string; target: string; details: Record<string, unknown> }[];
    };
    expect(audit.data.find((e) => e.action === "import.pushed")).toMatchObject({ target: imp.id });
    expect(audit.data.find((e) => e.action === "import.overwrites")?.details).toMatchObject({
      overwrites: [{ ref: "r1", clientId: id1, fields: ["email"] }],
    });
  });

  it("is idempotent: same key + same body → the stored result; same key + other body → 409", async () => {
    const h = harness();
    const office = await newOffice();
    const { id1 } = await officeWithClients(h, office);
    const key = crypto.randomUUID();
    const send = (body: unknown) =>
      call(h, "POST", "/v1/imports", {
        key: office.keys.staff,
        body,
        headers: { "idempotency-key": key },
      });
    const first = await send(importBody(id1));
    expect(first.status).toBe(201);
    const a = (await first.json()) as ImportResponse;
    const again = await send(importBody(id1));
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(a);
    const other = await send({ ...importBody(id1), createdBy: "someone else" });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: "idempotency_conflict" });
    const list = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.service })
    ).json()) as { data: { id: string }[] };
    expect(list.data.map((i) => i.id)).toEqual([a.id]);

    // The same key in another office is a different import.
    const otherOffice = await newOffice();
    const res = await call(h, "POST", "/v1/imports", {
      key: otherOffice.keys.staff,
      body: { ...importBody(id1), choices: { overwrite: {}, add: [] } },
      headers: { "idempotency-key": key },
    });
    expect(res.status).toBe(201);
  });

  it("without an Idempotency-Key → 400", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: importBody("x"),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "idempotency_key_required" });
  });
});

describe("GET /v1/imports/{id}, rows, rows.csv", () => {
  const setup = async (h: ReturnType<typeof harness>, office: Office) => ({
    id: (await pushed(h, office)).imp.id,
  });
  for (const suffix of ["", "/rows", "/rows.csv"]) {
    runRouteSecurity(harness, {
      method: "GET",
      path: ({ seed }) => `/v1/imports/${seed.id}${suffix}`,
      allowed: ["admin", "staff", "service"],
      ownsResource: true,
      setup,
    });
  }

  it("CSV: one line per row, formula-looking cells neutralised", async () => {
    const h = harness();
    const office = await newOffice();
    const { imp } = await pushed(h, office);
    const res = await call(h, "GET", `/v1/imports/${imp.id}/rows.csv`, {
      key: office.keys.service,
    });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]!.startsWith("ref,action,clientId")).toBe(true);
    const r4 = lines.find((l) => l.startsWith("r4,"))!;
    expect(r4).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/(^|,)=/m);
  });

  it("CSV and stored client carry a person's split name, phone in E.164 and IBAN with BIC (issue 15)", async () => {
    const h = harness();
    const office = await newOffice();
    await officeWithClients(h, office);
    const person = {
      ref: "p1",
      kind: "person",
      firstName: "Jan",
      lastName: "Peeters",
      nationalNumber: "85073003328",
      phone: "0470/12.34.56",
      iban: "BE56 3631 2345 6788",
    };
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: {
        source: "excel",
        createdBy: "x",
        rows: [person],
        choices: { overwrite: {}, add: ["p1"] },
      },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(res.status).toBe(201);
    const imp = (await res.json()) as ImportResponse;
    const csv = await (
      await call(h, "GET", `/v1/imports/${imp.id}/rows.csv`, { key: office.keys.staff })
    ).text();
    const [header, line] = csv.trimEnd().split("\r\n") as [string, string];
    const cells = Object.fromEntries(header.split(",").map((k, i) => [k, line.split(",")[i]]));
    expect(cells).toMatchObject({
      name: "Peeters Jan",
      firstName: "Jan",
      lastName: "Peeters",
      // A phone number is a signed plain number: written unchanged (quoted), never prefixed.
      phone: '"+32470123456"',
      iban: "BE56363123456788",
      bic: "BBRUBEBB",
    });
  });

  it("CSV: UTF-8 BOM, `;` or `,` separator; payloads holding either never split or evaluate (issue 11)", async () => {
    const h = harness();
    const office = await newOffice();
    await officeWithClients(h, office);
    const rows = [
      {
        ref: "s1",
        kind: "company",
        name: "Dupont; Fils & Cie",
        enterpriseNumber: validEnterprise(801),
      },
      {
        ref: "s2",
        kind: "company",
        name: "Janssens, Peeters BV",
        enterpriseNumber: validEnterprise(802),
      },
      { ref: "s3", kind: "company", name: "=1+2;=3,4", enterpriseNumber: validEnterprise(803) },
      {
        ref: "s4",
        kind: "company",
        name: "Bakkerij L\u2019\u00c9pi",
        phone: "+32 9 123 45 67",
        enterpriseNumber: validEnterprise(804),
      },
    ];
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: {
        source: "excel",
        createdBy: "x",
        rows,
        choices: { overwrite: {}, add: ["s1", "s2", "s3", "s4"] },
      },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const imp = (await res.json()) as ImportResponse;
    for (const sep of [";", ","] as const) {
      const out = await call(
        h,
        "GET",
        `/v1/imports/${imp.id}/rows.csv?separator=${encodeURIComponent(sep)}`,
        {
          key: office.keys.staff,
        },
      );
      const bytes = new Uint8Array(await out.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true })
        .decode(bytes)
        .slice(1);
      const parsed = parse(csv, { delimiter: sep }) as string[][];
      const head = parsed[0]!;
      const col = (name: string) => head.indexOf(name);
      for (const line of parsed) expect(line).toHaveLength(head.length);
      const byRef = Object.fromEntries(parsed.slice(1).map((l) => [l[0], l]));
      expect(byRef.s1![col("name")]).toBe("Dupont; Fils & Cie");
      expect(byRef.s2![col("name")]).toBe("Janssens, Peeters BV");
      expect(byRef.s3![col("name")]).toBe("'=1+2;=3,4");
      expect(byRef.s4![col("name")]).toBe("Bakkerij L\u2019\u00c9pi");
      expect(byRef.s4![col("phone")]).toMatch(/^\+32/);
    }
  });

  it("GET /v1/imports/{id} returns the summary and rejected rows", async () => {
    const h = harness();
    const office = await newOffice();
    const { imp } = await pushed(h, office);
    const res = await call(h, "GET", `/v1/imports/${imp.id}`, { key: office.keys.service });
    expect(await res.json()).toEqual(imp);
  });
});

describe("large imports", () => {
  it("3,000 rows (over 1.5 MB of row JSON) are stored in a few json_each statements, all of them", async () => {
    const h = harness();
    const office = await newOffice();
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      ref: `row-${i}`,
      kind: "company",
      name: `Bulk Client ${i} BV — ${"x".repeat(200)}`,
      enterpriseNumber: validEnterprise(10_000 + i),
      email: `bulk${i}@example.be`,
      address: {
        street: "Stationsstraat",
        number: String(i),
        postalCode: "2000",
        city: "Antwerpen",
        country: "BE",
      },
    }));
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: {
        source: "excel",
        createdBy: "bulk",
        rows,
        choices: { overwrite: {}, add: rows.map((r) => r.ref) },
      },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(res.status).toBe(201);
    const imp = (await res.json()) as ImportResponse;
    expect(imp.counts).toEqual({
      rows: 3000,
      created: 3000,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await call(
          h,
          "GET",
          `/v1/imports/${imp.id}/rows?limit=2000${cursor ? `&cursor=${cursor}` : ""}`,
          { key: office.keys.service },
        )
      ).json()) as { data: ImportRowResource[]; nextCursor: string | null };
      seen.push(...page.data.map((r) => r.ref));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rows.map((r) => r.ref));
  });
});
