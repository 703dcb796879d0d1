import { createTokenBucket } from "@pulsebridge/adminpulse";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import {
  call,
  connect,
  db,
  type Harness,
  harness,
  newOffice,
  type Office,
} from "../../test/harness.js";
import { runToEnd } from "../../test/run-sync.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { getSyncState } from "../db/queries/sync.js";
import { createAdminPulseSource } from "./adminpulse-source.js";

/**
 * Issue 12, finding 2, through the real AdminPulse client and mapping: relations with fields of
 * other types, unknown codes, extra fields and no id are synced field by field; what could not be
 * used is on the client (`sourceProblems`) and counted on the run (`problems`), never a stalled page.
 */

const uuid = (i: number) => `7d0c6a5e-0000-4000-8000-${String(i).padStart(12, "0")}`;
const relations: unknown[] = [
  {
    id: uuid(1),
    uniqueIdentifier: "APR00001",
    name: "Peeters Bouw BV",
    relationType: 0,
    vatNumber: "0403019261",
  },
  // Type drift: a string code, a number for a text, an address as one string, extra fields.
  {
    id: uuid(2),
    uniqueIdentifier: "APR00002",
    name: "Janssens Jan",
    relationType: "2",
    phone: 470123456,
    address: "Kerkstraat 1, 9000 Gent",
    status: "Customer",
    brandNewField: { whatever: [1, 2] },
  },
  // Unknown codes.
  {
    id: uuid(3),
    uniqueIdentifier: "APR00003",
    name: "Maes NV",
    relationType: 9,
    language: "xx",
    tos: [{ linkType: 77, uniqueIdentifier: "APR00001" }],
  },
  // No id at all: seen (the count still adds up) but cannot be stored.
  { uniqueIdentifier: "APR00004", name: "Zonder Id" },
];

function pageOf(list: unknown[], url: URL) {
  const page = Number(url.searchParams.get("page") ?? 0);
  const size = Number(url.searchParams.get("pageSize") ?? 20);
  return {
    results: list.slice(page * size, (page + 1) * size),
    currentPage: page,
    pageCount: Math.ceil(list.length / size),
    pageSize: size,
    totalRowCount: list.length,
  };
}

/** A tiny AdminPulse over fetch: enough of /relations, /users and /tasks for a sync. */
function upstream(list: unknown[]): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      });
    if (url.pathname === "/relations") return json(pageOf(list, url));
    if (url.pathname === "/users") return json(pageOf([], url));
    if (url.pathname === "/tasks") return json(pageOf([], url));
    return json({ message: "not found" }, 404);
  };
}

function withUpstream(list: unknown[], config: Record<string, string> = {}): Harness {
  let h: Harness | undefined;
  h = harness({
    config: { SYNC_PAGE_SIZE: "2", ...config },
    source: (token) =>
      createAdminPulseSource({
        baseUrl: "http://adminpulse.test",
        token,
        limiter: createTokenBucket({ perMinute: 100_000 }),
        timeoutMs: 2000,
        fetch: upstream(list),
        ...(h ? { mapping: h.services.config.ADMINPULSE_MAPPING } : {}),
      }),
  });
  return h;
}

async function syncAll(h: Harness, office: Office) {
  await connect(h, office);
  for (let i = 0; i < 20; i++) {
    const res = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    const body = (await res.json()) as { outcome: string; run: Record<string, unknown> };
    if (body.outcome === "completed") return body.run;
    if (res.status >= 400) throw new Error(JSON.stringify(body));
  }
  throw new Error("sync did not complete");
}

type ClientBody = {
  id: string;
  kind: string;
  phone: string | null;
  sourceIds: { adminpulseId: string };
  sourceProblems: { code: string; field: string; seen: string }[];
};

