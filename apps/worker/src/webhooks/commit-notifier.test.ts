import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { call, db, harness, newOffice } from "../../test/harness.js";
import { webhookDeliveries } from "../db/schema/index.js";
import { syncStep } from "../sync/engine.js";
import { commitNotifier } from "./commit-notifier.js";

describe("commitNotifier", () => {
  it("announces at most once per gap, and settle() sends what the gap skipped", async () => {
    const clock = { t: 0 };
    const sent: number[] = [];
    const n = commitNotifier(async () => void sent.push(clock.t), "office", {
      now: () => clock.t,
      minGapMs: 1_000,
    });
    n.afterCommit(); // t=0: sent
    clock.t = 400;
    n.afterCommit(); // within the gap: skipped
    clock.t = 1_000;
    n.afterCommit(); // gap over: sent
    expect(sent).toEqual([0, 1_000]);
    await n.settle(); // nothing skipped since: no extra announcement
    expect(sent).toEqual([0, 1_000]);
    clock.t = 1_500;
    n.afterCommit();
    await n.settle();
    expect(sent).toEqual([0, 1_000, 1_500]);
  });

  it("a failing announcement never fails the step, and settle() still resolves", async () => {
    const n = commitNotifier(async () => {
      throw new Error("queue unavailable");
    }, "office");
    expect(() => n.afterCommit()).not.toThrow();
    await expect(n.settle()).resolves.toBeUndefined();
  });

  it("without a notifier (no webhooks on this runtime) it does nothing", async () => {
    const n = commitNotifier(undefined, "office");
    n.afterCommit();
    await expect(n.settle()).resolves.toBeUndefined();
  });
});

describe("a sync step announces its batches while it runs (issue 16: within 5 s of the commit)", () => {
  it("each batch's committed event is announced right after its commit, not at the step's end", async () => {
    const h = harness();
    const office = await newOffice();
    const reg = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url: "https://hooks.example.be/x", events: ["clients.changed"] },
    });
    expect(reg.status).toBe(201);
    const source = new FakeSource(Array.from({ length: 35 }, (_, i) => record(i)));
    // Batches the step committed so far (the engine calls afterCommit right after each commit).
    // Pages are read ahead of their writes (ADR 0026), so commits, not fetches, are what count.
    let commits = 0;
    /** Per announcement: commits made when it was made, and the outbox's pending events then. */
    const announcements: { commits: number; pending?: number }[] = [];
    let t = 0;
    const announce = commitNotifier(
      async (officeId) => {
        const a: { commits: number; pending?: number } = { commits };
        announcements.push(a);
        const rows = await db
          .select({ id: webhookDeliveries.id })
          .from(webhookDeliveries)
          .where(
            and(eq(webhookDeliveries.officeId, officeId), eq(webhookDeliveries.status, "pending")),
          );
        a.pending = rows.length;
      },
      office.officeId,
      { now: () => (t += 1_000) }, // a second between commits: no announcement is throttled
    );
    const outcome = await syncStep(
      {
        db,
        now: h.services.now,
        config: { SYNC_PAGE_SIZE: 10, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 100 },
        source,
        afterCommit: () => {
          commits++;
          announce.afterCommit();
        },
      },
      office.officeId,
      { start: true, trigger: "manual", maxPages: 100 },
    );
    await announce.settle();
    expect(outcome).toMatchObject({ status: "completed", pages: 4 });
    // One announcement per commit, each made at its own commit (start, task page, 4 relation
    // pages, finalize): the first page's event went out while later pages were still to come.
    expect(commits).toBeGreaterThanOrEqual(7);
    expect(announcements.map((a) => a.commits)).toEqual(
      Array.from({ length: commits }, (_, i) => i + 1),
    );
    // The four relation pages' events were in the outbox when the last batch was announced.
    expect(announcements.at(-1)!.pending).toBe(4);
  });
});
