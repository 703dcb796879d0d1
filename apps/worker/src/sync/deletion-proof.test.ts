import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { db, lastSyncRun, newOffice } from "../../test/harness.js";
import { runToEnd } from "../../test/run-sync.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { auditEvents, clients } from "../db/schema/index.js";
import { syncStep } from "./engine.js";
import type { SourcePage } from "./source.js";

/**
 * Issue 12, finding 1: a sync deletes only on proof. The repro is the issue's: 12 relations, 4 a
 * page; an empty or short page, a shrinking pageCount or a missing totalRowCount must never turn
 * live relations into `deleted` in the feed.
 */

const pageSize = 4;

/** One clock for every run of a test file, so a later run starts after an earlier one. */
let t = 1_000_000;
function deps(source: FakeSource, maxPercent = 100) {
  return {
    db,
    now: () => (t += 1000),
    config: {
      SYNC_PAGE_SIZE: pageSize,
      SYNC_LEASE_SECONDS: 60,
      SYNC_DELETE_MAX_PERCENT: maxPercent,
    },
    source,
  };
}

async function deletedIds(officeId: string) {
  const rows = await db
    .select()
    .from(clients)
    .where(eq(clients.officeId, officeId))
    .orderBy(asc(clients.adminpulseId));
  return rows.filter((r) => r.deletedAt !== null).map((r) => r.adminpulseId);
}

/** An office of 12 relations synced once, cleanly; then the next run meets `hook`. */
async function syncedTwelve(hook: (page: number, v: SourcePage) => SourcePage) {
  const office = await newOffice();
  const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
  await runToEnd(deps(source), office.officeId);
  source.pageHook = hook;
  await runToEnd(deps(source), office.officeId);
  return { office, source };
}

const empty = (v: SourcePage): SourcePage => ({ ...v, records: [], seenIds: [] });

describe("deletion only on proof (12 relations, 4 a page)", { timeout: syncTestTimeout }, () => {
  it("an empty first page deletes nothing, the scan reads on, and the run says why", async () => {
    const { office } = await syncedTwelve((p, v) => (p === 0 ? empty(v) : v));
    expect(await deletedIds(office.officeId)).toEqual([]);
    const run = await lastSyncRun(office.officeId);
    expect(run).toMatchObject({ status: "completed", pages: 3, deleted: 0 });
    expect(run.lastError).toMatch(/^empty_page: page 0 .*deletions deferred/);
  });

  it("an empty page in the middle deletes nothing", async () => {
    const { office } = await syncedTwelve((p, v) => (p === 1 ? empty(v) : v));
    expect(await deletedIds(office.officeId)).toEqual([]);
    expect((await lastSyncRun(office.officeId)).lastError).toMatch(/^empty_page: page 1/);
  });

  it("a pageCount that shrinks does not end the scan early; nothing is deleted", async () => {
    const { office, source } = await syncedTwelve((p, v) => (p === 1 ? { ...v, pageCount: 2 } : v));
    expect(await deletedIds(office.officeId)).toEqual([]);
    const run = await lastSyncRun(office.officeId);
    // Page 2 was still read: the largest page count seen decides where the scan ends.
    expect(run.pages).toBe(3);
    expect(run.lastError).toMatch(/^page_count_changed/);
    expect(source.listCalls).toBe(6);
  });

  it("a short page (fewer relations than totalRowCount) deletes nothing", async () => {
    const { office } = await syncedTwelve((p, v) =>
      p === 2 ? { ...v, records: v.records.slice(0, 1), seenIds: v.seenIds.slice(0, 1) } : v,
    );
    expect(await deletedIds(office.officeId)).toEqual([]);
    expect((await lastSyncRun(office.officeId)).lastError).toMatch(
      /^seen_mismatch: the scan saw 9 relations, AdminPulse counts 12/,
    );
  });

  it("a missing totalRowCount deletes nothing", async () => {
    const { office, source } = await syncedTwelve((_p, v) => ({ ...v, totalRowCount: null }));
    source.records.splice(5, 1);
    source.pageHook = (_p, v) => ({ ...v, totalRowCount: null });
    await runToEnd(deps(source), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual([]);
    expect((await lastSyncRun(office.officeId)).lastError).toMatch(/^total_missing/);
  });

  it("a relation really removed upstream is deleted by a complete, consistent scan", async () => {
    const { office, source } = await syncedTwelve((_p, v) => v);
    source.records = source.records.filter((r) => r.adminpulseId !== "ap-7");
    await runToEnd(deps(source), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual(["ap-7"]);
    expect(await lastSyncRun(office.officeId)).toMatchObject({ status: "completed", deleted: 1 });
  });
});

describe("the deletion-share threshold", { timeout: syncTestTimeout }, () => {
  it("holds deletions above the share: run deletions_held, audited, nothing deleted", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 25 }, (_, i) => record(i)));
    await runToEnd(deps(source, 10), office.officeId);
    // 3 of 25 = 12 % > 10 %.
    source.records = source.records.slice(3);
    await runToEnd(deps(source, 10), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual([]);
    const run = await lastSyncRun(office.officeId);
    expect(run).toMatchObject({ status: "deletions_held", deletionsHeld: 3, deleted: 0 });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.officeId, office.officeId),
          eq(auditEvents.action, "sync.deletions_held"),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({
      runId: run.id,
      held: 3,
      liveClients: 25,
      maxPercent: 10,
    });
  });

  it("deletes at or below the share without asking", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 25 }, (_, i) => record(i)));
    await runToEnd(deps(source, 10), office.officeId);
    source.records = source.records.slice(2); // 8 %
    await runToEnd(deps(source, 10), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual(["ap-0", "ap-1"]);
    expect(await lastSyncRun(office.officeId)).toMatchObject({ status: "completed", deleted: 2 });
  });

  it("an empty page that reads full the second time: the same clients, only the re-read counted", async () => {
    let reads = 0;
    const { office } = await syncedTwelve((p, v) => (p === 1 && reads++ === 0 ? empty(v) : v));
    expect(await deletedIds(office.officeId)).toEqual([]);
    const run = await lastSyncRun(office.officeId);
    expect(run).toMatchObject({ status: "completed", lastError: null });
    expect(JSON.parse(run.problemCounts ?? "{}")).toEqual({ "page.empty_reread": 1 });
  });

  it("a relation the list hides but AdminPulse answers by its key is kept and flagged; one gone by every key is deleted", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
    await runToEnd(deps(source), office.officeId);
    const hidden = source.records[5]!.adminpulseId;
    const gone = source.records[7]!.adminpulseId;
    source.unlisted.add(hidden);
    source.records.splice(7, 1);
    await runToEnd(deps(source), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual([gone]);
    const run = await lastSyncRun(office.officeId);
    expect(run).toMatchObject({ status: "completed", deleted: 1 });
    expect(JSON.parse(run.problemCounts ?? "{}")).toMatchObject({ "upstream.unlisted": 1 });
    const row = async () =>
      (
        await db
          .select()
          .from(clients)
          .where(and(eq(clients.officeId, office.officeId), eq(clients.adminpulseId, hidden)))
      )[0]!;
    const kept = await row();
    expect(kept.deletedAt).toBeNull();
    expect(kept.sourceProblems).toContain("upstream.unlisted");
    // Listed again: the flag goes with the next page write.
    source.unlisted.clear();
    await runToEnd(deps(source), office.officeId);
    const back = await row();
    expect(back.sourceProblems).not.toContain("upstream.unlisted");
  });

  it("AdminPulse failing while each deletion is checked: nothing deleted, the run says so", async () => {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 12 }, (_, i) => record(i)));
    await runToEnd(deps(source), office.officeId);
    source.records.splice(3, 1);
    // Tasks come first (ADR 0023): the last relation page (11 relations, 4 a page: page 2) is the
    // last call before the check, so the next call (the check) fails.
    const lastPage = Math.ceil(source.records.length / pageSize) - 1;
    source.beforeList = (page) => {
      if (page === lastPage) source.failNext("upstream");
    };
    await runToEnd(deps(source), office.officeId);
    expect(await deletedIds(office.officeId)).toEqual([]);
    expect((await lastSyncRun(office.officeId)).lastError).toMatch(/^deletions_unconfirmed: /);
  });
});

