import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { db, newOffice } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { getSyncState } from "../db/queries/sync.js";
import {
  clientHistory,
  clients,
  offices,
  syncRuns,
  syncState,
  syncTaskLinks,
} from "../db/schema/index.js";
import { type StepOutcome, syncStep } from "./engine.js";

/** The tasks phase (ADR 0012): task templates come from `/tasks`, not from the relations. */

const pageSize = 4;

function deps(source: FakeSource) {
  // A clock that moves, so runs sort by start time.
  let t = 1_000_000;
  return {
    db,
    now: () => (t += 1000),
    config: { SYNC_PAGE_SIZE: pageSize, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
    source,
  };
}

async function runToEnd(d: ReturnType<typeof deps>, officeId: string, maxPages = 100) {
  const outcomes: StepOutcome[] = [];
  for (let i = 0; i < 200; i++) {
    const o = await syncStep(d, officeId, { start: i === 0, trigger: "manual", maxPages });
    outcomes.push(o);
    if (o.status === "completed") return outcomes;
  }
  throw new Error(`did not complete: ${JSON.stringify(outcomes.slice(-3))}`);
}

async function templatesOf(officeId: string) {
  const rows = await db
    .select()
    .from(clients)
    .where(eq(clients.officeId, officeId))
    .orderBy(asc(clients.adminpulseId));
  return Object.fromEntries(
    rows.map((r) => [r.adminpulseId, JSON.parse(r.taskTemplates) as string[]]),
  );
}

async function seqs(officeId: string) {
  const rows = await db.select().from(clients).where(eq(clients.officeId, officeId));
  return Object.fromEntries(rows.map((r) => [r.adminpulseId, r.changeSeq]));
}

/** Versions written per client: the history triggers add one row per client row write. */
async function writesPerClient(officeId: string) {
  const rows = await db.select().from(clientHistory).where(eq(clientHistory.officeId, officeId));
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.clientId, (n.get(r.clientId) ?? 0) + 1);
  return [...n.values()];
}

async function officeSeq(officeId: string) {
  return (await db.select().from(offices).where(eq(offices.id, officeId)))[0]!.changeSeq;
}

async function runsOf(officeId: string) {
  return db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.officeId, officeId))
    .orderBy(asc(syncRuns.startedAt), asc(syncRuns.id));
}

/** 10 relations; templates on some, several per relation, one relation with tasks of only one. */
function office10() {
  return Array.from({ length: 10 }, (_, i) =>
    record(
      i,
      {},
      i % 3 === 0 ? ["Jaarrekening", "BTW-aangifte"] : i % 3 === 1 ? ["Personenbelasting"] : [],
    ),
  );
}

const expected10 = {
  "ap-0": ["BTW-aangifte", "Jaarrekening"],
  "ap-1": ["Personenbelasting"],
  "ap-2": [],
  "ap-3": ["BTW-aangifte", "Jaarrekening"],
  "ap-4": ["Personenbelasting"],
  "ap-5": [],
  "ap-6": ["BTW-aangifte", "Jaarrekening"],
  "ap-7": ["Personenbelasting"],
  "ap-8": [],
  "ap-9": ["BTW-aangifte", "Jaarrekening"],
};