describe("tolerant sync over the real client and mapping", { timeout: syncTestTimeout }, () => {
  it("maps what it can, records problems per client and counts them per run", async () => {
    const h = withUpstream(relations);
    const office = await newOffice();
    const run = await syncAll(h, office);
    expect(run).toMatchObject({ status: "completed", added: 3, deleted: 0 });
    expect(run.problems).toEqual({
      // `brandNewField`: counted by name on the run (a renamed field would show the same way).
      "field.unknown": 1,
      "id.missing": 1,
      "kind.unknown": 1,
      "language.unknown": 1,
      "link.unknownType": 1,
      "type.coerced": 1,
      "type.unexpected": 1,
    });
    const list = (await (
      await call(h, "GET", "/v1/clients?limit=100", { key: office.keys.staff })
    ).json()) as { data: ClientBody[] };
    expect(list.data).toHaveLength(3);
    const two = list.data.find((c) => c.sourceIds.adminpulseId === uuid(2))!;
    const one = (await (
      await call(h, "GET", `/v1/clients/${two.id}`, { key: office.keys.staff })
    ).json()) as { data: ClientBody };
    expect(one.data).toMatchObject({ kind: "person", phone: expect.stringContaining("470123456") });
    expect(one.data.sourceProblems).toEqual([
      { code: "type.unexpected", field: "address", seen: "string, expected object" },
      { code: "type.coerced", field: "phone", seen: "number, read as text" },
    ]);
    expect(JSON.stringify(one.data.sourceProblems)).not.toContain("Kerkstraat");
    const clean = list.data.find((c) => c.sourceIds.adminpulseId === uuid(1))!;
    expect(clean.sourceProblems).toEqual([]);
  });

  it("a second pass over the same data writes nothing (problems are part of the version)", async () => {
    const h = withUpstream(relations);
    const office = await newOffice();
    await syncAll(h, office);
    h.clock.t += 60_000;
    const again = await syncAll(h, office);
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0 });
  });

  it("a deployment's mapping override (ADMINPULSE_MAPPING) turns the problems into data", async () => {
    const h = withUpstream(relations, {
      ADMINPULSE_MAPPING: JSON.stringify({
        codes: { kind: { "9": "company" }, language: { xx: "nl" } },
      }),
    });
    const office = await newOffice();
    const run = await syncAll(h, office);
    expect(run.problems).not.toHaveProperty("kind.unknown");
    expect(run.problems).not.toHaveProperty("language.unknown");
  });

  it("a bad override is a clear config error naming the setting, never its value", async () => {
    const { parseConfig } = await import("../config.js");
    const { env } = await import("cloudflare:workers");
    expect(() =>
      parseConfig({ ...env, ADMINPULSE_MAPPING: '{"fields":{"email":"secret-ish"}}' }),
    ).toThrow(/^invalid configuration: ADMINPULSE_MAPPING$/);
  });
});

describe("a page that keeps failing", { timeout: syncTestTimeout }, () => {
  it("stops the run after a bounded number of tries with the page named; the next run starts over", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
    let t = 9_000_000;
    const d = {
      db,
      now: () => (t += 1000),
      config: { SYNC_PAGE_SIZE: 4, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
      source,
    };
    const { syncStep } = await import("./engine.js");
    // The task page (first, ADR 0023) and relation page 0; then page 1 keeps failing.
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 2 });
    source.failNext("bad_response", 5);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(
        (await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 })).status,
      );
    expect(outcomes).toEqual(["error", "error", "error", "error", "error"]);
    // The run is over: continuing finds nothing open (no endless retry of page 1).
    expect(
      (await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 })).status,
    ).toBe("idle");
    expect(await getSyncState(db, office.officeId)).toMatchObject({ runId: null, phase: "idle" });
    const { listRuns } = await import("../db/queries/sync.js");
    const [run] = await listRuns(db, office.officeId, 1);
    expect(run).toMatchObject({ status: "failed", deleted: 0 });
    expect(run!.lastError).toMatch(/^page_unreadable: \/relations page 1 failed 5 times in a row/);
    // The next run starts from the first page and, with the page readable again, completes.
    const out = await runToEnd(d, office.officeId);
    expect(out.at(-1)).toMatchObject({ status: "completed" });
  });

  it("by enterprise number: found whichever field carries it, with its mapping problems kept", async () => {
    const list = [
      // The number only as companyNumber, a kind in words the table does not know.
      {
        id: uuid(11),
        uniqueIdentifier: "APR00011",
        name: "Alleen Kbo BV",
        relationType: "Vennootschap",
        companyNumber: "0403.019.261",
      },
      // Only as vatNumber.
      {
        id: uuid(12),
        uniqueIdentifier: "APR00012",
        name: "Alleen Btw BV",
        relationType: 0,
        vatNumber: "BE0202239951",
      },
      // Under a name only an override knows.
      {
        id: uuid(13),
        uniqueIdentifier: "APR00013",
        name: "Hernoemd NV",
        relationType: 0,
        enterpriseNumber: "0417497106",
      },
    ];
    const h = withUpstream(list, {
      ADMINPULSE_MAPPING: JSON.stringify({
        fields: { enterpriseNumber: ["enterpriseNumber", "companyNumber", "vatNumber"] },
      }),
    });
    const office = await newOffice();
    await connect(h, office);
    const read = async (n: string) => {
      const res = await call(h, "GET", `/v1/enterprises/${n}/client`, { key: office.keys.staff });
      expect(res.status, n).toBe(200);
      return ((await res.json()) as { data: ClientBody }).data;
    };
    const a = await read("0403019261");
    expect(a.sourceIds.adminpulseId).toBe(uuid(11));
    expect(a.sourceProblems.map((p) => p.code)).toContain("kind.unknown");
    expect((await read("0202239951")).sourceIds.adminpulseId).toBe(uuid(12));
    expect((await read("0417497106")).sourceIds.adminpulseId).toBe(uuid(13));
  });
});
