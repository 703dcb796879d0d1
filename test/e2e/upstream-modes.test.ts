/**
 * The stand-in in modes that disagree with the client's assumptions (issue 12; adminpulse-api.md
 * U4–U8, N1, N8, N9), against the worker under wrangler dev. Every mode ends with the same clients
 * as a clean run or with clearly flagged problems — and the change feed never says `deleted` for a
 * relation that still exists upstream.
 */
import { randomUUID } from "node:crypto";
import { defaultModes } from "@pulsebridge/adminpulse-stand-in";
import type { ClientResource } from "@pulsebridge/core";
import { syncUntilDone } from "@pulsebridge/stack";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  allClients,
  type E2eStack,
  e2eStack,
  type Office,
  snapshot,
  standInIds,
} from "./support/stack.js";

let s: E2eStack;
const vars = {
  SYNC_PAGE_SIZE: "10",
  SYNC_PAGES_PER_STEP: "100",
  SYNC_LEASE_SECONDS: "10",
  ADMINPULSE_CALLS_PER_MINUTE: "10000",
  ADMINPULSE_TIMEOUT_MS: "3000",
};

beforeAll(async () => {
  s = await e2eStack({
    size: 40,
    vars,
    standIn: { rateLimit: { limit: 100_000, windowMs: 60_000 } },
  });
});
afterAll(async () => {
  await s?.close();
});
beforeEach(() => s.standIn.controls.set({ ...defaultModes(), mutateEvery: null }));

type Run = {
  status: string;
  deleted: number;
  deletionsHeld: number;
  lastError: string | null;
  problems?: Record<string, number>;
};

async function lastRun(o: Office): Promise<Run> {
  const res = await s.call(o.keys.admin, "GET", "/v1/sync/runs");
  return res.json.data[0] as Run;
}

/** A fresh office synced with no mode at all: what the stand-in holds now. */
async function cleanSnapshot() {
  const modes = { ...s.standIn.controls };
  s.standIn.controls.set(defaultModes());
  const clean = await s.newOffice(`Clean ${randomUUID().slice(0, 4)}`, { sync: true });
  const snap = snapshot(await allClients(s, clean.keys.staff));
  s.standIn.controls.set(modeState(modes));
  return snap;
}
function modeState(c: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(defaultModes())) out[k] = c[k];
  return out;
}

