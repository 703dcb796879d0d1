import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { call, connect, harness, newOffice, type Office } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { runScheduled } from "./scheduled.js";

type Event = {
  action: string;
  target: string | null;
  actor: { keyId: string | null; name: string | null; person: string | null };
  details: Record<string, unknown>;
};

async function syncEvents(h: ReturnType<typeof harness>, office: Office): Promise<Event[]> {
  const res = await call(h, "GET", "/v1/audit?limit=100", { key: office.keys.admin });
  const events = ((await res.json()) as { data: Event[] }).data;
  // Events of one batch share their time (the list orders those by id): per run, in the order
  // runs began, each run's events in the order they happen.
  const rank = ["sync.started", "sync.finished", "sync.failed", "sync.client_refreshed"];
  const sync = events.filter((e) => e.action.startsWith("sync.")).reverse();
  const runs = [...new Set(sync.map((e) => e.target))];
  return runs.flatMap((run) =>
    sync
      .filter((e) => e.target === run)
      .sort((x, y) => rank.indexOf(x.action) - rank.indexOf(y.action)),
  );
}

describe("sync runs are audited (issue 11)", { timeout: syncTestTimeout }, () => {
  it("a staff sync: started and finished, by the staff key, naming the run", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "2", SYNC_PAGES_PER_STEP: "1" } });
    h.source.records = [record(1), record(2), record(3)];
    const office = await newOffice();
    await connect(h, office);
    let runId = "";
    for (let i = 0; i < 10; i++) {
      const res = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
      const body = (await res.json()) as { outcome: string; run: { id: string } };
      runId = body.run.id;
      if (body.outcome === "completed") break;
    }
    const events = await syncEvents(h, office);
    expect(events.map((e) => e.action)).toEqual(["sync.started", "sync.finished"]);
    for (const e of events) {
      expect(e.target).toBe(runId);
      expect(e.actor).toEqual({ keyId: office.keyIds.staff, name: "staff key", person: null });
    }
    expect(events[0]!.details).toMatchObject({ trigger: "manual" });
    expect(events[1]!.details).toMatchObject({ status: "completed", added: 3 });
  });

  it("a cron sync is audited with the cron as actor; a run that fails says why", async () => {
    // The cron serves every office in the database: this office gets its own AdminPulse.
    const mine = new FakeSource([record(1)]);
    const h = harness({ source: (token) => (token === "cron-audit" ? mine : new FakeSource([])) });
    const office = await newOffice();
    await connect(h, office, "cron-audit");
    await runScheduled(h.services, "0 1 * * *");
    // Tasks come first (ADR 0023): a 401 there alone could be a missing tasks.read scope; the
    // relation page's 401 right after proves the credential refused.
    mine.failNext("unauthorized", 2);
    h.clock.t += 27 * 3600_000;
    await runScheduled(h.services, "0 1 * * *");
    const events = await syncEvents(h, office);
    expect(events.map((e) => e.action)).toEqual([
      "sync.started",
      "sync.finished",
      "sync.started",
      "sync.failed",
    ]);
    for (const e of events) expect(e.actor).toEqual({ keyId: null, name: "cron", person: null });
    expect(events[3]!.details).toMatchObject({ reason: "unauthorized" });
  });

  it("a one-client refresh through POST /v1/sync is audited as an upstream refresh", async () => {
    const h = harness();
    h.source.records = [record(1)];
    const office = await newOffice();
    await connect(h, office);
    await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    const list = await call(h, "GET", "/v1/clients", { key: office.keys.staff });
    const id = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
    const res = await call(h, "POST", "/v1/sync", {
      key: office.keys.admin,
      body: { clientId: id },
    });
    expect(res.status).toBe(200);
    const events = await syncEvents(h, office);
    expect(events.find((e) => e.action === "sync.client_refreshed")).toMatchObject({
      action: "sync.client_refreshed",
      target: id,
      actor: { keyId: office.keyIds.admin, name: "admin key" },
      details: { result: "unchanged" },
    });
  });
});