describe("tasks phase", { timeout: syncTestTimeout }, () => {
  it("assigns each client the templates of its tasks, read before the relation pages: one write per client", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    const out = await runToEnd(d, office.officeId);
    expect(out.at(-1)).toMatchObject({ status: "completed", pages: 3, taskPages: 3 });
    expect(source.taskListCalls).toBe(3); // 11 tasks at 4 a page
    expect(await templatesOf(office.officeId)).toEqual(expected10);
    // Each client written once, with its templates (ADR 0023): 10 changes in the feed, 10 rows,
    // not 10 added and then the 7 with templates rewritten.
    expect(await officeSeq(office.officeId)).toBe(10);
    expect(await writesPerClient(office.officeId)).toEqual(Array(10).fill(1));
    const [run] = await runsOf(office.officeId);
    expect(run).toMatchObject({ status: "completed", pages: 3, taskPages: 3, added: 10 });
    expect(run!.updated).toBe(0);
    // The staging is cleared when the run finishes.
    expect(
      await db.select().from(syncTaskLinks).where(eq(syncTaskLinks.officeId, office.officeId)),
    ).toEqual([]);

    // Nothing changed in AdminPulse: the next full pass writes nothing at all.
    await runToEnd(d, office.officeId);
    expect(await officeSeq(office.officeId)).toBe(10);
    expect(await writesPerClient(office.officeId)).toEqual(Array(10).fill(1));
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 0, updated: 0, deleted: 0 });
  });

  it("a changed template set is one change in the feed, for that client only", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    const before = await seqs(office.officeId);
    source.records[2]!.taskTemplates = ["UBO-register"];
    await runToEnd(d, office.officeId);
    const after = await seqs(office.officeId);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed).toEqual(["ap-2"]);
    expect(after["ap-2"]).toBe(11);
    expect((await templatesOf(office.officeId))["ap-2"]).toEqual(["UBO-register"]);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 0, updated: 1 });
  });

  it("a relation whose fields and templates both changed is written once, with both", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    const before = await seqs(office.officeId);
    source.records[0] = record(0, { email: "nieuw@example.be" }, ["Jaarrekening"]);
    await runToEnd(d, office.officeId);
    const after = await seqs(office.officeId);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(["ap-0"]);
    expect(after["ap-0"]).toBe(11);
    const row = (await db.select().from(clients).where(eq(clients.officeId, office.officeId))).find(
      (r) => r.adminpulseId === "ap-0",
    )!;
    expect(row.email).toBe("nieuw@example.be");
    expect(JSON.parse(row.taskTemplates)).toEqual(["Jaarrekening"]);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 0, updated: 1 });
    expect((await writesPerClient(office.officeId)).sort()).toEqual([...Array(9).fill(1), 2]);
  });

  it("interrupted at every task page and resumed: the same end state as a clean run, one run", async () => {
    const clean = await newOffice();
    await runToEnd(deps(new FakeSource(office10())), clean.officeId);
    const expectedSeq = await officeSeq(clean.officeId);

    for (let cut = 0; cut < 3; cut++) {
      const office = await newOffice();
      const source = new FakeSource(office10());
      const d = deps(source);
      // `cut` task pages go through (they come first), then the next task page times out.
      await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: cut });
      expect(await getSyncState(db, office.officeId)).toMatchObject({
        phase: "tasks",
        taskNextPage: cut,
      });
      source.failNext("timeout");
      const failed = await syncStep(d, office.officeId, {
        start: false,
        trigger: "cron",
        maxPages: 1,
      });
      expect(failed).toMatchObject({ status: "error", kind: "timeout" });
      // The checkpoint stayed on the failed task page; nothing was applied yet.
      expect((await getSyncState(db, office.officeId))?.taskNextPage).toBe(cut);
      expect(Object.values(await templatesOf(office.officeId)).flat()).toEqual([]);
      const rest = await runToEnd(d, office.officeId, 1);
      expect(rest.at(-1)?.status).toBe("completed");
      expect(await templatesOf(office.officeId)).toEqual(expected10);
      expect(await officeSeq(office.officeId)).toBe(expectedSeq);
      const runs = await runsOf(office.officeId);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "completed", pages: 3, taskPages: 3, errorCount: 1 });
    }
  });

  it("a redone task page (the step died after its batch, before the next) stages nothing twice", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 2 });
    // Rewind the checkpoint by one page, as if the batch had committed and the step then died.
    const state = (await getSyncState(db, office.officeId))!;
    await db
      .update(syncState)
      .set({ taskNextPage: state.taskNextPage - 1 })
      .where(eq(syncState.officeId, office.officeId));
    await runToEnd(d, office.officeId, 1);
    expect(await templatesOf(office.officeId)).toEqual(expected10);
    expect(await officeSeq(office.officeId)).toBe(10);
  });

  it("a template whose tasks disappear is removed at the next complete pass only", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    // ap-0 loses its BTW tasks, ap-1 all its tasks.
    source.records[0]!.taskTemplates = ["Jaarrekening"];
    source.records[1]!.taskTemplates = [];
    // A run cut off inside the tasks phase removes nothing.
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 2 });
    expect((await templatesOf(office.officeId))["ap-0"]).toEqual(["BTW-aangifte", "Jaarrekening"]);
    await runToEnd(d, office.officeId);
    const t = await templatesOf(office.officeId);
    expect(t["ap-0"]).toEqual(["Jaarrekening"]);
    expect(t["ap-1"]).toEqual([]);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ updated: 2, deleted: 0 });
  });

  it("tasks added mid-scan shift the pages: templates are only added, removals wait for a stable pass", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    source.records[4]!.taskTemplates = []; // a removal this run cannot prove
    source.beforeTaskList = (page) => {
      // New tasks for the first relation while we page: everything after shifts back.
      if (page === 1) source.records[0]!.taskTemplates.push("Vennootschapsbelasting");
    };
    await runToEnd(d, office.officeId, 1);
    source.beforeTaskList = undefined;
    let t = await templatesOf(office.officeId);
    expect(t["ap-4"]).toEqual(["Personenbelasting"]);
    const run = (await runsOf(office.officeId))[1]!;
    expect(run.lastError).toContain("task_count_changed");
    // Shifted tasks may be read twice or missed, but nothing is lost or wrongly removed.
    for (const [k, v] of Object.entries(expected10))
      if (k !== "ap-0" && k !== "ap-4") expect(t[k]).toEqual(v);
    // The next (stable) pass settles everything.
    await runToEnd(d, office.officeId);
    t = await templatesOf(office.officeId);
    expect(t["ap-0"]).toEqual(["BTW-aangifte", "Jaarrekening", "Vennootschapsbelasting"]);
    expect(t["ap-4"]).toEqual([]);
  });

  it("GET /tasks refused (key without tasks.read): relations sync, templates stay, the run says why", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    source.records[1]!.taskTemplates = [];
    source.records[2] = record(2, { email: "nieuw@example.be" });
    // The task scan comes first (ADR 0023); its 401 skips it, the relation pages read on.
    source.failNext("unauthorized");
    const o = await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 5 });
    expect(o).toMatchObject({ status: "completed", pages: 3, taskPages: 0 });
    const run = (await runsOf(office.officeId))[1]!;
    expect(run).toMatchObject({ status: "completed", updated: 1, errorCount: 1 });
    expect(run.lastError).toContain("tasks_unreadable");
    const t = await templatesOf(office.officeId);
    expect(t["ap-1"]).toEqual(["Personenbelasting"]);
    expect(t["ap-0"]).toEqual(["BTW-aangifte", "Jaarrekening"]);
  });

  it("a run opened before tasks came first (relation pages read, tasks phase open) finishes without re-reading relations", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 0 });
    // The old order's checkpoint: every relation page read, the task scan not begun.
    await db
      .update(syncState)
      .set({ nextPage: 3, pageCount: 3 })
      .where(eq(syncState.officeId, office.officeId));
    const out = await runToEnd(d, office.officeId, 100);
    expect(out.at(-1)).toMatchObject({ status: "completed", pages: 0, taskPages: 3 });
    expect(source.listCalls).toBe(0);
  });

  it("a deleted relation is tombstoned, not also rewritten for its vanished templates", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    const seq = await officeSeq(office.officeId);
    source.records = source.records.filter((r) => r.adminpulseId !== "ap-3");
    source.records.push(record(50));
    await runToEnd(d, office.officeId);
    // One add (ap-50, no tasks) and one tombstone (ap-3): two changes, nothing else.
    expect(await officeSeq(office.officeId)).toBe(seq + 2);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 1, updated: 0, deleted: 1 });
  });
});