/** The feed's position now, so a test reads only what its own runs changed. */
async function feedEnd(o: Office): Promise<string | undefined> {
  let cursor: string | undefined;
  for (;;) {
    const res = await s.call(
      o.keys.service,
      "GET",
      `/v1/changes${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    cursor = res.json.nextCursor;
    if (!res.json.hasMore) return cursor;
  }
}

/** Ids of the clients the feed calls deleted since `cursor`, as AdminPulse ids. */
async function deletedSince(o: Office, cursor: string | undefined, byId: Map<string, string>) {
  const out: string[] = [];
  for (;;) {
    const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const res = await s.call(o.keys.service, "GET", `/v1/changes${q}`);
    for (const c of res.json.changes as { type: string; id?: string }[])
      if (c.type === "deleted") out.push(byId.get(c.id!) ?? `unknown ${c.id}`);
    cursor = res.json.nextCursor;
    if (!res.json.hasMore) return out;
  }
}

const apIds = (list: ClientResource[]) =>
  new Map(list.map((c) => [c.id, c.sourceIds.adminpulseId ?? ""]));

/** The invariant of every mode: nothing deleted that AdminPulse still holds. */
async function expectNoWrongDeletion(
  o: Office,
  cursor: string | undefined,
  byId: Map<string, string>,
) {
  const deleted = await deletedSince(o, cursor, byId);
  const upstream = standInIds(s.standIn);
  for (const id of deleted) expect(upstream.has(id), `deleted ${id} still upstream`).toBe(false);
  return deleted;
}

/** Synced clean first, then a second full run in `mode`; returns what that run did. */
async function resyncIn(mode: Parameters<E2eStack["standIn"]["controls"]["set"]>[0]) {
  const office = await s.newOffice(`Mode ${randomUUID().slice(0, 4)}`, { sync: true });
  const byId = apIds(await allClients(s, office.keys.staff));
  const cursor = await feedEnd(office);
  s.standIn.controls.set(mode);
  await syncUntilDone(s.url, office.keys.admin);
  const deleted = await expectNoWrongDeletion(office, cursor, byId);
  return { office, deleted, run: await lastRun(office) };
}

describe("a stand-in that disagrees", () => {
  it("expiring keys: warned ahead, then the sync fails with connection_expired and stops calling", async () => {
    const office = await s.newOffice("Expiring", { sync: true });
    const before = snapshot(await allClients(s, office.keys.staff));
    const admin = s.client(office.keys.admin);
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await admin.PUT("/v1/connection", {
      body: { kind: "token", token: s.standIn.token, expiresAt: soon },
    });
    const me = await s.call(office.keys.staff, "GET", "/v1/me");
    expect(me.json.adminpulse.expiry).toMatchObject({ status: "expiring", daysLeft: 9 });

    // AdminPulse ends the key before the date we were told: its 401 says "expired".
    s.standIn.controls.set({ tokenExpiresAt: Date.now() - 1000 });
    const step = await s.call(office.keys.admin, "POST", "/v1/sync", {});
    expect(step.json.outcome).toBe("error");
    const run = await lastRun(office);
    expect(run.status).toBe("failed");
    expect(run.lastError).toMatch(/^connection_expired: /);
    const conn = await s.call(office.keys.admin, "GET", "/v1/connection");
    expect(conn.json).toMatchObject({ status: "expired", expiry: { status: "expired" } });
    s.standIn.controls.resetCalls();
    const again = await s.call(office.keys.admin, "POST", "/v1/sync", {});
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("connection_expired");
    expect(s.standIn.controls.calls()).toHaveLength(0);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(before);
    const audit = await s.call(office.keys.admin, "GET", "/v1/audit");
    const actions = (audit.json.data as { action: string }[]).map((e) => e.action);
    expect(actions).toContain("connection.expiring");
    expect(actions).toContain("connection.expired");
  });

  it("404 for UUIDs: refreshes go by the APR code; a full run changes nothing", async () => {
    const office = await s.newOffice("Uuid404", { sync: true });
    const [first] = await allClients(s, office.keys.staff);
    s.standIn.controls.set({ uuidNotFound: true });
    const res = await s.call(office.keys.staff, "POST", "/v1/sync", { clientId: first!.id });
    expect(res.status).toBe(200);
    expect(res.json.client).not.toBe("not_found_upstream");
    const again = await s.call(office.keys.staff, "GET", `/v1/clients/${first!.id}`);
    expect(JSON.stringify(again.json.sourceProblems ?? [])).not.toContain("not_found");
    const { deleted, run } = await resyncIn({ uuidNotFound: true });
    expect(deleted).toEqual([]);
    expect(run.status).toBe("completed");
  });

  it("inactive relations hidden from the list: asked for one by one, kept and flagged; a real deletion still deletes", async () => {
    const office = await s.newOffice("Inactive", { sync: true });
    const byId = apIds(await allClients(s, office.keys.staff));
    const cursor = await feedEnd(office);
    s.standIn.controls.set({ hideInactiveEvery: 20 });
    s.standIn.controls.mutate({ delete: 1 });
    await syncUntilDone(s.url, office.keys.admin);
    const deleted = await expectNoWrongDeletion(office, cursor, byId);
    expect(deleted).toHaveLength(1);
    const run = await lastRun(office);
    expect(run.status).toBe("completed");
    const after = await allClients(s, office.keys.staff);
    const unlisted = after.filter((c) =>
      (c.sourceProblems ?? []).some((p) => p.code === "upstream.unlisted"),
    );
    // Every 20th relation is inactive: two of forty, unless the deleted one was one of them.
    expect(unlisted.length).toBeGreaterThanOrEqual(1);
    expect(unlisted.length + deleted.length).toBeGreaterThanOrEqual(2);
    expect(after).toHaveLength(byId.size - 1);
  });

  it("inactive relations hidden beyond the share: asked for by key before any hold, none held, none deleted", async () => {
    // Every 5th relation hidden: 20 % of the office, over SYNC_DELETE_MAX_PERCENT (10). Before the
    // fix the run held them unasked, and an admin's confirmation deleted relations still upstream.
    // UUIDs answered 404 too: the APR code, asked first, is what finds them.
    const { office, deleted, run } = await resyncIn({ hideInactiveEvery: 5, uuidNotFound: true });
    expect(deleted).toEqual([]);
    expect(run).toMatchObject({ status: "completed", deleted: 0, deletionsHeld: 0 });
    const after = await allClients(s, office.keys.staff);
    const unlisted = after.filter((c) =>
      (c.sourceProblems ?? []).some((p) => p.code === "upstream.unlisted"),
    );
    expect(unlisted.length).toBe(run.problems?.["upstream.unlisted"]);
    expect(unlisted.length).toBeGreaterThanOrEqual(Math.floor(after.length / 5) - 1);
    expect(after).toHaveLength(standInIds(s.standIn).size);
  });

  it("fields renamed: the run completes, flags the unknown names and the missing kind, deletes nothing", async () => {
    const { deleted, run, office } = await resyncIn({ renameFields: true });
    expect(deleted).toEqual([]);
    expect(run.status).toBe("completed");
    expect(run.problems?.["field.unknown"]).toBeGreaterThan(0);
    expect(run.problems?.["kind.missing"]).toBeGreaterThan(0);
    expect(await allClients(s, office.keys.staff)).toHaveLength(standInIds(s.standIn).size);
  });

  it("fields of another type: flagged per client (kind.unknown, type.unexpected), the rest mapped", async () => {
    const { deleted, run, office } = await resyncIn({ retypeFields: true });
    expect(deleted).toEqual([]);
    expect(run.problems?.["kind.unknown"]).toBeGreaterThan(0);
    expect(run.problems?.["type.unexpected"]).toBeGreaterThan(0);
    const list = await allClients(s, office.keys.staff);
    expect(list).toHaveLength(standInIds(s.standIn).size);
    expect(list.every((c) => c.name.length > 0)).toBe(true);
    expect(list.some((c) => c.sourceProblems?.some((p) => p.code === "kind.unknown"))).toBe(true);
  });

  it("extra fields: the same clients as a clean run, the unknown names counted on the run", async () => {
    s.standIn.controls.set({ extraFields: true });
    const office = await s.newOffice("Extra", { sync: true });
    expect((await lastRun(office)).problems?.["field.unknown"]).toBeGreaterThan(0);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanSnapshot());
  });

  it("an empty page in the middle: read again, the same clients; if it stays empty, flagged and nothing deleted", async () => {
    s.standIn.controls.set({ emptyPage: { page: 1, times: 1 } });
    const office = await s.newOffice("Empty once", { sync: true });
    const run = await lastRun(office);
    expect(run.status).toBe("completed");
    expect(run.problems?.["page.empty_reread"]).toBe(1);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanSnapshot());

    const stuck = await resyncIn({ emptyPage: { page: 1, times: 1000 } });
    expect(stuck.deleted).toEqual([]);
    expect(stuck.run.lastError).toMatch(/empty_page/);
  });

  it("a pageCount that shrinks while paging: every page still read, deletions deferred and said so", async () => {
    s.standIn.controls.set({ shrinkPageCountFrom: 2 });
    const office = await s.newOffice("Shrinking", { sync: true });
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanSnapshot());
    const { deleted, run } = await resyncIn({ shrinkPageCountFrom: 2 });
    expect(deleted).toEqual([]);
    expect(run.lastError).toMatch(/page_count_changed/);
  });

  it("totalRowCount missing: the same clients, and a relation gone upstream is not deleted on that evidence", async () => {
    s.standIn.controls.set({ omitTotalRowCount: true });
    const office = await s.newOffice("No total", { sync: true });
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanSnapshot());
    const byId = apIds(await allClients(s, office.keys.staff));
    const cursor = await feedEnd(office);
    s.standIn.controls.mutate({ delete: 1 });
    await syncUntilDone(s.url, office.keys.admin);
    expect(await expectNoWrongDeletion(office, cursor, byId)).toEqual([]);
    expect((await lastRun(office)).lastError).toMatch(/total_missing/);
  });
});
