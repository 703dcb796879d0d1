import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, connect, type Harness, harness, newOffice } from "../../../../test/harness.js";
import { runErrorsKept } from "../../../db/queries/sync.js";

type RunError = {
  code: string;
  message: string;
  at: string;
  phase: string | null;
  page: number | null;
};
type Run = { status: string; errorCount: number; lastError: string | null; errors: RunError[] };

const step = async (h: Harness, key: string) =>
  (await (await call(h, "POST", "/v1/sync", { key, body: {} })).json()) as {
    outcome: string;
    run: Run;
  };

describe("GET /v1/sync/runs: the run's errors", () => {
  it("keeps a bounded list of the run's errors (code, message, time, phase, page), not just the last", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "5", SYNC_PAGES_PER_STEP: "1" } });
    h.source.records = Array.from({ length: 10 }, (_, i) => record(i));
    const office = await newOffice();
    await connect(h, office);
    // 22 steps meet a 429 on the first page (/tasks, read first: ADR 0023; pacing, the run goes
    // on), then that page reads, then a 503 on /relations page 0.
    const limited = runErrorsKept + 2;
    h.source.failNext("rate_limited", limited);
    for (let i = 0; i < limited; i++)
      expect((await step(h, office.keys.admin)).outcome).toBe("error");
    expect((await step(h, office.keys.admin)).outcome).toBe("progress");
    h.source.failNext("upstream");
    expect((await step(h, office.keys.admin)).outcome).toBe("error");
    let last = await step(h, office.keys.admin);
    for (let i = 0; last.outcome !== "completed" && i < 10; i++)
      last = await step(h, office.keys.admin);
    expect(last.outcome).toBe("completed");

    const res = await call(h, "GET", "/v1/sync/runs", { key: office.keys.service });
    const [run] = ((await res.json()) as { data: Run[] }).data;
    expect(run).toMatchObject({ status: "completed", errorCount: limited + 1 });
    expect(run!.errors).toHaveLength(runErrorsKept);
    // The newest are kept, oldest first; the last is `lastError`.
    expect(run!.errors.at(-1)).toEqual({
      code: "upstream",
      message: run!.lastError,
      at: new Date(h.clock.t).toISOString(),
      phase: "paging",
      page: 0,
    });
    expect(run!.errors.slice(0, -1).every((e) => e.code === "rate_limited")).toBe(true);
    expect(run!.errors[0]).toMatchObject({ phase: "tasks", page: 0 });
    expect(run!.errors[0]!.message).toMatch(/^rate_limited: \/tasks page 0: injected/);
  });

  it("a failed run's end reason is one of its errors", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "5" } });
    h.source.records = Array.from({ length: 10 }, (_, i) => record(i));
    const office = await newOffice();
    await connect(h, office);
    h.source.failNext("upstream", 5);
    for (let i = 0; i < 5; i++) await step(h, office.keys.admin);
    const res = await call(h, "GET", "/v1/sync/runs", { key: office.keys.service });
    const [run] = ((await res.json()) as { data: Run[] }).data;
    expect(run!.status).toBe("failed");
    expect(run!.errors.map((e) => e.code)).toEqual([
      ...Array(5).fill("upstream"),
      "page_unreadable",
    ]);
    expect(run!.lastError).toMatch(/^page_unreadable: /);
  });
});