describe("the per-key check spends the step's budget", { timeout: syncTestTimeout }, () => {
  /** 40 relations synced; then 9 hidden from the list (kept) and 3 gone: 12 to ask for by key. */
  async function twelveToAsk() {
    const office = await newOffice();
    const source = new FakeSource(Array.from({ length: 40 }, (_, i) => record(i)));
    const clock = { t: 50_000_000 };
    const d = { ...deps(source), now: () => clock.t };
    await runToEnd(d, office.officeId);
    for (const r of source.records.slice(0, 9)) source.unlisted.add(r.adminpulseId);
    source.records.splice(30, 3);
    const asked: string[] = [];
    const getRelation = source.getRelation.bind(source);
    return { office, source, clock, d, asked, getRelation };
  }

  it("stops at SYNC_STEP_SECONDS between key checks and resumes where it stopped, asking no key twice", async () => {
    const { office, source, clock, d, asked, getRelation } = await twelveToAsk();
    source.getRelation = async (keys) => {
      asked.push(keys.adminpulseId);
      clock.t += 4_000;
      return getRelation(keys);
    };
    const perStep: number[] = [];
    let out = await syncStep(d, office.officeId, {
      start: true,
      trigger: "manual",
      maxPages: 100,
      maxMs: 10_000,
    });
    for (let i = 0; out.status === "progress" && i < 20; i++) {
      perStep.push(asked.length - perStep.reduce((a, b) => a + b, 0));
      out = await syncStep(d, office.officeId, {
        start: false,
        trigger: "manual",
        maxPages: 100,
        maxMs: 10_000,
      });
    }
    expect(out.status).toBe("completed");
    // 4 s a call, 10 s a step: three checks a step at most, and every step made progress.
    expect(Math.max(...perStep)).toBeLessThanOrEqual(3);
    expect(asked).toHaveLength(12);
    expect(new Set(asked).size).toBe(12);
    expect(await deletedIds(office.officeId)).toEqual(["ap-30", "ap-31", "ap-32"]);
    const run = await lastSyncRun(office.officeId);
    expect(run).toMatchObject({ status: "completed", deleted: 3, lastError: null });
    expect(JSON.parse(run.problemCounts)).toMatchObject({ "upstream.unlisted": 9 });
  });

  it("a 429 while checking is pacing: the next step asks that client again and the deletions go on", async () => {
    const { office, source, d, asked, getRelation } = await twelveToAsk();
    source.getRelation = async (keys) => {
      asked.push(keys.adminpulseId);
      if (asked.length === 5)
        return { ok: false, error: { kind: "rate_limited", message: "injected 429" } };
      return getRelation(keys);
    };
    const outcomes = await runToEnd(d, office.officeId);
    expect(outcomes.some((o) => o.status === "progress")).toBe(true);
    expect(asked).toHaveLength(13);
    expect(asked[5]).toBe(asked[4]);
    expect(await deletedIds(office.officeId)).toEqual(["ap-30", "ap-31", "ap-32"]);
    expect(await lastSyncRun(office.officeId)).toMatchObject({
      status: "completed",
      lastError: null,
    });
  });
});
