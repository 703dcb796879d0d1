import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { db, newOffice } from "../../test/harness.js";
import { runToEnd as runAll } from "../../test/run-sync.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { runBatch } from "../db/batch.js";
import { clientJsonById } from "../db/queries/client-reads.js";
import { toClientResource } from "../db/queries/clients.js";
import { acquireLease, getSyncState } from "../db/queries/sync.js";
import { clients, syncRuns } from "../db/schema/index.js";
import { refreshOne, syncStep } from "./engine.js";
import { chunkByBytes, maxPayloadBytes, pageStatements } from "./page-write.js";

/**
 * Issue 11's findings in the sync engine: a step that outlives its lease writes nothing, a run
 * never deletes what it did not see, and a page's write stays within D1's 2 MB per value whatever
 * the characters weigh.
 */

const clock = { t: 50_000_000 };
function deps(source: FakeSource, pageSize = 4) {
  return {
    db,
    now: () => clock.t,
    config: { SYNC_PAGE_SIZE: pageSize, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 100 },
    source,
  };
}

/** Resolves once `cond` holds (polled): for a hook that must wait for the step's own write. */
async function until(cond: () => Promise<boolean>) {
  for (let i = 0; i < 2_000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error("condition never held");
}

const tick = () => {
  clock.t += 1000;
};
const runToEnd = (d: ReturnType<typeof deps>, officeId: string) =>
  runAll(d, officeId, { beforeStep: tick });

const stored = async (officeId: string) =>
  (
    await db
      .select()
      .from(clients)
      .where(eq(clients.officeId, officeId))
      .orderBy(asc(clients.adminpulseId))
  ).map((r) => ({ ap: r.adminpulseId, deleted: r.deletedAt !== null }));

describe("the lease guards every write", { timeout: syncTestTimeout }, () => {
  it("a step whose lease expired mid-step (another step took over) writes nothing", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
    const d = deps(source);
    source.beforeList = async (page) => {
      if (page !== 1) return;
      // Page 1 is read ahead, while page 0 is written (ADR 0026): its answer comes back only after
      // that write committed, and late — the invocation stalls past its lease on it, and another
      // step takes over meanwhile.
      await until(async () => (await getSyncState(db, office.officeId))!.nextPage >= 1);
      clock.t += 61_000;
      await acquireLease(db, office.officeId, "newer-step", clock.t, 60_000);
    };
    clock.t += 1000;
    const out = await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 5 });
    expect(out.status).toBe("lease_lost");
    // Page 0 was written under the lease; page 1's batch was refused whole.
    expect((await stored(office.officeId)).map((c) => c.ap)).toEqual([
      "ap-0",
      "ap-1",
      "ap-2",
      "ap-3",
    ]);
    const state = await getSyncState(db, office.officeId);
    expect(state).toMatchObject({ nextPage: 1, leaseOwner: "newer-step", seenRows: 4 });
    const run = (
      await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId))
    )[0]!;
    expect(run.pages).toBe(1);
    // Once the newer step's lease is gone, the run resumes from page 1 and completes.
    source.beforeList = undefined;
    clock.t += 61_000;
    await runToEnd(d, office.officeId);
    expect((await stored(office.officeId)).filter((c) => !c.deleted)).toHaveLength(12);
  });

  it("a step whose lease merely ran out (nobody took it) writes nothing either", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 8 }, (_, i) => record(i)));
    source.beforeList = () => {
      clock.t += 61_000;
    };
    clock.t += 1000;
    const out = await syncStep(deps(source), office.officeId, {
      start: true,
      trigger: "cron",
      maxPages: 5,
    });
    expect(out.status).toBe("lease_lost");
    expect(await stored(office.officeId)).toEqual([]);
  });

  it("a run never deletes a client it did not see that something newer confirmed", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
    const d = deps(source);
    await runToEnd(d, office.officeId);
    // While the next run pages, an on-demand lookup adds a relation created upstream meanwhile,
    // on a page this run has already passed.
    source.beforeList = async (page) => {
      if (page !== 2) return;
      clock.t += 10;
      await refreshOne(d, office.officeId, record(500), null);
    };
    await runToEnd(d, office.officeId);
    expect((await stored(office.officeId)).filter((c) => c.deleted)).toEqual([]);
  });
});

describe("page writes are capped by bytes (D1: 2,000,000 bytes per value)", {
  timeout: syncTestTimeout,
}, () => {
  it("cuts by UTF-8 bytes, not characters: 4-byte characters weigh four", () => {
    const clef = "𝄞"; // U+1D11E: 2 UTF-16 units, 4 UTF-8 bytes
    const items = Array.from({ length: 10 }, () => clef.repeat(100)); // 400 bytes each
    const bytes = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length;
    const { chunks, tooLarge } = chunkByBytes(items, bytes, 1_000);
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 2, 2, 2]);
    expect(tooLarge).toEqual([]);
    expect(chunkByBytes([clef.repeat(300)], bytes, 1_000).tooLarge).toHaveLength(1);
  });

  const heavy = (i: number, chars: number) => record(i, { name: `${"😀".repeat(chars)} ${i}` }); // 4 bytes per emoji

  it("without the cap D1 refuses such a page (the limit is real here)", async () => {
    const office = await newOffice();
    const recs = Array.from({ length: 4 }, (_, i) => heavy(i, 150_000));
    const { statements } = await pageStatements(
      { db, now: () => clock.t },
      office.officeId,
      null,
      recs,
      recs.map((r) => r.adminpulseId),
      undefined,
      Number.MAX_SAFE_INTEGER,
    );
    await expect(runBatch(db, statements)).rejects.toThrow();
  });

  it("a page of 4 × 1.2 MB clients syncs in several statements; one too large for a D1 row is reported and skipped (still counted as seen)", async () => {
    const office = await newOffice();
    const source = new FakeSource([
      ...Array.from({ length: 4 }, (_, i) => heavy(i, 150_000)),
      heavy(4, 300_000), // name + search text ≈ 2.4 MB: no D1 row can hold it
      record(5),
    ]);
    await runToEnd(deps(source, 6), office.officeId);
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    expect(rows.map((r) => r.adminpulseId).sort()).toEqual([
      "ap-0",
      "ap-1",
      "ap-2",
      "ap-3",
      "ap-5",
    ]);
    expect(rows.find((r) => r.adminpulseId === "ap-0")!.name).toHaveLength(300_000 + 2);
    const run = (
      await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId))
    )[0]!;
    expect(JSON.parse(run.problemCounts)).toEqual({ "record.too_large": 1 });
    expect(maxPayloadBytes).toBeLessThan(2_000_000);
  });

  it("a 1.8 MB client, whose row would not fit D1 with its stored resource (ADR 0030), syncs and reads whole", async () => {
    const office = await newOffice();
    const source = new FakeSource([heavy(0, 225_000), record(1)]); // name + search text ≈ 1.8 MB
    await runToEnd(deps(source, 2), office.officeId);
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    expect(rows.map((r) => r.adminpulseId).sort()).toEqual(["ap-0", "ap-1"]);
    for (const row of rows) {
      const read = await clientJsonById(db, office.officeId, row.id);
      expect(read?.json).toBe(JSON.stringify(toClientResource(row)));
    }
  });
});
