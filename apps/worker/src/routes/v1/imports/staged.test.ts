import type { ImportResponse, ImportSummary } from "@pulsebridge/core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../../../test/fixtures.js";
import {
  call,
  db,
  type Harness,
  harness,
  newOffice,
  type Office,
} from "../../../../test/harness.js";
import { officeWithClients } from "../../../../test/import-fixtures.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

const newCompany = (i: number) => ({
  ref: `n${i}`,
  kind: "company",
  name: `Nieuw ${i} BV`,
  enterpriseNumber: validEnterprise(100_000 + i),
});

/** Rows [from, to) as new companies, all ticked for creation. */
function part(from: number, to: number) {
  const rows = [];
  for (let i = from; i < to; i++) rows.push(newCompany(i));
  return { rows, choices: { overwrite: {}, add: rows.map((r) => r.ref) } };
}

async function open(h: Harness, office: Office, key = crypto.randomUUID()) {
  const res = await call(h, "POST", "/v1/imports/staged", {
    key: office.keys.staff,
    body: { source: "excel", createdBy: "an.peeters@kantoor.be", scope: { mode: "all" } },
    headers: { "idempotency-key": key },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const put = (h: Harness, office: Office, id: string, n: number, body: unknown) =>
  call(h, "PUT", `/v1/imports/staged/${id}/parts/${n}`, { key: office.keys.staff, body });

const commit = (h: Harness, office: Office, id: string, parts: number) =>
  call(h, "POST", `/v1/imports/staged/${id}/commit`, { key: office.keys.staff, body: { parts } });

async function listed(h: Harness, office: Office) {
  const res = await call(h, "GET", "/v1/imports", { key: office.keys.staff });
  return ((await res.json()) as { data: ImportSummary[] }).data;
}

async function stagedRowsOf(stageId: string) {
  const r = await db.all<{ n: number }>(
    sql`select count(*) as n from import_stage_rows where stage_id = ${stageId}`,
  );
  return Number(r[0]?.n);
}

describe("staged imports", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/imports/staged",
    allowed: ["admin", "staff"],
    body: () => ({ source: "excel", createdBy: "x" }),
    badInputs: [
      { name: "no person", body: { source: "excel" } },
      { name: "a line break in the person", body: { source: "excel", createdBy: "a\nb" } },
      { name: "unknown field", body: { source: "excel", createdBy: "x", rows: [] } },
    ],
  });

  it("pushes 50,000 rows in five parts, invisible until the commit, then whole", async () => {
    const h = harness();
    const office = await newOffice();
    const id = await open(h, office);
    for (let n = 0; n < 5; n++) {
      const res = await put(h, office, id, n, part(n * 10_000, (n + 1) * 10_000));
      expect(res.status).toBe(201);
      expect(((await res.json()) as { counts: { created: number } }).counts.created).toBe(10_000);
      // Between parts nothing is visible.
      expect(await listed(h, office)).toEqual([]);
      expect((await call(h, "GET", `/v1/imports/${id}`, { key: office.keys.staff })).status).toBe(
        404,
      );
    }
    // One row past the limit is refused, and does not spoil the stage.
    const over = await put(h, office, id, 5, part(50_000, 50_001));
    expect(over.status).toBe(413);

    const res = await commit(h, office, id, 5);
    expect(res.status).toBe(201);
    const imp = (await res.json()) as ImportResponse;
    expect(imp).toMatchObject({
      id,
      status: "accepted",
      createdBy: "an.peeters@kantoor.be",
      counts: { rows: 50_000, created: 50_000, updated: 0, unchanged: 0, rejected: 0 },
    });
    const list = await listed(h, office);
    expect(list.map((i) => i.id)).toEqual([id]);
    // Rows are numbered in part order: the last row is the last of part 4.
    const rows = (await (
      await call(h, "GET", `/v1/imports/${id}/rows?cursor=49998&limit=5`, {
        key: office.keys.staff,
      })
    ).json()) as { data: { ref: string }[] };
    expect(rows.data.map((r) => r.ref)).toEqual(["n49999"]);
    expect(await stagedRowsOf(id)).toBe(0);

    // Committing again answers the stored import; a part after the commit is refused.
    const again = await commit(h, office, id, 5);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as ImportResponse).counts.rows).toBe(50_000);
    const late = await put(h, office, id, 5, part(60_000, 60_001));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe("staged_import_closed");
  }, 600_000);

  it("the commit wakes webhook delivery for its office; the parts before it do not", async () => {
    const h = harness();
    const woken: string[] = [];
    h.services.notifyWebhooks = async (officeId) => {
      woken.push(officeId);
    };
    const office = await newOffice();
    const id = await open(h, office);
    expect((await put(h, office, id, 0, part(0, 3))).status).toBe(201);
    expect(woken).toEqual([]);
    expect((await commit(h, office, id, 1)).status).toBe(201);
    expect(woken).toEqual([office.officeId]);
  });

  it("an abandoned push leaves nothing visible, and expires with its parts", async () => {
    const h = harness();
    const office = await newOffice();
    const id = await open(h, office);
    expect((await put(h, office, id, 0, part(0, 300))).status).toBe(201);
    // The client dies here: no part 1, no commit.
    expect(await listed(h, office)).toEqual([]);
    expect(await stagedRowsOf(id)).toBe(300);

    // A commit that names a part never sent stores nothing.
    const incomplete = await commit(h, office, id, 2);
    expect(incomplete.status).toBe(409);
    expect(((await incomplete.json()) as { code: string }).code).toBe("staged_import_incomplete");
    expect(await listed(h, office)).toEqual([]);

    // After the TTL the stage is closed, and the next push of the office drops its rows.
    h.clock.t += h.services.config.STAGED_IMPORT_TTL_MINUTES * 60_000 + 1;
    const closed = await commit(h, office, id, 1);
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { code: string }).code).toBe("staged_import_closed");
    expect((await put(h, office, id, 1, part(300, 301))).status).toBe(409);
    await open(h, office);
    expect(await stagedRowsOf(id)).toBe(0);
    expect((await commit(h, office, id, 1)).status).toBe(404);
    expect(await listed(h, office)).toEqual([]);
  });

  it("a part sent twice is a replay; other rows under its number are a conflict", async () => {
    const h = harness();
    const office = await newOffice();
    const id = await open(h, office);
    expect((await put(h, office, id, 0, part(0, 5))).status).toBe(201);
    const replay = await put(h, office, id, 0, part(0, 5));
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const other = await put(h, office, id, 0, part(5, 10));
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe("idempotency_conflict");
    expect(await stagedRowsOf(id)).toBe(5);
  });

  it("refuses a ref already sent in another part, naming the row and the part", async () => {
    const h = harness();
    const office = await newOffice();
    const id = await open(h, office);
    expect((await put(h, office, id, 0, part(0, 3))).status).toBe(201);
    const res = await put(h, office, id, 1, part(2, 4));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: unknown[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors).toEqual([
      {
        field: "rows.0.ref",
        ref: "n2",
        code: "duplicate_ref",
        message: 'Ref "n2" is also in part 0.',
      },
    ]);
  });

  it("rows of different parts that are one client are both rejected at the commit", async () => {
    const h = harness();
    const office = await newOffice();
    const { id1 } = await officeWithClients(h, office);
    const id = await open(h, office);
    const same = { kind: "company", name: "Dubbel BV", enterpriseNumber: validEnterprise(900) };
    // The same cached client claimed by its id in both parts.
    const claim = {
      kind: "company",
      name: "Client 0001 BV",
      enterpriseNumber: validEnterprise(1),
      id: id1,
    };
    expect(
      (
        await put(h, office, id, 0, {
          rows: [{ ref: "a", ...same }, { ref: "c1", ...claim }, newCompany(1)],
          choices: { overwrite: {}, add: ["a", "n1"] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put(h, office, id, 1, {
          rows: [
            { ref: "b", ...same },
            { ref: "c2", ...claim },
          ],
          choices: { overwrite: {}, add: ["b"] },
        })
      ).status,
    ).toBe(201);
    const res = await commit(h, office, id, 2);
    expect(res.status).toBe(201);
    const imp = (await res.json()) as ImportResponse;
    expect(imp.counts).toEqual({ rows: 5, created: 1, updated: 0, unchanged: 0, rejected: 4 });
    expect(imp.status).toBe("partially_accepted");
    const byRef = new Map(imp.rejected.map((r) => [r.ref, r.issues.map((i) => i.code)]));
    expect([...byRef.keys()].sort()).toEqual(["a", "b", "c1", "c2"]);
    for (const codes of byRef.values()) expect(codes).toEqual(["row.duplicate"]);
    const a = imp.rejected.find((r) => r.ref === "a")!;
    expect(a.issues[0]).toMatchObject({ field: "enterpriseNumber", params: { others: "b" } });
  });

  it("another office's stage is not found", async () => {
    const h = harness();
    const office = await newOffice();
    const other = await newOffice("Other");
    const id = await open(h, office);
    expect((await put(h, other, id, 0, part(0, 1))).status).toBe(404);
    expect((await commit(h, other, id, 1)).status).toBe(404);
  });
});
