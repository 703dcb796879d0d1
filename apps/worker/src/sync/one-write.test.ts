import type { ClientLink } from "@pulsebridge/core";
import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { type FakeRecord, FakeSource } from "../../test/fake-source.js";
import { makeClient, record } from "../../test/fixtures.js";
import { db, lastSyncRun, newOffice } from "../../test/harness.js";
import { clientHistory, clients, offices, syncPendingClients } from "../db/schema/index.js";
import { createAdminPulseSource } from "./adminpulse-source.js";
import { type StepOutcome, type SyncDeps, syncStep } from "./engine.js";
import type { RelationSource } from "./source.js";

/**
 * Issue 17: at most one client row write per new or changed client per run, and the change feed
 * reports each client once per change — also when a client's links point at relations on later
 * pages (their names are unknown when its page is read; ADR 0025). Real D1; the last case runs the
 * real AdminPulse client and mapping against the stand-in over HTTP.
 */

let t = 40_000_000;
function deps(source: RelationSource, pageSize = 4): SyncDeps {
  return {
    db,
    now: () => (t += 1000),
    config: { SYNC_PAGE_SIZE: pageSize, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
    source,
  };
}

async function runToEnd(d: SyncDeps, officeId: string, maxTemplateBatches?: number) {
  const outcomes: StepOutcome[] = [];
  for (let i = 0; i < 300; i++) {
    const o = await syncStep(d, officeId, {
      start: i === 0,
      trigger: "manual",
      maxPages: 100,
      ...(maxTemplateBatches ? { maxTemplateBatches } : {}),
    });
    outcomes.push(o);
    if (o.status === "completed" || o.status === "error") return outcomes;
  }
  throw new Error(`did not complete: ${JSON.stringify(outcomes.slice(-3))}`);
}

const link = (uid: string, name: string | null = null): ClientLink => ({
  role: "director",
  relationIdentifier: uid,
  name,
  startDate: null,
  endDate: null,
  shares: null,
  votingRights: null,
  comment: null,
});
const uid = (i: number) => `APR${String(i).padStart(5, "0")}`;
const nameOf = (i: number) => makeClient(i).name;

/** Client row writes so far, per AdminPulse id: the history triggers add a row per write. */
async function writes(officeId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: clientHistory.clientId, ap: clients.adminpulseId })
    .from(clientHistory)
    .innerJoin(clients, eq(clients.id, clientHistory.clientId))
    .where(eq(clientHistory.officeId, officeId));
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.ap, (n.get(r.ap) ?? 0) + 1);
  return n;
}

const officeSeq = async (officeId: string) =>
  (await db.select().from(offices).where(eq(offices.id, officeId)))[0]!.changeSeq;

async function linkNames(officeId: string) {
  const rows = await db.select().from(clients).where(eq(clients.officeId, officeId));
  return Object.fromEntries(
    rows
      .filter((r) => r.links !== "[]")
      .map((r) => [r.adminpulseId, (JSON.parse(r.links) as ClientLink[]).map((l) => l.name)]),
  );
}

/**
 * 12 relations, 3 pages of 4. Links forward (ap-0 → page 2), backward (ap-5 → page 0), to a
 * relation that is itself deferred (ap-8 → ap-6), through a chain to a relation AdminPulse does
 * not list (ap-6 → ap-10 → APR00099), and one named by the raw list differently from the mapped
 * client's name (ap-3's "Wrong Raw Name" for ap-7, as the page's name list can).
 */
function office12(): FakeRecord[] {
  const links: Record<number, ClientLink[]> = {
    0: [link(uid(9)), link(uid(1), nameOf(1))],
    3: [link(uid(7), "Wrong Raw Name")],
    4: [link(uid(9))],
    5: [link(uid(2))],
    6: [link(uid(10))],
    8: [link(uid(6))],
    10: [link(uid(99))],
  };
  return Array.from({ length: 12 }, (_, i) => record(i, { links: links[i] ?? [] }));
}

