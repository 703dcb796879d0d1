import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { record } from "../../test/fixtures.js";
import { call, connect, db, harness, newOffice } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { reencryptLegacyCredentials } from "../crypto/stored-credential.js";
import { runScheduled } from "./scheduled.js";

const runsOf = async (h: ReturnType<typeof harness>, key: string) =>
  (
    (await (await call(h, "GET", "/v1/sync/runs", { key })).json()) as {
      data: { status: string; pages: number }[];
    }
  ).data;

describe("runScheduled", { timeout: syncTestTimeout }, () => {
  it("starts a due full run, continues it on later ticks, then only light-checks until the count changes", async () => {
    const h = harness({
      config: { SYNC_PAGE_SIZE: "5", SYNC_PAGES_PER_STEP: "2", SYNC_LIGHT_INTERVAL_MINUTES: "15" },
    });
    h.source.records = Array.from({ length: 17 }, (_, i) => record(i));
    const office = await newOffice();
    await connect(h, office);
    const mine = (r: Awaited<ReturnType<typeof runScheduled>>) =>
      r.offices.find((o) => o.officeId === office.officeId);

    // Never synced: a full run is due at once, bounded to 2 pages per tick. The tasks phase
    // comes first (one page: these relations have no tasks) and shares the tick's page budget.
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "full",
      outcome: { status: "progress", pages: 1, taskPages: 1 },
    });
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "continue",
      outcome: { status: "progress", pages: 2, taskPages: 0 },
    });
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
      action: "continue",
      outcome: { status: "completed", pages: 1, taskPages: 0 },
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

  it("the light check reads the users' names again when the kept list is 12 h old, not before (ADR 0026)", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "50", SYNC_LIGHT_INTERVAL_MINUTES: "15" } });
    h.source.records = Array.from({ length: 3 }, (_, i) => record(i));
    h.source.withUsers({ "u-1": "An Peeters" });
    const office = await newOffice();
    await connect(h, office);
    const mine = (r: Awaited<ReturnType<typeof runScheduled>>) =>
      r.offices.find((o) => o.officeId === office.officeId);
    const kept = async () =>
      (
        await db.all<{ users: string | null; at: number | null }>(
          sql`select run_users as users, users_read_at as at from sync_state where office_id = ${office.officeId}`,
        )
      )[0]!;
    for (
      let i = 0;
      i < 5 && mine(await runScheduled(h.services, "*/5 * * * *"))?.outcome?.status !== "completed";
      i++
    );
    // The full run reads no /users (these relations name nobody); the first light check keeps a list.
    // (Other offices of this file are light-checked with the same fake: count by what is kept.)
    expect(await kept()).toEqual({ users: null, at: null });
    h.clock.t += 16 * 60_000;
    const first = h.clock.t;
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({ action: "light" });
    expect(await kept()).toEqual({ users: JSON.stringify({ "u-1": "An Peeters" }), at: first });
    // Later light checks within 12 h do not ask again...
    for (let i = 0; i < 3; i++) {
      h.clock.t += 3 * 3_600_000;
      expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({
        action: "light",
      });
    }
    expect((await kept()).at).toBe(first);
    // ... the first one past it does: a renamed employee is named by the next full run.
    h.source.withUsers({ "u-1": "An Peeters-Janssens" });
    h.clock.t += 3 * 3_600_000 + 60_000;
    expect(mine(await runScheduled(h.services, "*/5 * * * *"))).toMatchObject({ action: "light" });
    expect(await kept()).toEqual({
      users: JSON.stringify({ "u-1": "An Peeters-Janssens" }),
      at: h.clock.t,
    });
  }, 30_000);

  it("skips offices without a connection", async () => {
    const h = harness();
    const office = await newOffice();
    const report = await runScheduled(h.services, "0 1 * * *");
    expect(report.offices.find((o) => o.officeId === office.officeId)).toEqual({
      officeId: office.officeId,
      action: "skip",
    });
  });

  it("an office whose credential cannot be decrypted fails alone: recorded, audited, shown; the others sync", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "50", SYNC_PAGES_PER_STEP: "50" } });
    h.source.records = Array.from({ length: 3 }, (_, i) => record(i));
    const [a, broken, c] = [await newOffice(), await newOffice(), await newOffice()];
    for (const o of [a, broken, c]) await connect(h, o);
    // Seed the broken office's cache first, then make its stored credential undecryptable.
    for (let i = 0; i < 5; i++)
      await call(h, "POST", "/v1/sync", { key: broken.keys.staff, body: {} });
    await db.run(
      sql`update connections set ciphertext = 'AAAA' || substr(ciphertext, 5) where office_id = ${broken.officeId}`,
    );

    const report = await runScheduled(h.services, "0 1 * * *");
    const of = (o: { officeId: string }) => report.offices.find((x) => x.officeId === o.officeId);
    expect(of(a)).toMatchObject({ action: "full", outcome: { status: "completed" } });
    expect(of(c)).toMatchObject({ action: "full", outcome: { status: "completed" } });
    expect(of(broken)).toMatchObject({ action: "failed", error: "credential_undecryptable" });

    const conn = (await (
      await call(h, "GET", "/v1/connection", { key: broken.keys.admin })
    ).json()) as { status: string; reason: string };
    expect(conn.status).toBe("invalid");
    expect(conn.reason).toMatch(/^credential_undecryptable:/);
    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: broken.keys.admin })
    ).json()) as { data: { action: string }[] };
    expect(audit.data.map((e) => e.action)).toContain("connection.undecryptable");
    // Reads keep serving the cache.
    const list = await call(h, "GET", "/v1/clients", { key: broken.keys.service });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(3);
    // The next tick skips it quietly (it is invalid until reconnected), the others are unharmed.
    const next = await runScheduled(h.services, "*/5 * * * *");
    expect(next.offices.find((x) => x.officeId === broken.officeId)).toMatchObject({
      action: "skip",
    });
  });

  it("no office starves: the tick's page budget goes to the offices served longest ago", async () => {
    // Budget: 1 page per step × 3 per tick; every office needs several pages.
    const h = harness({ config: { SYNC_PAGE_SIZE: "2", SYNC_PAGES_PER_STEP: "1" } });
    h.source.records = Array.from({ length: 10 }, (_, i) => record(i));
    const offices = [];
    for (let i = 0; i < 6; i++) {
      const o = await newOffice();
      await connect(h, o);
      offices.push(o.officeId);
    }
    const served = new Set<string>();
    for (let tick = 0; tick < 4; tick++) {
      h.clock.t += 5 * 60_000;
      const report = await runScheduled(h.services, "*/5 * * * *");
      for (const o of report.offices) if (o.outcome) served.add(o.officeId);
    }
    expect(offices.filter((id) => !served.has(id))).toEqual([]);
  });

  it("a credential copied to another office does not decrypt there; old rows are re-encrypted once (issue 11)", async () => {
    const h = harness({ config: { SYNC_PAGE_SIZE: "50", SYNC_PAGES_PER_STEP: "50" } });
    h.source.records = [record(1)];
    const [a, b] = [await newOffice(), await newOffice()];
    await connect(h, a, "token-of-office-a");
    await connect(h, b, "token-of-office-b");
    // Copy A's sealed credential over B's row.
    await db.run(sql`update connections set
      (ciphertext, iv, key_id) = (select ciphertext, iv, key_id from connections where office_id = ${a.officeId})
      where office_id = ${b.officeId}`);
    h.seenTokens.length = 0;
    const report = await runScheduled(h.services, "0 1 * * *");
    expect(report.offices.find((o) => o.officeId === b.officeId)).toMatchObject({
      action: "failed",
      error: "credential_undecryptable",
    });
    expect(report.offices.find((o) => o.officeId === a.officeId)).toMatchObject({
      action: "full",
    });
    // A's token was used once (for A): B's copy of it never decrypted.
    expect(h.seenTokens.filter((t) => t.endsWith("-a"))).toEqual(["token-of-office-a"]);

    // A row sealed the old way (key id only) is re-encrypted with the binding, once.
    const c = await newOffice();
    await connect(h, c, "token-of-office-c");
    const legacy = await legacySeal(JSON.stringify({ kind: "token", token: "token-of-office-c" }));
    await db.run(sql`update connections set ciphertext = ${legacy.ciphertext}, iv = ${legacy.iv}
      where office_id = ${c.officeId}`);
    expect(await reencryptLegacyCredentials(h.services.cipher, h.services.db)).toBe(1);
    expect(await reencryptLegacyCredentials(h.services.cipher, h.services.db)).toBe(0);
    const [row] = await db.all<{ ciphertext: string; iv: string; key_id: string; kind: string }>(
      sql`select ciphertext, iv, key_id, kind from connections where office_id = ${c.officeId}`,
    );
    const sealed = { ciphertext: row!.ciphertext, iv: row!.iv, keyId: row!.key_id };
    expect(await h.services.cipher.open(sealed, { officeId: c.officeId, kind: "token" })).toContain(
      "token-of-office-c",
    );
    await expect(h.services.cipher.openLegacy(sealed)).rejects.toThrow();
  });
});

/** AES-GCM as the worker sealed credentials before issue 11: additional data = the key id only. */
async function legacySeal(plaintext: string) {
  const raw = Uint8Array.from(atob("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk="), (ch) =>
    ch.charCodeAt(0),
  );
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode("k1") },
    key,
    new TextEncoder().encode(plaintext),
  );
  const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
  return { ciphertext: b64(new Uint8Array(ct)), iv: b64(iv) };
}
