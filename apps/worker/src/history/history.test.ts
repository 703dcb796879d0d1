/**
 * Client history on real D1: every version the sync writes is kept (by the clients triggers),
 * served field by field, pruned after the retention, and used to re-derive origins on push.
 */
import type { ReconcileResult } from "@pulsebridge/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { record, validEnterprise } from "../../test/fixtures.js";
import { call, db, harness, newOffice, seedClients } from "../../test/harness.js";
import { toClient } from "../db/queries/clients.js";
import { pruneHistory } from "../db/queries/history.js";
import { clients } from "../db/schema/index.js";
import { runScheduled } from "../sync/scheduled.js";

type Versions = {
  data: {
    changeSeq: number;
    first: boolean;
    changes: { field: string; before: unknown; after: unknown }[];
  }[];
  nextCursor: string | null;
};

async function officeWithOneClient() {
  const h = harness();
  const office = await newOffice();
  h.source.records = [record(1), record(2)];
  await seedClients(h, office);
  const list = (await (await call(h, "GET", "/v1/clients", { key: office.keys.staff })).json()) as {
    data: { id: string; changeSeq: number; sourceIds: { adminpulseId: string } }[];
  };
  const c1 = list.data.find((c) => c.sourceIds.adminpulseId === "ap-1")!;
  return { h, office, id: c1.id, pulledAt: c1.changeSeq };
}

describe("client history", () => {
  it("keeps every version the sync writes and serves field-level changes, newest first", async () => {
    const { h, office, id, pulledAt } = await officeWithOneClient();
    h.clock.t += 60_000;
    h.source.records = [record(1, { email: "new@client1.be" }), record(2)];
    await seedClients(h, office);
    h.source.records = [
      record(1, { email: "new@client1.be", phone: "+32 9 123 45 67" }),
      record(2),
    ];
    await seedClients(h, office);

    const res = await call(h, "GET", `/v1/clients/${id}/history?limit=2`, {
      key: office.keys.staff,
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Versions;
    expect(page.data.map((v) => v.changes)).toEqual([
      [{ field: "phone", before: null, after: "+32 9 123 45 67" }],
      [{ field: "email", before: "info1@example.be", after: "new@client1.be" }],
    ]);
    expect(page.data[1]!.changeSeq).toBeGreaterThan(pulledAt);
    const rest = (await (
      await call(h, "GET", `/v1/clients/${id}/history?cursor=${page.nextCursor}`, {
        key: office.keys.staff,
      })
    ).json()) as Versions;
    expect(rest.data.map((v) => [v.changeSeq, v.first])).toEqual([[pulledAt, true]]);
    expect(rest.nextCursor).toBeNull();

    // Another office's key sees no such client.
    const other = await newOffice();
    const foreign = await call(h, "GET", `/v1/clients/${id}/history`, { key: other.keys.staff });
    expect(foreign.status).toBe(404);
  });

  it("prunes versions older than the retention, never a client's current one", async () => {
    const { h, office, id } = await officeWithOneClient();
    h.source.records = [record(1, { email: "new@client1.be" }), record(2)];
    await seedClients(h, office);
    const count = async () =>
      (
        await db.all<{ n: number }>(
          `select count(*) as n from client_history where office_id = '${office.officeId}'`,
        )
      )[0]!.n;
    expect(await count()).toBe(3); // two versions of ap-1, one of ap-2
    // The triggers write every field of the client (a field they miss would read as unchanged).
    const [row] = await db.select().from(clients).where(eq(clients.id, id));
    const [version] = await db.all<{ content: string }>(
      `select content from client_history where client_id = '${id}' order by change_seq desc limit 1`,
    );
    expect(JSON.parse(version!.content)).toEqual(toClient(row!));
    // Nothing is old enough yet.
    await pruneHistory(db, h.clock.t - 400 * 86_400_000, 5_000);
    expect(await count()).toBe(3);
    // 401 days later the cron prunes the old version of ap-1 and keeps both current ones.
    h.clock.t += 401 * 86_400_000;
    const report = await runScheduled(h.services, "*/5 * * * *");
    expect(report.historyPruned).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(2);
    const versions = (await (
      await call(h, "GET", `/v1/clients/${id}/history`, { key: office.keys.staff })
    ).json()) as Versions;
    expect(versions.data.map((v) => v.first)).toEqual([true]);
  });

  it("review and push re-derive origins from the history; a stale overwrite is refused per field", async () => {
    const { h, office, id, pulledAt } = await officeWithOneClient();
    // AdminPulse changes the e-mail after the pull; the user edits the phone in the sheet.
    h.source.records = [record(1, { email: "new@client1.be" }), record(2)];
    await seedClients(h, office);
    const row = {
      ref: "5",
      version: String(pulledAt),
      sourceIds: { adminpulseId: "ap-1" },
      kind: "company",
      name: "Client 0001 BV",
      enterpriseNumber: validEnterprise(1),
      email: "info1@example.be",
      phone: "+32 9 765 43 21",
    };
    const review = (await (
      await call(h, "POST", "/v1/reconcile", { key: office.keys.staff, body: { rows: [row] } })
    ).json()) as ReconcileResult;
    expect(review.invalid).toEqual([]);
    expect(review.matching[0]!.differences.map((d) => [d.field, d.origin])).toEqual([
      ["email", "source"],
      ["phone", "sheet"],
    ]);
    const push = (fields: string[], key: string) =>
      call(h, "POST", "/v1/imports", {
        key: office.keys.staff,
        headers: { "idempotency-key": key },
        body: {
          source: "excel",
          createdBy: "An",
          rows: [row],
          choices: { overwrite: { [id]: fields }, add: [] },
        },
      });
    const refused = await push(["email", "phone"], crypto.randomUUID());
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as {
      code: string;
      errors: { ref: string; field: string }[];
    };
    expect(problem.code).toBe("stale_overwrite");
    expect(problem.errors.map((e) => [e.ref, e.field])).toEqual([["5", "email"]]);
    const imports = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.staff })
    ).json()) as {
      data: unknown[];
    };
    expect(imports.data).toEqual([]);
    const ok = await push(["phone"], crypto.randomUUID());
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { counts: { updated: number } }).counts.updated).toBe(1);
  });
});
