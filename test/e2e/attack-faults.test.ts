/**
 * Faults of issue 11 over real processes: one office's credential that cannot be decrypted among
 * several offices (the cron serves the others; the broken one is shown, reads keep the cache), and
 * a sync step that outlives its lease (it must not write after another step took over).
 */

import { d1Execute, syncUntilDone } from "@pulsebridge/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allClients, type E2eStack, e2eStack, sleep, snapshot } from "./support/stack.js";

let s: E2eStack;
const leaseSeconds = 10;

beforeAll(async () => {
  s = await e2eStack({
    size: 120,
    vars: {
      SYNC_PAGE_SIZE: "20",
      SYNC_PAGES_PER_STEP: "100",
      SYNC_LEASE_SECONDS: String(leaseSeconds),
      ADMINPULSE_CALLS_PER_MINUTE: "10000",
      // Longer than a page held past the lease below: the slow answer arrives, it is not cut off.
      ADMINPULSE_TIMEOUT_MS: "30000",
    },
    standIn: { rateLimit: { limit: 100_000, windowMs: 60_000 } },
  });
});
afterAll(async () => {
  await s?.close();
});

const cron = (expr: string) => fetch(`${s.url}/__scheduled?cron=${encodeURIComponent(expr)}`);

describe("an undecryptable credential among several offices", () => {
  it("fails alone: flagged and shown, the other offices sync, its cache is still served", async () => {
    const first = await s.newOffice("Eerste", { sync: true });
    const broken = await s.newOffice("Gebroken", { sync: true });
    const last = await s.newOffice("Laatste", { connect: true });
    const cachedBefore = snapshot(await allClients(s, broken.keys.staff));
    // An attacker with database access copies the first office's sealed credential onto the
    // second: sealed for another office, it must not decrypt there (AES-GCM data binds the office).
    await d1Execute(
      s.stack.persistDir,
      `update connections set (ciphertext, iv, key_id) = (select ciphertext, iv, key_id from connections where office_id = '${first.officeId}') where office_id = '${broken.officeId}'`,
    );
    for (let i = 0; i < 10; i++) {
      expect((await cron("0 1 * * *")).status).toBe(200);
      const runs = await s.call(last.keys.admin, "GET", "/v1/sync/runs");
      if (runs.json.data.some((r: { status: string }) => r.status === "completed")) break;
    }
    const lastRuns = await s.call(last.keys.admin, "GET", "/v1/sync/runs");
    expect(lastRuns.json.data.map((r: { status: string }) => r.status)).toContain("completed");
    const conn = await s.call(broken.keys.admin, "GET", "/v1/connection");
    expect(conn.status).toBe(200);
    expect(JSON.stringify(conn.json)).toContain("credential_undecryptable");
    const audit = await s.call(broken.keys.admin, "GET", "/v1/audit");
    expect(audit.json.data.map((e: { action: string }) => e.action)).toContain(
      "connection.undecryptable",
    );
    // Reads keep serving what was cached.
    expect(snapshot(await allClients(s, broken.keys.staff))).toEqual(cachedBefore);
    // The first office still syncs with its own (intact) credential.
    const again = await syncUntilDone(s.url, first.keys.admin);
    expect(again.run?.status).toBe("completed");
  });
});

describe("a step that outlives its lease", () => {
  it("writes nothing after another step took over; the run ends equal to a clean one", async () => {
    const clean = await s.newOffice("Schoon", { sync: true });
    const reference = snapshot(await allClients(s, clean.keys.staff));
    const office = await s.newOffice("Traag", { connect: true });
    // The stand-in applies latency when the answer leaves: with it on, the slow step's first page
    // is held; dropping it once the lease has expired releases that page late, past the lease.
    s.standIn.controls.set({ latencyMs: 120_000 });
    const slow = s.call(office.keys.staff, "POST", "/v1/sync", {});
    await sleep(leaseSeconds * 1000 + 1500);
    s.standIn.controls.set({ latencyMs: 0 });
    const takeover = await syncUntilDone(s.url, office.keys.staff);
    expect(takeover.run?.status).toBe("completed");
    const late = await slow;
    // The late step found the lease gone: it stopped without writing (busy, as far as it knows).
    expect(late.status, late.text.slice(0, 300)).toBe(409);
    expect(late.json.code).toBe("sync_busy");
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(reference);
    const runs = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    const completed = runs.json.data.filter((r: { status: string }) => r.status === "completed");
    expect(completed).toHaveLength(1);
  });
});
