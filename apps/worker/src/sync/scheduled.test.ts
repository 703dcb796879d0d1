import { describe, expect, it } from "vitest";
import { record } from "../../test/fixtures.js";
import { call, connect, harness, newOffice } from "../../test/harness.js";
import { runScheduled } from "./scheduled.js";

const runsOf = async (h: ReturnType<typeof harness>, key: string) =>
  (
    (await (await call(h, "GET", "/v1/sync/runs", { key })).json()) as {
      data: { status: string; pages: number }[];
    }
  ).data;

describe("runScheduled", () => {
  it("starts a due full run, continues it on later ticks, then only light-checks until the count changes", async () => {
    const h = harness({
      config: { SYNC_PAGE_SIZE: "5", SYNC_PAGES_PER_STEP: "2", SYNC_LIGHT_INTERVAL_MINUTES: "15" },
    });
    h.source.records = Array.from({ length: 17 }, (_, i) => record(i));
    const office = await newOffice();
    await connect(h, office);
    const mine = (r: Awaited<ReturnType<typeof runScheduled>>) =>
      r.offices.find((o) => o.officeId === office.officeId);

    // Never synced: a full run is due at once, bounded to 2 pages per tick.
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "full",
      outcome: { status: "progress", pages: 2 },
    });
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "continue",
      outcome: { status: "progress", pages: 2, taskPages: 0 },
    });
    // The tasks phase (one page: these relations have no tasks) shares the per-tick page budget.
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "continue",
      outcome: { status: "completed", pages: 0, taskPages: 1 },
    });
    expect(await runsOf(h, office.keys.service)).toEqual([
      expect.objectContaining({ status: "completed", pages: 4, taskPages: 1 }),
    ]);

    // Light check: one call, same total → nothing started.
    h.clock.t += 16 * 60_000;
    const calls = h.source.listCalls;
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({ action: "light" });
    expect(h.source.listCalls).toBe(calls + 1);
    // Within the interval: skipped entirely.
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({ action: "skip" });

    // A new relation changes the total: the light check starts a full run early.
    h.source.records.push(record(99));
    h.clock.t += 16 * 60_000;
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({ action: "full" });

    // The nightly cron always starts a full run (once the open one has finished: 3 more ticks).
    await runScheduled(h.services, "*/5 * * * *");
    await runScheduled(h.services, "*/5 * * * *");
    expect(mine(await runScheduled(h.services, "0 1 * * *"))).toMatchObject({ action: "full" });
  });

  it("skips offices without a connection", async () => {
    const h = harness();
    const office = await newOffice();
    const report = await runScheduled(h.services, "0 1 * * *");
    expect(report.offices.find((o) => o.officeId === office.officeId)).toEqual({
      officeId: office.officeId,
      action: "skip",
    });
  });
});