describe("one client row write per new or changed client per run (ADR 0025)", {
  timeout: 60_000,
}, () => {
  it("a first sync of 3 pages with links across them writes each client once; the feed counts each once", async () => {
    const { officeId } = await newOffice();
    const source = new FakeSource(office12());
    await runToEnd(deps(source), officeId);

    const n = await writes(officeId);
    expect(n.size).toBe(12);
    expect([...n.values()].every((k) => k === 1)).toBe(true);
    // The change feed: one change_seq per client, none skipped or doubled.
    expect(await officeSeq(officeId)).toBe(12);
    const seqs = (await db.select().from(clients).where(eq(clients.officeId, officeId)))
      .map((c) => c.changeSeq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await lastSyncRun(officeId)).toMatchObject({
      added: 12,
      updated: 0,
      status: "completed",
    });

    expect(await linkNames(officeId)).toEqual({
      "ap-0": [nameOf(9), nameOf(1)],
      "ap-3": [nameOf(7)],
      "ap-4": [nameOf(9)],
      "ap-5": [nameOf(2)],
      "ap-6": [nameOf(10)],
      "ap-8": [nameOf(6)],
      "ap-10": [null],
    });
    // Nothing left staged after the run.
    expect(
      await db.select().from(syncPendingClients).where(eq(syncPendingClients.officeId, officeId)),
    ).toEqual([]);
  });

  it("a re-sync of unchanged data writes no client row", async () => {
    const { officeId } = await newOffice();
    const source = new FakeSource(office12());
    await runToEnd(deps(source), officeId);
    const seq = await officeSeq(officeId);
    await runToEnd(deps(source), officeId);
    expect(await officeSeq(officeId)).toBe(seq);
    expect([...(await writes(officeId)).values()].every((k) => k === 1)).toBe(true);
    expect(await lastSyncRun(officeId)).toMatchObject({ added: 0, updated: 0 });
  });

  it("a re-sync writes nothing when two relations share an APR code that a link points at", async () => {
    const { officeId } = await newOffice();
    const records = office12();
    // ap-11 (page 2) carries ap-2's APR code under another name; ap-5 (page 1) links to the code.
    records[11] = record(11, {
      sourceIds: { adminpulseId: "ap-11", uniqueIdentifier: uid(2), code: "C11" },
    });
    const source = new FakeSource(records);
    await runToEnd(deps(source), officeId);
    const seq = await officeSeq(officeId);
    const names = await linkNames(officeId);
    // One rule everywhere: the smallest AdminPulse id of the two ("ap-11" < "ap-2").
    expect(names["ap-5"]).toEqual([nameOf(11)]);
    for (let i = 0; i < 2; i++) {
      await runToEnd(deps(source), officeId);
      expect(await officeSeq(officeId)).toBe(seq);
      expect(await lastSyncRun(officeId)).toMatchObject({ added: 0, updated: 0 });
    }
  });

  it("changes on several pages: each changed client written once, a client linking to a renamed one once", async () => {
    const { officeId } = await newOffice();
    const source = new FakeSource(office12());
    await runToEnd(deps(source), officeId);
    const before = await writes(officeId);
    // ap-9 (page 2) renamed; ap-0 (page 0, links to ap-9) changed too; ap-4 (page 1) unchanged.
    source.records[9] = {
      ...source.records[9]!,
      client: makeClient(9, { name: "Nieuwe Naam NV" }),
    };
    source.records[0] = {
      ...source.records[0]!,
      client: { ...source.records[0]!.client, email: "nieuw@example.be" },
    };
    await runToEnd(deps(source), officeId);
    const after = await writes(officeId);
    const grew = [...after].filter(([ap, k]) => k !== before.get(ap)).map(([ap, k]) => [ap, k]);
    expect(grew.sort()).toEqual([
      ["ap-0", 2],
      ["ap-4", 2],
      ["ap-9", 2],
    ]);
    expect(await officeSeq(officeId)).toBe(15);
    const names = await linkNames(officeId);
    expect(names["ap-0"]).toEqual(["Nieuwe Naam NV", nameOf(1)]);
    expect(names["ap-4"]).toEqual(["Nieuwe Naam NV"]);
  });

  it("deferred clients are written over several finalize steps, each once, resuming where a step stopped", async () => {
    const { officeId } = await newOffice();
    // Relation i links to i + 8: two pages ahead at 4 a page, so 32 of 40 clients wait for finalize.
    const source = new FakeSource(
      Array.from({ length: 40 }, (_, i) =>
        record(i, i + 8 < 40 ? { links: [link(uid(i + 8))] } : {}),
      ),
    );
    const outcomes = await runToEnd(deps(source), officeId, 1);
    expect(outcomes.length).toBeGreaterThan(5);
    const n = await writes(officeId);
    expect(n.size).toBe(40);
    expect([...n.values()].every((k) => k === 1)).toBe(true);
    expect(await officeSeq(officeId)).toBe(40);
    const names = await linkNames(officeId);
    for (let i = 0; i < 32; i++) expect(names[`ap-${i}`]).toEqual([nameOf(i + 8)]);
  });

  it("a run that fails on a late page still writes the clients it deferred", async () => {
    const { officeId } = await newOffice();
    const source = new FakeSource(office12());
    const list = source.listPage.bind(source);
    source.listPage = async (page, size) =>
      page === 2 ? { ok: false, error: { kind: "upstream", message: "502" } } : list(page, size);
    for (let i = 0; i < 10; i++) {
      const o = await syncStep(deps(source), officeId, {
        start: i === 0,
        trigger: "manual",
        maxPages: 100,
      });
      if ((await lastSyncRun(officeId)).status === "failed") break;
      expect(o.status).not.toBe("completed");
    }
    expect(await lastSyncRun(officeId)).toMatchObject({ status: "failed", added: 8 });
    // ap-0 links to page 2 (never read): written anyway, its link unnamed.
    expect((await linkNames(officeId))["ap-0"]).toEqual([null, nameOf(1)]);
    expect(
      await db.select().from(syncPendingClients).where(eq(syncPendingClients.officeId, officeId)),
    ).toEqual([]);
  });
});

