import type { ClientListResponse, ClientResource } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { record, validEnterprise } from "../../../../test/fixtures.js";
import { call, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { encodeCursor } from "../../../lib/cursor.js";

const allRoles = ["admin", "staff", "service"] as const;

function seeded() {
  const h = harness();
  h.source.records = [
    record(1, { name: "Bakkerij Janssens BV" }, ["Jaarrekening", "BTW-aangifte"]),
    record(2, { name: "Garage Dupont SRL", responsibleUser: { id: "u2", name: "Marc Lemaire" } }, [
      "BTW-aangifte",
    ]),
    record(3, {
      name: "Jan Peeters",
      kind: "person",
      enterpriseNumber: null,
      nationalNumber: "85073003328",
    }),
    record(4, { name: "Ébéniste Renée", kind: "soleProprietor" }),
    record(5, { name: "'; DROP TABLE clients; --" }),
  ];
  return h;
}

describe("GET /v1/clients", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/clients",
    allowed: [...allRoles],
    badInputs: [
      { name: "unknown query field", path: "/v1/clients?officeId=x" },
      { name: "limit not a number", path: "/v1/clients?limit=abc" },
      { name: "limit too large", path: "/v1/clients?limit=100000" },
      { name: "bad kind", path: "/v1/clients?kind=robot" },
      { name: "forged cursor", path: "/v1/clients?cursor=bm9wZQ" },
      { name: "invalid enterprise number", path: "/v1/clients?enterpriseNumber=0123456789" },
    ],
  });

  it("filters by name (accent-insensitive), enterprise number in any spelling, kind, template, responsible", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    const names = async (qs: string) => {
      const res = await call(h, "GET", `/v1/clients${qs}`, { key: office.keys.service });
      expect(res.status).toBe(200);
      return ((await res.json()) as ClientListResponse).data.map((c) => c.name);
    };
    expect(await names("")).toHaveLength(5);
    expect(await names("?q=ebeniste")).toEqual(["Ébéniste Renée"]);
    expect(await names("?q=DROP%20TABLE")).toEqual(["'; DROP TABLE clients; --"]);
    const en = validEnterprise(2);
    const spelled = `BE ${en.slice(0, 4)}.${en.slice(4, 7)}.${en.slice(7)}`;
    expect(await names(`?enterpriseNumber=${encodeURIComponent(spelled)}`)).toEqual([
      "Garage Dupont SRL",
    ]);
    expect(await names("?kind=person")).toEqual(["Jan Peeters"]);
    expect(await names("?taskTemplate=BTW-aangifte")).toEqual([
      "Bakkerij Janssens BV",
      "Garage Dupont SRL",
    ]);
    expect(await names("?responsible=marc%20lemaire")).toEqual(["Garage Dupont SRL"]);
  });

  it("pages with a cursor: every client exactly once, in name order", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 23 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(h, "GET", `/v1/clients?limit=5${cursor ? `&cursor=${cursor}` : ""}`, {
        key: office.keys.staff,
      });
      const body = (await res.json()) as ClientListResponse;
      seen.push(...body.data.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
  });

  it("a client renamed by a sync between two pages moves nothing: every other client comes back once", async () => {
    const h = harness();
    const named = (i: number, name = `Klant ${String(i).padStart(2, "0")}`) => record(i, { name });
    h.source.records = Array.from({ length: 23 }, (_, i) => named(i));
    const office = await newOffice();
    await seedClients(h, office);
    const page = async (cursor: string | null) => {
      const res = await call(h, "GET", `/v1/clients?limit=5${cursor ? `&cursor=${cursor}` : ""}`, {
        key: office.keys.staff,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as ClientListResponse;
    };
    const first = await page(null);
    expect(first.data.at(-1)?.name).toBe("Klant 04");
    // The last client of the page is renamed upstream and synced before the next page is asked.
    h.source.records[4] = named(4, "Zzz hernoemd");
    await seedClients(h, office);
    const seen = first.data.map((c) => c.name);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(cursor);
      seen.push(...next.data.map((c) => c.name));
      cursor = next.nextCursor;
    }
    // Before: the next page started after "Zzz hernoemd", and Klant 05–22 never came back.
    for (let i = 0; i < 23; i++) {
      if (i !== 4)
        expect(seen.filter((n) => n === `Klant ${String(i).padStart(2, "0")}`)).toHaveLength(1);
    }
    expect(seen).toContain("Zzz hernoemd");
  });

  it("a cursor after a name too long to hold is refused once that client is renamed, never followed past clients", async () => {
    const h = harness();
    const long = `Aaa ${"lange naam ".repeat(20)}BV`;
    h.source.records = [
      record(1, { name: long }),
      record(2, { name: "Bakkerij" }),
      record(3, { name: "Garage" }),
    ];
    const office = await newOffice();
    await seedClients(h, office);
    const list = (cursor: string) =>
      call(h, "GET", `/v1/clients?limit=1&cursor=${cursor}`, { key: office.keys.staff });
    const first = await call(h, "GET", "/v1/clients?limit=1", { key: office.keys.staff });
    const { nextCursor } = (await first.json()) as ClientListResponse;
    expect(nextCursor!.length).toBeLessThanOrEqual(200);
    expect((await list(nextCursor!)).status).toBe(200);
    h.source.records[0] = record(1, { name: `${long} (hernoemd)` });
    await seedClients(h, office);
    const stale = await list(nextCursor!);
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      "cursor_stale",
    );
  });

  it("another office's cursor pages only this office's clients", async () => {
    // A cursor now carries a name and an id that need not be this office's: it is only where
    // this office's own list starts.
    const h = seeded();
    const mine = await newOffice();
    const theirs = await newOffice();
    await seedClients(h, mine);
    await seedClients(h, theirs);
    const list = async (office: typeof mine, query: string) =>
      (await (
        await call(h, "GET", `/v1/clients${query}`, { key: office.keys.staff })
      ).json()) as ClientListResponse;
    const theirFirst = await list(theirs, "?limit=2");
    const mineAll = await list(mine, "");
    const next = await list(mine, `?limit=2&cursor=${theirFirst.nextCursor}`);
    // Where their second client sorts, among mine (the list's order: name, then id).
    const at = theirFirst.data[1]!;
    const expected = mineAll.data
      .filter((c) => c.name > at.name || (c.name === at.name && c.id > at.id))
      .slice(0, 2);
    expect(next.data.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    const theirIds = new Set(theirFirst.data.map((c) => c.id));
    expect(next.data.filter((c) => theirIds.has(c.id))).toEqual([]);
  });

  it("a cursor of the earlier form (the last id only) still pages", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    const all = (await (
      await call(h, "GET", "/v1/clients", { key: office.keys.staff })
    ).json()) as ClientListResponse;
    const legacy = encodeCursor([all.data[1]!.id]);
    const res = await call(h, "GET", `/v1/clients?cursor=${legacy}`, { key: office.keys.staff });
    expect(((await res.json()) as ClientListResponse).data.map((c) => c.id)).toEqual(
      all.data.slice(2).map((c) => c.id),
    );
  });

  it("pages through typographic, 4-byte and very long names on page boundaries (UTF-8 cursor, bounded size)", async () => {
    const h = harness();
    const names = [
      "Boulangerie L\u2019\u00c9pi",
      "Caf\u00e9 \u201cDe Kroon\u201d",
      `\u00c9b\u00e9nisterie ${"\u00e9".repeat(900)}`,
      `Emoji \u{1F37A} ${"\u{1F37A}".repeat(400)}`,
      "Z\u00fcrich GmbH",
      "\u0141\u00f3d\u017a sp. z o.o.",
      "Zzz laatste",
    ];
    h.source.records = names.map((name, i) => record(i + 1, { name }));
    const office = await newOffice();
    await seedClients(h, office);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        h,
        "GET",
        `/v1/clients?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { key: office.keys.staff },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as ClientListResponse;
      seen.push(...body.data.map((c) => c.name));
      cursor = body.nextCursor;
      if (cursor) expect(cursor.length).toBeLessThanOrEqual(200);
    } while (cursor);
    expect(seen).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("ETag / If-None-Match → 304, and a changed cache changes the ETag; cache age in header and body", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    h.clock.t += 120_000;
    const first = await call(h, "GET", "/v1/clients", { key: office.keys.service });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get("x-cache-age")).toBe("120");
    const body = (await first.json()) as ClientListResponse;
    expect(body.cache).toMatchObject({ ageSeconds: 120, stale: false });
    const again = await call(h, "GET", "/v1/clients", {
      key: office.keys.service,
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    h.source.records[0] = record(1, { name: "Bakkerij Janssens NV" });
    await seedClients(h, office);
    const changed = await call(h, "GET", "/v1/clients", {
      key: office.keys.service,
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("never lists another office's clients", async () => {
    const h = seeded();
    const a = await newOffice();
    const b = await newOffice();
    await seedClients(h, a);
    const res = await call(h, "GET", "/v1/clients", { key: b.keys.admin });
    const body = (await res.json()) as ClientListResponse;
    expect(body.data).toEqual([]);
    expect(body.cache).toMatchObject({ lastSyncedAt: null, stale: true });
  });
});

describe("GET /v1/clients/{id}", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: ({ seed }) => `/v1/clients/${seed.id}`,
    allowed: [...allRoles],
    ownsResource: true,
    setup: async (h, office) => {
      h.source.records = [record(7)];
      await seedClients(h, office);
      const list = (await (
        await call(h, "GET", "/v1/clients", { key: office.keys.staff })
      ).json()) as ClientListResponse;
      return { id: list.data[0]!.id };
    },
  });

  it("returns the canonical client with its change position", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    const list = (await (
      await call(h, "GET", "/v1/clients?kind=person", { key: office.keys.staff })
    ).json()) as ClientListResponse;
    const res = await call(h, "GET", `/v1/clients/${list.data[0]!.id}`, { key: office.keys.staff });
    const body = (await res.json()) as { data: ClientResource };
    expect(body.data).toMatchObject({
      name: "Jan Peeters",
      kind: "person",
      nationalNumber: "85073003328",
      taskTemplates: [],
    });
    expect(body.data.sourceIds.adminpulseId).toBe("ap-3");
  });
});

describe("GET /v1/enterprises/{number}/client (and its former path /v1/clients/by-enterprise/{number})", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => `/v1/enterprises/${validEnterprise(9)}/client`,
    allowed: [...allRoles],
    badInputs: [{ name: "bad check digits", path: "/v1/enterprises/0123456789/client" }],
  });
  runRouteSecurity(harness, {
    method: "GET",
    path: () => `/v1/clients/by-enterprise/${validEnterprise(9)}`,
    allowed: [...allRoles],
    badInputs: [{ name: "bad check digits", path: "/v1/clients/by-enterprise/0123456789" }],
  });

  it("refreshes from AdminPulse when stale; serves the cache (stale: true) when AdminPulse is down", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    const en = validEnterprise(1);
    const fresh = await call(h, "GET", `/v1/enterprises/${en}/client`, {
      key: office.keys.service,
    });
    expect(((await fresh.json()) as { data: ClientResource }).data.name).toBe(
      "Bakkerij Janssens BV",
    );
    const callsBefore = h.source.calls;

    // Fresh cache: no AdminPulse call.
    await call(h, "GET", `/v1/clients/by-enterprise/${en}`, { key: office.keys.service });
    expect(h.source.calls).toBe(callsBefore);

    // Stale: the edit in AdminPulse is fetched on read.
    h.clock.t += 2 * 3600_000;
    h.source.records[0] = record(1, { name: "Bakkerij Janssens & Zonen BV" });
    // (A service key only reads the cache: the upstream refresh is a staff or admin read.)
    const refreshed = await call(h, "GET", `/v1/clients/by-enterprise/${en}`, {
      key: office.keys.staff,
    });
    const rb = (await refreshed.json()) as {
      data: ClientResource;
      cache: { stale: boolean; ageSeconds: number };
    };
    expect(rb.data.name).toBe("Bakkerij Janssens & Zonen BV");
    expect(rb.cache).toMatchObject({ stale: false, ageSeconds: 0 });

    // Stale again, and AdminPulse is down: the cached copy is served, marked stale, with its age.
    h.clock.t += 2 * 3600_000;
    h.source.failNext("upstream", 3);
    const down = await call(h, "GET", `/v1/clients/by-enterprise/${en}`, {
      key: office.keys.staff,
    });
    expect(down.status).toBe(200);
    expect(down.headers.get("x-cache-age")).toBe("7200");
    const db = (await down.json()) as {
      data: ClientResource;
      cache: { stale: boolean; ageSeconds: number };
    };
    expect(db.data.name).toBe("Bakkerij Janssens & Zonen BV");
    expect(db.cache).toMatchObject({ stale: true, ageSeconds: 7200 });
  });

  it("a client unknown to the cache is fetched from AdminPulse; one AdminPulse no longer finds is flagged, not deleted", async () => {
    const h = seeded();
    const office = await newOffice();
    await seedClients(h, office);
    h.source.records.push(record(42, { name: "Nieuwe Klant BV" }));
    const res = await call(h, "GET", `/v1/clients/by-enterprise/${validEnterprise(42)}`, {
      key: office.keys.staff,
    });
    expect(res.status).toBe(200);
    h.clock.t += 2 * 3600_000;
    h.source.records = h.source.records.filter((r) => r.adminpulseId !== "ap-42");
    const gone = await call(h, "GET", `/v1/clients/by-enterprise/${validEnterprise(42)}`, {
      key: office.keys.staff,
    });
    // A 404 proves nothing on its own (ADR 0013): served from the cache, flagged; a full scan decides.
    expect(gone.status).toBe(200);
    expect(
      ((await gone.json()) as { data: { sourceProblems: { code: string }[] } }).data,
    ).toMatchObject({
      sourceProblems: [{ code: "upstream.not_found" }],
    });
  });
});
