import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import {
  call,
  db,
  type Harness,
  harness,
  listSyncRuns,
  newOffice,
  type Office,
  seedClients,
  syncAll,
} from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { syncRuns } from "../../../db/schema/index.js";

type Run = { id: string; status: string; deletionsHeld: number; deleted: number };

const runs = (h: Harness, office: Office) => listSyncRuns<Run>(h, office);

/** 20 clients synced; then 5 (25 %) vanish upstream and the next run holds them. */
async function heldRun(h: Harness) {
  h.source.records = Array.from({ length: 20 }, (_, i) => record(i));
  const office = await newOffice();
  await seedClients(h, office);
  h.clock.t += 60_000;
  h.source.records = h.source.records.slice(5);
  await syncAll(h, office);
  const run = (await runs(h, office))[0]!;
  return { office, run };
}

const live = async (h: Harness, office: Office) => {
  const res = await call(h, "GET", "/v1/clients?limit=1000", { key: office.keys.staff });
  return ((await res.json()) as { data: unknown[] }).data.length;
};

describe("POST /v1/sync/runs/{id}/confirm-deletions", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: ({ seed }) => `/v1/sync/runs/${seed.runId}/confirm-deletions`,
    allowed: ["admin"],
    ownsResource: true,
    setup: async (h) => ({ runId: (await heldRun(h)).run.id }),
  });

  it("a run over the share is listed as deletions_held; an admin confirms, and it is audited", async () => {
    const h = harness();
    const { office, run } = await heldRun(h);
    expect(run).toMatchObject({ status: "deletions_held", deletionsHeld: 5, deleted: 0 });
    expect(await live(h, office)).toBe(20);

    const res = await call(h, "POST", `/v1/sync/runs/${run.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      deleted: 5,
      run: { id: run.id, status: "completed", deleted: 5 },
    });
    expect(await live(h, office)).toBe(15);
    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: office.keys.admin })
    ).json()) as { data: { action: string; details: Record<string, unknown> }[] };
    expect(audit.data.map((e) => e.action)).toEqual(
      expect.arrayContaining(["sync.deletions_held", "sync.deletions_confirmed"]),
    );
    // Confirming twice does nothing more.
    const again = await call(h, "POST", `/v1/sync/runs/${run.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(again.status).toBe(400);
  });

  it("a client found again by an on-demand refresh since the held run is not deleted", async () => {
    const h = harness();
    const { office, run } = await heldRun(h);
    const all = (await (
      await call(h, "GET", "/v1/clients?limit=1000", { key: office.keys.staff })
    ).json()) as { data: { id: string; sourceIds: { adminpulseId: string } }[] };
    const back = all.data.find((c) => c.sourceIds.adminpulseId === "ap-2")!;
    h.source.records.push(record(2));
    h.clock.t += 1000;
    const refreshed = await call(h, "POST", "/v1/sync", {
      key: office.keys.staff,
      body: { clientId: back.id },
    });
    expect(refreshed.status).toBe(200);
    const res = await call(h, "POST", `/v1/sync/runs/${run.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(await res.json()).toMatchObject({ deleted: 4 });
    expect(
      (await call(h, "GET", `/v1/clients/${back.id}`, { key: office.keys.staff })).status,
    ).toBe(200);
  });

  it("a newer run makes the held one stale (409): the newer evidence decides", async () => {
    const h = harness();
    const { office, run } = await heldRun(h);
    h.clock.t += 60_000;
    h.source.records = Array.from({ length: 20 }, (_, i) => record(i)); // they were back
    await syncAll(h, office);
    const res = await call(h, "POST", `/v1/sync/runs/${run.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(res.status).toBe(409);
    expect(await live(h, office)).toBe(20);
  });
});

describe("a hold from before the per-key check", () => {
  it("cannot be confirmed (400 unchecked): nothing is deleted, the next full run decides", async () => {
    const h = harness();
    const { office, run } = await heldRun(h);
    // As a run held by the earlier code left it: no record that each deletion was asked for.
    await db.update(syncRuns).set({ deletionsCheckedAt: null }).where(eq(syncRuns.id, run.id));
    const res = await call(h, "POST", `/v1/sync/runs/${run.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ field: "id", code: "unchecked" }],
    });
    expect(await live(h, office)).toBe(20);
  });
});
