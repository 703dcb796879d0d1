import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { db, newOffice } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { acquireLease } from "../db/queries/sync.js";
import { clients, offices, syncRuns } from "../db/schema/index.js";
import { type StepOutcome, syncStep } from "./engine.js";

const pageSize = 10;

function deps(source: FakeSource, clock = { t: 1_000_000 }) {
  return {
    db,
    now: () => clock.t,
    config: { SYNC_PAGE_SIZE: pageSize, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
    source,
  };
}

async function snapshot(officeId: string) {
  const rows = await db
    .select()
    .from(clients)
    .where(eq(clients.officeId, officeId))
    .orderBy(asc(clients.adminpulseId));
  return rows.map((r) => ({
    ap: r.adminpulseId,
    name: r.name,
    email: r.email,
    hash: r.contentHash,
    deleted: r.deletedAt !== null,
  }));
}

async function officeSeq(officeId: string) {
  return (await db.select().from(offices).where(eq(offices.id, officeId)))[0]!.changeSeq;
}

/** Steps until the run completes, with at most `maxPages` pages per step. */
async function runToEnd(d: ReturnType<typeof deps>, officeId: string, maxPages = 100) {
  const outcomes: StepOutcome[] = [];
  for (let i = 0; i < 200; i++) {
    const o = await syncStep(d, officeId, { start: i === 0, trigger: "manual", maxPages });
    outcomes.push(o);
    if (o.status === "completed") return outcomes;
  }
  throw new Error(`did not complete: ${JSON.stringify(outcomes.slice(-3))}`);
}

const records = (n: number, from = 0) => Array.from({ length: n }, (_, i) => record(from + i));

describe("syncStep", { timeout: syncTestTimeout }, () => {
  it("a full pass writes every client once, with distinct, gap-free change_seq", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(25));
    const out = await runToEnd(deps(source), office.officeId);
    expect(out.at(-1)).toMatchObject({ status: "completed", pages: 3 });
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    expect(rows).toHaveLength(25);
    expect(rows.map((r) => r.changeSeq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(await officeSeq(office.officeId)).toBe(25);
    const run = (
      await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId))
    )[0]!;
    expect(run).toMatchObject({ status: "completed", pages: 3, added: 25, updated: 0, deleted: 0 });
  });

  it("a second pass over unchanged data writes nothing (only changed rows are written)", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(25));
    await runToEnd(deps(source), office.officeId);
    const before = await snapshot(office.officeId);
    const seq = await officeSeq(office.officeId);
    source.records[3] = record(3, { email: "new@example.be" });
    await runToEnd(deps(source), office.officeId);
    expect(await officeSeq(office.officeId)).toBe(seq + 1);
    const after = await snapshot(office.officeId);
    expect(after.filter((r, i) => r.hash !== before[i]!.hash).map((r) => r.ap)).toEqual(["ap-3"]);
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId));
    expect(runs.map((r) => [r.added, r.updated]).sort()).toEqual([
      [0, 1],
      [25, 0],
    ]);
  });

  it("interrupted at every page (failure before the write) and resumed: same end state as a clean run", async () => {
    const clean = await newOffice();
    await runToEnd(deps(new FakeSource(records(35))), clean.officeId);
    const expected = await snapshot(clean.officeId);

    for (let cut = 0; cut < 4; cut++) {
      const office = await newOffice();
      const source = new FakeSource(records(35));
      const d = deps(source);
      // Pages before the cut go through, then the call for page `cut` times out.
      let o = await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: cut });
      source.failNext("timeout");
      o = await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 1 });
      expect(o.status).toBe("error");
      const rest = await runToEnd({ ...d }, office.officeId, 1).catch(async () => null);
      // runToEnd starts with start=true, which continues the open run (never a second one).
      expect(rest?.at(-1)?.status).toBe("completed");
      expect(await snapshot(office.officeId)).toEqual(expected);
      expect(await officeSeq(office.officeId)).toBe(35);
      const runs = await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId));
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "completed", pages: 4, added: 35, errorCount: 1 });
    }
    // Five full syncs in one test: past vitest's 5 s default on a loaded machine.
  }, 30_000);

  it("a step stops starting pages when its time budget is spent, and the next step goes on", async () => {
    const office = await newOffice();
    const clock = { t: 1_000_000 };
    const source = new FakeSource(records(45));
    // Every page fetch takes 4 s of the step's clock: a budget of 10 s allows 3 pages (0, 4, 8 s).
    const listPage = source.listPage.bind(source);
    source.listPage = async (page, size) => {
      clock.t += 4_000;
      return listPage(page, size);
    };
    const d = deps(source, clock);
    const step = (start: boolean) =>
      syncStep(d, office.officeId, { start, trigger: "manual", maxPages: 100, maxMs: 10_000 });
    expect(await step(true)).toMatchObject({ status: "progress", pages: 3 });
    expect(await step(false)).toMatchObject({ status: "completed", pages: 2 });
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    expect(rows).toHaveLength(45);
    // A budget smaller than one page still fetches one page per step: the run always advances.
    const again = await syncStep(d, office.officeId, {
      start: true,
      trigger: "manual",
      maxPages: 100,
      maxMs: 1,
    });
    expect(again).toMatchObject({ status: "progress", pages: 1 });
  });

  it("a step writes at most maxRelations relations and reads no relation page ahead it will not write", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(45));
    const d = deps(source);
    // 20 relations a step = 2 pages of 10; the run's 5 pages take 3 steps.
    const step = (start: boolean) =>
      syncStep(d, office.officeId, { start, trigger: "manual", maxPages: 100, maxRelations: 20 });
    expect(await step(true)).toMatchObject({ status: "progress", pages: 2 });
    // The page after the budget is not read ahead: a call made and dropped would be wasted.
    expect(source.listCalls).toBe(2);
    expect(await step(false)).toMatchObject({ status: "progress", pages: 2 });
    expect(source.listCalls).toBe(4);
    expect(await step(false)).toMatchObject({ status: "completed", pages: 1 });
    expect(source.listCalls).toBe(5);
    const rows = await db.select().from(clients).where(eq(clients.officeId, office.officeId));
    expect(rows).toHaveLength(45);
    // A budget under one page still writes one page per step: the run always advances.
    const opts = { start: true, trigger: "manual" as const, maxPages: 100, maxRelations: 3 };
    expect(await syncStep(d, office.officeId, opts)).toMatchObject({ pages: 1 });
  });

  it("a step that died holding the lease blocks others until the lease expires, then resumes", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(30));
    const clock = { t: 5_000_000 };
    const d = deps(source, clock);
    expect(
      (await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 1 })).status,
    ).toBe("progress");
    // A crashed invocation: it took the lease and never released it.
    expect(await acquireLease(db, office.officeId, "crashed", clock.t, 60_000)).not.toBeNull();
    expect(
      (await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 5 })).status,
    ).toBe("busy");
    clock.t += 61_000;
    const out = await runToEnd(d, office.officeId, 5);
    expect(out.at(-1)?.status).toBe("completed");
    expect(await snapshot(office.officeId)).toHaveLength(30);
    expect(await officeSeq(office.officeId)).toBe(30);
  });

  it("deletions become tombstones only after a complete pass; a cut-off run deletes nothing", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(25));
    const d = deps(source);
    await runToEnd(d, office.officeId);
    source.records = source.records.filter(
      (r) => r.adminpulseId !== "ap-24" && r.adminpulseId !== "ap-0",
    );
    source.records.push(record(99));
    source.records.push(record(98));
    // Same count (25) so the pass is trusted. Cut after one page: nothing is deleted yet.
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 1 });
    expect((await snapshot(office.officeId)).filter((r) => r.deleted)).toEqual([]);
    await runToEnd(d, office.officeId);
    const snap = await snapshot(office.officeId);
    expect(snap.filter((r) => r.deleted).map((r) => r.ap)).toEqual(["ap-0", "ap-24"]);
    expect(snap.filter((r) => !r.deleted)).toHaveLength(25);
  });

  it("relations added mid-run shift the pages: deletions are deferred, nothing is wrongly deleted", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(30));
    const d = deps(source);
    await runToEnd(d, office.officeId);
    // While the next run pages, new relations are inserted at the front, pushing others back.
    source.beforeList = (page) => {
      if (page === 1) source.records.unshift(record(500), record(501), record(502));
    };
    const out = await runToEnd(d, office.officeId, 1);
    expect(out.at(-1)?.status).toBe("completed");
    source.beforeList = undefined;
    const snap = await snapshot(office.officeId);
    expect(snap.filter((r) => r.deleted)).toEqual([]);
    const runs = await db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.officeId, office.officeId), eq(syncRuns.added, 0)));
    expect(runs.at(-1)?.lastError ?? "").toContain("row_count_changed");
    // The next full pass sees everything.
    await runToEnd(d, office.officeId);
    expect((await snapshot(office.officeId)).filter((r) => !r.deleted)).toHaveLength(33);
  });

  it("an edit mid-sync on a page already read is picked up by the next run", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(30));
    const d = deps(source);
    source.beforeList = (page) => {
      if (page === 2) source.records[0] = record(0, { name: "Renamed BV" });
    };
    await runToEnd(d, office.officeId, 1);
    source.beforeList = undefined;
    expect((await snapshot(office.officeId))[0]!.name).not.toBe("Renamed BV");
    await runToEnd(d, office.officeId);
    expect((await snapshot(office.officeId))[0]!.name).toBe("Renamed BV");
  });

  it("429 and 5xx keep the checkpoint; 401 fails the run and flags the connection", async () => {
    const office = await newOffice();
    const source = new FakeSource(records(25));
    const d = deps(source);
    // The task page (tasks come first, ADR 0023) and the first relation page.
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 2 });
    source.failNext("rate_limited");
    expect(
      await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 }),
    ).toMatchObject({
      status: "error",
      kind: "rate_limited",
    });
    source.failNext("upstream");
    expect(
      (await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 })).status,
    ).toBe("error");
    source.failNext("unauthorized");
    expect(
      await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 }),
    ).toMatchObject({
      kind: "unauthorized",
    });
    const run = (
      await db.select().from(syncRuns).where(eq(syncRuns.officeId, office.officeId))
    )[0]!;
    expect(run).toMatchObject({ status: "failed", pages: 1, errorCount: 4 });
    // No run is open any more: continuing does nothing.
    expect(
      (await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 })).status,
    ).toBe("idle");
  });

  it("offices never see each other's rows, even with the same AdminPulse ids", async () => {
    const a = await newOffice();
    const b = await newOffice();
    await runToEnd(deps(new FakeSource(records(12))), a.officeId);
    await runToEnd(deps(new FakeSource(records(5))), b.officeId);
    expect(await snapshot(a.officeId)).toHaveLength(12);
    expect(await snapshot(b.officeId)).toHaveLength(5);
    expect(await officeSeq(b.officeId)).toBe(5);
  });
});
