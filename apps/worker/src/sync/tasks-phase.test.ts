import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { db, newOffice } from "../../test/harness.js";
import { getSyncState } from "../db/queries/sync.js";
import { clients, offices, syncRuns, syncState, syncTaskLinks } from "../db/schema/index.js";
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

describe("tasks phase", () => {
  it("assigns each client the templates of its tasks, after the relation pages, counted as task pages", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    const out = await runToEnd(d, office.officeId);
    expect(out.at(-1)).toMatchObject({ status: "completed", pages: 3, taskPages: 3 });
    expect(source.taskListCalls).toBe(3); // 11 tasks at 4 a page
    expect(await templatesOf(office.officeId)).toEqual(expected10);
    // 10 added by the relation pages, then the 7 clients with templates rewritten once each.
    expect(await officeSeq(office.officeId)).toBe(17);
    const [run] = await runsOf(office.officeId);
    expect(run).toMatchObject({ status: "completed", pages: 3, taskPages: 3, added: 10 });
    expect(run!.updated).toBe(7);
    // The staging is cleared when the run finishes.
    expect(
      await db.select().from(syncTaskLinks).where(eq(syncTaskLinks.officeId, office.officeId)),
    ).toEqual([]);

    // Nothing changed in AdminPulse: the next full pass writes nothing at all.
    await runToEnd(d, office.officeId);
    expect(await officeSeq(office.officeId)).toBe(17);
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
    expect(after["ap-2"]).toBe(18);
    expect((await templatesOf(office.officeId))["ap-2"]).toEqual(["UBO-register"]);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 0, updated: 1 });
  });

  it("a relation page keeps the stored templates (relations do not carry them)", async () => {
    const office = await newOffice();
    const source = new FakeSource(office10());
    const d = deps(source);
    await runToEnd(d, office.officeId);
    source.records[0] = record(0, { email: "nieuw@example.be" }, ["Jaarrekening", "BTW-aangifte"]);
    // Only the relation pages: the tasks phase has not run yet.
    const o = await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 3 });
    expect(o).toMatchObject({ status: "progress", pages: 3, taskPages: 0 });
    expect((await getSyncState(db, office.officeId))?.phase).toBe("tasks");
    const row = (await db.select().from(clients).where(eq(clients.officeId, office.officeId))).find(
      (r) => r.adminpulseId === "ap-0",
    )!;
    expect(row.email).toBe("nieuw@example.be");
    expect(JSON.parse(row.taskTemplates)).toEqual(["BTW-aangifte", "Jaarrekening"]);
    await runToEnd(d, office.officeId);
    expect((await runsOf(office.officeId))[1]).toMatchObject({ added: 0, updated: 1 });
  });

  it("interrupted at every task page and resumed: the same end state as a clean run, one run", async () => {
    const clean = await newOffice();
    await runToEnd(deps(new FakeSource(office10())), clean.officeId);
    const expectedSeq = await officeSeq(clean.officeId);

    for (let cut = 0; cut < 3; cut++) {
      const office = await newOffice();
      const source = new FakeSource(office10());
      const d = deps(source);
      // The 3 relation pages and `cut` task pages go through, then the next task page times out.
      await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 3 + cut });
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
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 4 });
    // Rewind the checkpoint by one page, as if the batch had committed and the step then died.
    const state = (await getSyncState(db, office.officeId))!;
    await db
      .update(syncState)
      .set({ taskNextPage: state.taskNextPage - 1 })
      .where(eq(syncState.officeId, office.officeId));
    await runToEnd(d, office.officeId, 1);
    expect(await templatesOf(office.officeId)).toEqual(expected10);
    expect(await officeSeq(office.officeId)).toBe(17);
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
    await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 4 });
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
    const first = await syncStep(d, office.officeId, { start: true, trigger: "cron", maxPages: 3 });
    expect(first.status).toBe("progress");
    source.failNext("unauthorized");
    const o = await syncStep(d, office.officeId, { start: false, trigger: "cron", maxPages: 5 });
    expect(o).toMatchObject({ status: "completed", pages: 0, taskPages: 0 });
    const run = (await runsOf(office.officeId))[1]!;
    expect(run).toMatchObject({ status: "completed", updated: 1, errorCount: 1 });
    expect(run.lastError).toContain("tasks_unreadable");
    const t = await templatesOf(office.officeId);
    expect(t["ap-1"]).toEqual(["Personenbelasting"]);
    expect(t["ap-0"]).toEqual(["BTW-aangifte", "Jaarrekening"]);
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
