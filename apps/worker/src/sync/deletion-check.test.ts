import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, inject, it } from "vitest";
import {
  call,
  connect,
  db,
  type Harness,
  harness,
  listSyncRuns,
  newOffice,
  type Office,
  syncAll,
} from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { auditEvents, clients, syncRuns } from "../db/schema/index.js";
import { createAdminPulseSource } from "./adminpulse-source.js";
import type { RelationSource } from "./source.js";

/**
 * Issue 12: a deletion is made only on AdminPulse's own word. Each client a proven scan did not
 * see is asked for by key BEFORE the share decides on a hold, so a hold (and an admin's
 * confirmation) covers only clients AdminPulse answered 404 for — never relations merely hidden
 * from the list (inactive ones, N8). Real stand-in over HTTP (its own instance, whose modes this
 * file switches), real D1.
 */

const url = inject("modesStandInUrl");
const token = inject("modesStandInToken");

async function control(body: Record<string, unknown>) {
  const res = await fetch(`${url}/__control`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Every relation AdminPulse still holds, hidden or not (the truth a deletion is checked against). */
async function upstreamIds(includeInactive = true): Promise<Set<string>> {
  const res = await fetch(`${url}/relations?includeInactive=${includeInactive}&pageSize=400`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { results: { id: string }[] };
  return new Set(body.results.map((r) => r.id));
}

/** Key checks seen by the source, and a way to cut the step dead at the n-th one (a kill). */
const probe = { checks: [] as string[], dieAt: Number.POSITIVE_INFINITY };

function standInHarness(config: Record<string, string> = {}): Harness {
  return harness({
    config: { SYNC_PAGE_SIZE: "10", SYNC_DELETE_MAX_PERCENT: "10", ...config },
    source: (tok): RelationSource => {
      const real = createAdminPulseSource({
        baseUrl: url,
        token: tok,
        limiter: { acquire: async () => {} },
        timeoutMs: 5000,
      });
      return {
        ...real,
        getRelation: (keys) => {
          // The invocation dies here: the call never returns, the lease is never released.
          if (probe.checks.length >= probe.dieAt) return new Promise(() => {});
          probe.checks.push(keys.adminpulseId);
          return real.getRelation(keys);
        },
      };
    },
  });
}

type Run = {
  id: string;
  status: string;
  deleted: number;
  deletionsHeld: number;
  problems: Record<string, number>;
};

const runs = (h: Harness, office: Office) => listSyncRuns<Run>(h, office);

async function rows(officeId: string) {
  return db
    .select()
    .from(clients)
    .where(eq(clients.officeId, officeId))
    .orderBy(asc(clients.adminpulseId));
}

/** A fresh office synced cleanly from the stand-in as it is now. */
async function syncedOffice(h: Harness) {
  const office = await newOffice();
  await connect(h, office, token);
  await syncAll(h, office);
  h.clock.t += 60_000;
  return office;
}

beforeEach(async () => {
  await control({ hideInactiveEvery: null, uuidNotFound: false, hangAfter: null });
  probe.checks = [];
  probe.dieAt = Number.POSITIVE_INFINITY;
});

describe("each deletion is asked for by key before any hold", { timeout: syncTestTimeout }, () => {
  it("relations hidden from the list beyond the share: kept and flagged, nothing held, nothing an admin can confirm away", async () => {
    const h = standInHarness();
    const office = await syncedOffice(h);
    const before = (await rows(office.officeId)).length;
    // Every 5th relation inactive: hidden from GET /relations (20 % of the office > 10 %).
    await control({ hideInactiveEvery: 5 });
    await syncAll(h, office);
    const [run] = await runs(h, office);
    if (run!.status === "deletions_held") {
      // What an admin's click did before the fix: it deleted what AdminPulse still holds.
      await call(h, "POST", `/v1/sync/runs/${run!.id}/confirm-deletions`, {
        key: office.keys.admin,
      });
    }
    const after = await rows(office.officeId);
    const upstream = await upstreamIds();
    for (const r of after.filter((x) => x.deletedAt !== null))
      expect(upstream.has(r.adminpulseId), `deleted ${r.adminpulseId}, still upstream`).toBe(false);
    expect(after.filter((x) => x.deletedAt === null)).toHaveLength(before);
    expect(run).toMatchObject({ status: "completed", deleted: 0, deletionsHeld: 0 });
    const flagged = after.filter((x) => x.sourceProblems.includes("upstream.unlisted"));
    expect(flagged.length).toBeGreaterThan(before / 10);
    expect(run!.problems["upstream.unlisted"]).toBe(flagged.length);
  }, 30_000);

  it("a hold counts only clients AdminPulse answered 404 for; confirming deletes exactly those", async () => {
    const h = standInHarness();
    const office = await syncedOffice(h);
    const before = await rows(office.officeId);
    // Every 10th hidden (kept), and 6 of 40 really deleted (15 % > 10 %: held).
    await control({ hideInactiveEvery: 10, mutate: { delete: 6 } });
    const upstream = await upstreamIds();
    const gone = before.filter((r) => !upstream.has(r.adminpulseId)).map((r) => r.adminpulseId);
    expect(gone).toHaveLength(6);
    await syncAll(h, office);
    const [run] = await runs(h, office);
    expect(run).toMatchObject({ status: "deletions_held", deletionsHeld: 6, deleted: 0 });
    expect(run!.problems["upstream.unlisted"]).toBeGreaterThan(0);

    const res = await call(h, "POST", `/v1/sync/runs/${run!.id}/confirm-deletions`, {
      key: office.keys.admin,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleted: number }).deleted).toBe(6);
    const deleted = (await rows(office.officeId))
      .filter((r) => r.deletedAt !== null)
      .map((r) => r.adminpulseId);
    expect(deleted.sort()).toEqual(gone.sort());
  }, 30_000);
});

describe("the per-key check is resumable", { timeout: syncTestTimeout }, () => {
  it("a step killed between key checks resumes at its cursor: nothing asked twice past it, no double count or audit, only 404s deleted", async () => {
    const h = standInHarness({ SYNC_LEASE_SECONDS: "30", SYNC_PAGES_PER_STEP: "100" });
    const office = await syncedOffice(h);
    // Every 3rd hidden (kept) and 2 really gone: over 10 clients to ask for, 2 deletions (5 %).
    await control({ hideInactiveEvery: 3, mutate: { delete: 2 } });
    const upstream = await upstreamIds();
    const listed = await upstreamIds(false);
    const hidden = [...upstream].filter((id) => !listed.has(id));
    probe.dieAt = 12;
    const killed = call(h, "POST", "/v1/sync", { key: office.keys.admin, body: {} });
    // The step is cut dead at its 13th key check (it never answers): wait for it to get there.
    for (let i = 0; i < 1000 && probe.checks.length < 12; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(probe.checks).toHaveLength(12);
    void killed;
    const open = (
      await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.officeId, office.officeId), eq(syncRuns.status, "running")))
    )[0]!;
    const cursor = open.deletionCheckAfter;
    expect(cursor, "answers before the kill were committed").not.toBeNull();
    const askedBefore = [...probe.checks];

    // The lease of the dead step expires; the next steps resume.
    h.clock.t += 31_000;
    probe.dieAt = Number.POSITIVE_INFINITY;
    await syncAll(h, office);
    const all = await rows(office.officeId);
    const byAp = new Map(all.map((r) => [r.adminpulseId, r]));
    const resumed = probe.checks.slice(askedBefore.length);
    // The resumed steps asked for exactly the unlisted clients after the committed cursor: none
    // at or before it again (the answers lost with the kill, after it, are asked once more).
    const unlisted = all.filter((r) => !listed.has(r.adminpulseId)).map((r) => r.id);
    expect(resumed.map((ap) => byAp.get(ap)!.id).sort()).toEqual(
      unlisted.filter((id) => id > cursor!).sort(),
    );
    expect(unlisted.filter((id) => id <= cursor!)).toHaveLength(10);

    const deleted = all.filter((r) => r.deletedAt !== null);
    expect(deleted).toHaveLength(2);
    for (const r of deleted) expect(upstream.has(r.adminpulseId)).toBe(false);
    const flagged = all.filter((r) => r.sourceProblems.includes("upstream.unlisted"));
    expect(hidden.length).toBeGreaterThan(10);
    expect(flagged.map((r) => r.adminpulseId).sort()).toEqual(hidden.sort());
    const run = (await db.select().from(syncRuns).where(eq(syncRuns.id, open.id)))[0]!;
    expect(run).toMatchObject({ status: "completed", deleted: 2 });
    expect(JSON.parse(run.problemCounts)).toMatchObject({ "upstream.unlisted": hidden.length });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.officeId, office.officeId), eq(auditEvents.target, open.id)));
    const actions = audit.map((a) => a.action).sort();
    expect(actions).toEqual(["sync.finished", "sync.started"]);
  }, 60_000);
});
