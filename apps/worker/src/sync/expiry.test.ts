import { describe, expect, it } from "vitest";
import { record } from "../../test/fixtures.js";
import { call, harness, newOffice } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";

/** Issue 12: AdminPulse keys carry an expiry date the user picks (adminpulse-api.md N1). */
const day = 86_400_000;

type Body = {
  code?: string;
  status?: string;
  reason?: string;
  expiry?: unknown;
  adminpulse?: unknown;
  data: { action: string; status: string; lastError: string | null }[];
};
async function json(res: Response) {
  return (await res.json()) as Body;
}

async function auditActions(h: ReturnType<typeof harness>, key: string) {
  const body = await json(await call(h, "GET", "/v1/audit", { key }));
  return body.data.map((e) => e.action);
}

describe("expiring keys", { timeout: syncTestTimeout }, () => {
  it("warns 14 days ahead in /v1/connection and /v1/me, audits once on entering the window, then reads expired", async () => {
    const h = harness();
    const office = await newOffice();
    const expiresAt = new Date(h.clock.t + 20 * day).toISOString();
    const put = await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token: "ap-key-expiring-0001", expiresAt },
    });
    expect((await json(put)).expiry).toEqual({ status: "ok", daysLeft: 20 });
    expect(await auditActions(h, office.keys.admin)).not.toContain("connection.expiring");

    h.clock.t += 7 * day; // 13 days left: inside the window
    const conn = await json(await call(h, "GET", "/v1/connection", { key: office.keys.admin }));
    expect(conn).toMatchObject({ status: "active", expiry: { status: "expiring", daysLeft: 13 } });
    const me = await json(await call(h, "GET", "/v1/me", { key: office.keys.service }));
    expect(me.adminpulse).toMatchObject({
      expiresAt,
      expiry: { status: "expiring", daysLeft: 13 },
    });
    h.clock.t += day;
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    await call(h, "GET", "/v1/connection", { key: office.keys.admin });
    const actions = await auditActions(h, office.keys.admin);
    expect(actions.filter((a) => a === "connection.expiring")).toHaveLength(1);

    h.clock.t += 13 * day; // past the date
    const after = await json(await call(h, "GET", "/v1/connection", { key: office.keys.admin }));
    expect(after).toMatchObject({ status: "expired", expiry: { status: "expired", daysLeft: -1 } });
    const sync = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(sync.status).toBe(409);
    expect(await json(sync)).toMatchObject({ code: "connection_expired" });
    expect(h.source.calls).toBe(0);
    expect(
      (await auditActions(h, office.keys.admin)).filter((a) => a === "connection.expired"),
    ).toHaveLength(1);

    // A new key with a new date: the warning starts over for it.
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: {
        kind: "token",
        token: "ap-key-renewed-0002",
        expiresAt: new Date(h.clock.t + 3 * day).toISOString(),
      },
    });
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    expect(
      (await auditActions(h, office.keys.admin)).filter((a) => a === "connection.expiring"),
    ).toHaveLength(2);
  });

  it("a key that expires while a run is open ends the run with connection_expired, once", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "2", SYNC_PAGES_PER_STEP: "1" } });
    h.source.records = Array.from({ length: 6 }, (_, i) => record(i));
    const office = await newOffice();
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: {
        kind: "token",
        token: "ap-key-mid-run-0003",
        expiresAt: new Date(h.clock.t + day).toISOString(),
      },
    });
    expect((await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} })).status).toBe(
      202,
    );
    h.clock.t += 2 * day;
    const calls = h.source.calls;
    const res = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(await json(res)).toMatchObject({ code: "connection_expired" });
    expect(h.source.calls).toBe(calls);
    const runs = await json(await call(h, "GET", "/v1/sync/runs", { key: office.keys.admin }));
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({ status: "failed" });
    expect(runs.data[0]?.lastError).toMatch(/^connection_expired: /);
  });

  it("an upstream 401 that says the key expired reads the same: run failed, connection expired, no retry loop", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "2", SYNC_PAGES_PER_STEP: "10" } });
    h.source.records = Array.from({ length: 6 }, (_, i) => record(i));
    const office = await newOffice();
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token: "ap-key-no-date-0004" },
    });
    h.source.failNext("unauthorized", 1, { expired: true });
    const first = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(first.status).toBe(202);
    const runs = await json(await call(h, "GET", "/v1/sync/runs", { key: office.keys.admin }));
    expect(runs.data[0]).toMatchObject({ status: "failed" });
    expect(runs.data[0]?.lastError).toMatch(/^connection_expired: \/tasks page 0/);
    const conn = await json(await call(h, "GET", "/v1/connection", { key: office.keys.admin }));
    expect(conn).toMatchObject({
      status: "expired",
      expiry: { status: "expired", daysLeft: null },
    });
    expect(conn.reason).toMatch(/^expired: /);
    const calls = h.source.calls;
    const again = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ code: "connection_expired" });
    expect(h.source.calls).toBe(calls);
  });
});
