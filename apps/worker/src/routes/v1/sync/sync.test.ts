import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, connect, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("POST /v1/sync", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/sync",
    allowed: ["admin", "staff"],
    body: () => ({}),
    setup: async (h, office) => {
      await connect(h, office);
      return {};
    },
    badInputs: [
      { name: "unknown field", body: { officeId: "x" } },
      { name: "wrong type", body: { clientId: 12 } },
      { name: "malformed JSON", rawBody: "{" },
    ],
    oversizeBytes: 70_000,
  });

  it("409 not_connected without an AdminPulse connection", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "not_connected" });
  });

  it("runs one bounded step (202 progress) and completes on later calls; runs are recorded", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "5", SYNC_PAGES_PER_STEP: "2" } });
    // 18 relations = 4 relation pages; 6 tasks (3 relations × 2 templates) = 2 task pages.
    h.source.records = Array.from({ length: 18 }, (_, i) =>
      record(i, {}, i % 6 === 0 ? ["BTW-aangifte", "Jaarrekening"] : []),
    );
    const office = await newOffice();
    await connect(h, office, "token-for-this-office");
    const first = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(first.status).toBe(202);
    // The step budget counts task and relation pages together; tasks come first (ADR 0023).
    expect(await first.json()).toMatchObject({
      outcome: "progress",
      run: { status: "running", pages: 0, taskPages: 2 },
    });
    expect(h.seenTokens).toEqual(["token-for-this-office"]);
    const second = await call(h, "POST", "/v1/sync", { key: office.keys.admin });
    expect(second.status).toBe(202);
    expect(await second.json()).toMatchObject({ run: { pages: 2, taskPages: 2 } });
    const third = await call(h, "POST", "/v1/sync", { key: office.keys.admin });
    expect(third.status).toBe(200);
    // Each client written once, the 3 with templates included: 18 added, none rewritten.
    expect(await third.json()).toMatchObject({
      outcome: "completed",
      run: { status: "completed", pages: 4, taskPages: 2, added: 18, updated: 0 },
    });
    const runs = (await (
      await call(h, "GET", "/v1/sync/runs", { key: office.keys.service })
    ).json()) as {
      data: { status: string; added: number }[];
    };
    expect(runs.data).toEqual([expect.objectContaining({ status: "completed", added: 18 })]);
  });

  it("{clientId} refreshes one client; another office's id is a 404", async () => {
    const h = harness();
    h.source.records = [record(1), record(2)];
    const office = await newOffice();
    await seedClients(h, office);
    const list = (await (
      await call(h, "GET", "/v1/clients", { key: office.keys.staff })
    ).json()) as {
      data: { id: string; sourceIds: { adminpulseId: string } }[];
    };
    const id = list.data.find((c) => c.sourceIds.adminpulseId === "ap-2")!.id;
    h.source.records[1] = record(2, { email: "changed@example.be" });
    const res = await call(h, "POST", "/v1/sync", {
      key: office.keys.staff,
      body: { clientId: id },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      outcome: "refreshed",
      client: "updated",
      run: { kind: "client", updated: 1 },
    });
    const one = (await (
      await call(h, "GET", `/v1/clients/${id}`, { key: office.keys.staff })
    ).json()) as {
      data: { email: string };
    };
    expect(one.data.email).toBe("changed@example.be");

    const other = await newOffice();
    await connect(h, other);
    const foreign = await call(h, "POST", "/v1/sync", {
      key: other.keys.staff,
      body: { clientId: id },
    });
    expect(foreign.status).toBe(404);

    h.source.failNext("timeout");
    const down = await call(h, "POST", "/v1/sync", {
      key: office.keys.staff,
      body: { clientId: id },
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: "upstream_unavailable" });
  });
});

describe("a 404 on refresh never deletes (issue 12, finding 3)", () => {
  it("flags the client 'not found upstream' in sourceProblems; the next full scan decides", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 30 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    const list = (await (
      await call(h, "GET", "/v1/clients?limit=100", { key: office.keys.staff })
    ).json()) as { data: { id: string; sourceIds: { adminpulseId: string } }[] };
    const id = list.data.find((c) => c.sourceIds.adminpulseId === "ap-2")!.id;
    const feed = async () =>
      (
        (await (await call(h, "GET", "/v1/changes", { key: office.keys.staff })).json()) as {
          changes: { type: string }[];
        }
      ).changes.map((c) => c.type);

    // AdminPulse answers 404 for this relation (it may not accept the key we asked by).
    const hidden = h.source.records.splice(2, 1)[0]!;
    h.clock.t += 1000;
    const res = await call(h, "POST", "/v1/sync", {
      key: office.keys.staff,
      body: { clientId: id },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ client: "not_found_upstream" });
    const one = await call(h, "GET", `/v1/clients/${id}`, { key: office.keys.staff });
    expect(one.status).toBe(200);
    expect(
      ((await one.json()) as { data: { sourceProblems: unknown[] } }).data.sourceProblems,
    ).toEqual([
      { code: "upstream.not_found", field: "id", seen: expect.stringMatching(/^404 on refresh/) },
    ]);
    expect(await feed()).not.toContain("deleted");

    // The next full scan sees it again: the flag is gone.
    h.source.records.splice(2, 0, hidden);
    h.clock.t += 1000;
    await seedClients(h, office);
    const again = (await (
      await call(h, "GET", `/v1/clients/${id}`, { key: office.keys.staff })
    ).json()) as { data: { sourceProblems: unknown[] } };
    expect(again.data.sourceProblems).toEqual([]);
  });
});

describe("refresh by APR code (issue 12, finding 3)", () => {
  it("asks by uniqueIdentifier first, so an API that answers 404 to UUIDs still refreshes", async () => {
    const h = harness();
    h.source.records = [record(1), record(2)];
    const office = await newOffice();
    await seedClients(h, office);
    const list = (await (
      await call(h, "GET", "/v1/clients", { key: office.keys.staff })
    ).json()) as { data: { id: string; sourceIds: { adminpulseId: string } }[] };
    const id = list.data.find((c) => c.sourceIds.adminpulseId === "ap-2")!.id;
    h.source.acceptsKeys = "apr";
    h.source.records[1] = record(2, { email: "new@example.be" });
    h.source.askedKeys = [];
    const res = await call(h, "POST", "/v1/sync", {
      key: office.keys.staff,
      body: { clientId: id },
    });
    expect(await res.json()).toMatchObject({ client: "updated" });
    expect(h.source.askedKeys).toEqual(["APR00002"]);
  });
});

describe("GET /v1/sync/runs", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/sync/runs",
    allowed: ["admin", "staff", "service"],
    badInputs: [{ name: "limit out of range", path: "/v1/sync/runs?limit=0" }],
  });
});