// Several full syncs over HTTP each: seconds under a loaded machine, past vitest's 5 s default.
describe("one write per client against the stand-in (real client and mapping, over HTTP)", {
  timeout: 60_000,
}, () => {
  it("a first sync of 120 relations in 3 pages writes each client once; a re-sync writes none", async () => {
    const { officeId } = await newOffice();
    const source = createAdminPulseSource({
      baseUrl: inject("standInUrl"),
      token: inject("standInToken"),
      limiter: { acquire: async () => {} },
      timeoutMs: 10_000,
    });
    await runToEnd(deps(source, 40), officeId);
    const run = await lastSyncRun(officeId);
    expect(run).toMatchObject({ status: "completed", pages: 3 });
    const n = await writes(officeId);
    expect(n.size).toBe(run.added);
    expect([...n.entries()].filter(([, k]) => k !== 1)).toEqual([]);
    expect(await officeSeq(officeId)).toBe(run.added);

    // Links cross pages in this data, and every link to a cached relation carries its name.
    const rows = await db.select().from(clients).where(eq(clients.officeId, officeId));
    const byUid = new Map<string, string[]>();
    for (const r of rows)
      if (r.uniqueIdentifier)
        byUid.set(r.uniqueIdentifier, [...(byUid.get(r.uniqueIdentifier) ?? []), r.name]);
    const links = rows.flatMap((r) => JSON.parse(r.links) as ClientLink[]);
    const known = links.filter((l) => l.relationIdentifier && byUid.has(l.relationIdentifier));
    expect(known.length).toBeGreaterThan(50);
    for (const l of known) expect(byUid.get(l.relationIdentifier!)).toContain(l.name);

    const seq = await officeSeq(officeId);
    await runToEnd(deps(source, 40), officeId);
    expect(await officeSeq(officeId)).toBe(seq);
    expect(await lastSyncRun(officeId)).toMatchObject({
      status: "completed",
      added: 0,
      updated: 0,
    });
  });
});

describe("the users list: read only for a user id not yet known (ADR 0026)", {
  timeout: 120_000,
}, () => {
  it("a first run reads /users once over several steps; the next run makes no call but its pages; a new employee is read once and named", async () => {
    const { officeId } = await newOffice();
    const calls: string[] = [];
    /** Relations whose responsible user the next answers replace (a new employee upstream). */
    const reassigned = new Map<string, string>();
    const newUser = { id: "user-new-17", name: "Nieuwe Medewerker" };
    const counting: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push(url.pathname);
      const res = await fetch(input, init);
      if (reassigned.size === 0 || !/\/(relations|users)$/.test(url.pathname)) return res;
      const body = (await res.json()) as { results: Record<string, unknown>[] };
      if (url.pathname.endsWith("/users")) body.results.push(newUser);
      else
        for (const r of body.results)
          if (reassigned.has(String(r.id))) r.responsibleUserId = reassigned.get(String(r.id));
      return Response.json(body);
    };
    const source = () =>
      createAdminPulseSource({
        baseUrl: inject("standInUrl"),
        token: inject("standInToken"),
        limiter: { acquire: async () => {} },
        timeoutMs: 10_000,
        fetch: counting,
      });
    const run = async () => {
      calls.length = 0;
      for (let i = 0; i < 50; i++) {
        // Two list reads per step: the relation pages span several steps, as at 10,000 relations.
        const o = await syncStep(deps(source(), 20), officeId, {
          start: i === 0,
          trigger: "manual",
          maxPages: 2,
        });
        if (o.status === "completed") break;
        expect(o.status).toBe("progress");
      }
      const r = await lastSyncRun(officeId);
      expect(r).toMatchObject({ status: "completed", pages: 6 });
      expect(calls.filter((p) => p.endsWith("/relations"))).toHaveLength(r.pages);
      expect(calls.filter((p) => p.endsWith("/tasks"))).toHaveLength(r.taskPages);
      return { users: calls.filter((p) => p.endsWith("/users")).length, calls: calls.length, r };
    };
    // First run: no list kept yet, the first relation naming a user reads it — once in the run.
    expect((await run()).users).toBe(1);
    // Nothing new upstream: the nightly run's calls are its relation and task pages, nothing else.
    const second = await run();
    expect(second.users).toBe(0);
    expect(second.calls).toBe(second.r.pages + second.r.taskPages);
    // A relation on a later page gets a new employee: /users is read once more, and the client is
    // named by the same run.
    const [target] = await db
      .select({ ap: clients.adminpulseId })
      .from(clients)
      .where(eq(clients.officeId, officeId))
      .orderBy(clients.adminpulseId)
      .limit(1)
      .offset(70);
    reassigned.set(target!.ap!, newUser.id);
    expect((await run()).users).toBe(1);
    const [named] = await db
      .select({ id: clients.responsibleUserId, name: clients.responsibleUserName })
      .from(clients)
      .where(and(eq(clients.officeId, officeId), eq(clients.adminpulseId, target!.ap!)));
    expect(named).toEqual(newUser);
    // Known now: the next run reads no users again.
    expect((await run()).users).toBe(0);
  });
});
