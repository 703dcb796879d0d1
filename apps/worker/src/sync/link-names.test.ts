import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { makeClient, record } from "../../test/fixtures.js";
import { db, newOffice } from "../../test/harness.js";
import { runToEnd } from "../../test/run-sync.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { clients, syncRuns } from "../db/schema/index.js";

/** Issue 12: links to relations on other pages get their names (ADR 0025: before their one write). */

let t = 20_000_000;
const deps = (source: FakeSource) => ({
  db,
  now: () => (t += 1000),
  config: { SYNC_PAGE_SIZE: 4, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
  source,
});
const link = (uid: string) => ({
  role: "director" as const,
  relationIdentifier: uid,
  name: null,
  startDate: null,
  endDate: null,
  shares: null,
  votingRights: null,
  comment: null,
});

/** 12 relations; ap-0 (page 0) links to APR00009 (page 2) and APR00001 (its own page, named). */
function office12() {
  return Array.from({ length: 12 }, (_, i) =>
    i === 0
      ? record(0, { links: [link("APR00009"), { ...link("APR00001"), name: "Client 0001 BV" }] })
      : record(i),
  );
}

const linksOf = async (officeId: string, ap: string) =>
  (
    await db.select().from(clients).where(eq(clients.officeId, officeId)).orderBy(asc(clients.id))
  ).find((r) => r.adminpulseId === ap)!;

describe("link names across pages", { timeout: syncTestTimeout }, () => {
  it("names a link to a relation on a later page, once; a second run changes nothing", async () => {
    const office = await newOffice();
    const source = new FakeSource(office12());
    await runToEnd(deps(source), office.officeId);
    const row = await linksOf(office.officeId, "ap-0");
    expect((JSON.parse(row.links) as { name: string | null }[]).map((l) => l.name)).toEqual([
      "Client 0009 BV",
      "Client 0001 BV",
    ]);
    const seq = row.changeSeq;
    await runToEnd(deps(source), office.officeId);
    expect((await linksOf(office.officeId, "ap-0")).changeSeq).toBe(seq);
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId));
    // ap-0 waits for finalize and is written once, already named (ADR 0025): nothing updated.
    expect(runs.map((r) => [r.added, r.updated]).sort()).toEqual([
      [0, 0],
      [12, 0],
    ]);
  });

  it("a renamed linked relation renames the link at the next run", async () => {
    const office = await newOffice();
    const source = new FakeSource(office12());
    await runToEnd(deps(source), office.officeId);
    source.records[9] = {
      ...source.records[9]!,
      client: makeClient(9, { name: "Nieuwe Naam NV" }),
    };
    await runToEnd(deps(source), office.officeId);
    const row = await linksOf(office.officeId, "ap-0");
    expect((JSON.parse(row.links) as { name: string }[])[0]!.name).toBe("Nieuwe Naam NV");
  });

  it("names links in batches that go on from the last one: 400 forward links over two batches and more", async () => {
    const office = await newOffice();
    const n = 450;
    const uid = (j: number) => record(j).client.sourceIds.uniqueIdentifier!;
    // Relation i links to i + 50: the next page at 50 a page, so unnamed where it is written.
    const source = new FakeSource(
      Array.from({ length: n }, (_, i) =>
        i + 50 < n ? record(i, { links: [link(uid(i + 50))] }) : record(i),
      ),
    );
    await runToEnd(
      { ...deps(source), config: { ...deps(source).config, SYNC_PAGE_SIZE: 50 } },
      office.officeId,
    );
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    const names = new Map(rows.map((r) => [r.uniqueIdentifier, r.name]));
    const linked = rows.flatMap(
      (r) => JSON.parse(r.links) as { relationIdentifier: string; name: string | null }[],
    );
    expect(linked).toHaveLength(n - 50);
    for (const l of linked) expect(l.name).toBe(names.get(l.relationIdentifier));
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId));
    // Each linking client written once, already named (ADR 0025): none rewritten for its name.
    expect(run).toMatchObject({ added: n, updated: 0 });
  });

  it("renames the links of 400 unchanged clients in batches that go on from the last one, each once", async () => {
    const office = await newOffice();
    const n = 450;
    const uid = (j: number) => record(j).client.sourceIds.uniqueIdentifier!;
    // Relations 0..399 link to the last page's 50 relations; those 50 are renamed in the 2nd run.
    const source = new FakeSource(
      Array.from({ length: n }, (_, i) =>
        i < 400 ? record(i, { links: [link(uid(400 + (i % 50)))] }) : record(i),
      ),
    );
    const d = { ...deps(source), config: { ...deps(source).config, SYNC_PAGE_SIZE: 50 } };
    await runToEnd(d, office.officeId);
    for (let j = 400; j < n; j++)
      source.records[j] = {
        ...source.records[j]!,
        client: makeClient(j, { name: `Renamed ${j}` }),
      };
    await runToEnd(d, office.officeId);
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    for (const r of rows.filter((r) => r.links !== "[]"))
      expect((JSON.parse(r.links) as { name: string }[])[0]!.name).toMatch(/^Renamed 4\d\d$/);
    const runs = await db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.officeId, office.officeId))
      .orderBy(asc(syncRuns.startedAt));
    // 50 renamed + 400 links renamed over two batches of 200, none twice.
    expect(runs.at(-1)).toMatchObject({ added: 0, updated: n });
  });
});
