// A push written in several D1 batches (issue 11/17): its rows go out of sight first and become
// the import in one last batch, so a push that dies between batches shows nothing, and its retry
// under the same Idempotency-Key answers as if the first had never been sent.
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
import { importRows, officeWithClients } from "../../../../test/import-fixtures.js";
import type { Db } from "../../../db/client.js";

/** The fixture's rows (a match, a new company, invalid rows…) and 40 new companies, ticked. */
function pushBody(id1: string) {
  const fresh = Array.from({ length: 40 }, (_, i) => ({
    ref: `n${i}`,
    kind: "company",
    name: `Nieuw ${i} – Élan BV`,
    enterpriseNumber: validEnterprise(7000 + i),
    email: `info${i}@example.be`,
  }));
  return {
    source: "excel",
    createdBy: "an.peeters@kantoor.be",
    rows: [...importRows(), ...fresh],
    choices: { overwrite: { [id1]: ["email"] }, add: ["r2", ...fresh.map((r) => r.ref)] },
  };
}

const push = (h: Harness, office: Office, body: unknown, key: string) =>
  call(h, "POST", "/v1/imports", {
    key: office.keys.staff,
    body,
    headers: { "idempotency-key": key },
  });

/** Small batches: the push's 44 rows take many. */
const batched = () => harness({ config: { IMPORT_BATCH_BYTES: "1024" } });

/** The database of `h`, whose atomic batches fail from the `from`-th on (1-based). */
function failBatches(h: Harness, from: number) {
  let n = 0;
  const failing = new Proxy(db, {
    get(target, p, receiver) {
      if (p !== "$atomic") return Reflect.get(target, p, receiver);
      return (queries: Parameters<Db["$atomic"]>[0]) => {
        if (++n >= from) return Promise.reject(new Error(`injected failure of batch ${n}`));
        return target.$atomic(queries);
      };
    },
  });
  (h.services as { db: Db }).db = failing;
  return { batches: () => n };
}

async function count(table: "import_rows" | "import_stage_rows" | "imports", officeId: string) {
  const r = await db.all<{ n: number }>(
    sql`select count(*) as n from ${sql.raw(table)} where office_id = ${officeId}`,
  );
  return Number(r[0]!.n);
}

/** What a push answered and stored, without its id (random per import). */
async function outcome(h: Harness, office: Office, res: Response) {
  const { id, ...answer } = (await res.json()) as { id: string };
  const rows = await call(h, "GET", `/v1/imports/${id}/rows?limit=1000`, {
    key: office.keys.staff,
  });
  expect(rows.status).toBe(200);
  return { answer, rows: await rows.text() };
}

describe("a push in several batches (issue 11/17)", () => {
  it("answers and stores what one batch did, and leaves no staged rows", async () => {
    const office = await newOffice();
    const { id1 } = await officeWithClients(harness(), office);
    const body = pushBody(id1);
    const one = harness();
    const many = batched();
    const counted = failBatches(many, Number.POSITIVE_INFINITY);
    const whole = await push(one, office, body, crypto.randomUUID());
    expect(whole.status).toBe(201);
    const inBatches = await push(many, office, body, crypto.randomUUID());
    expect(inBatches.status).toBe(201);
    const a = await outcome(one, office, whole);
    const b = await outcome(many, office, inBatches);
    expect(b).toEqual(a);
    expect(JSON.parse(b.rows).data).toHaveLength(body.rows.length);
    expect(b.answer).toMatchObject({ counts: { rows: 44, created: 41, updated: 1 } });
    // The stage with its first rows, more rows, …, the import: several batches.
    expect(counted.batches()).toBeGreaterThan(5);
    expect(await count("import_stage_rows", office.officeId)).toBe(0);
    const stages = await db.all(
      sql`select id from import_stages where office_id = ${office.officeId}`,
    );
    expect(stages).toEqual([]);
  });

  it("stores nothing visible when a batch fails half-way; the retry answers as a clean push", async () => {
    const office = await newOffice();
    const { id1 } = await officeWithClients(harness(), office);
    const body = pushBody(id1);
    const key = crypto.randomUUID();
    const h = batched();
    // The first batch (the stage and its first rows) and the second commit; the third fails.
    const injected = failBatches(h, 3);
    const failed = await push(h, office, body, key);
    expect(failed.status).toBe(500);
    expect(injected.batches()).toBeGreaterThanOrEqual(3);
    expect(await count("imports", office.officeId)).toBe(0);
    expect(await count("import_rows", office.officeId)).toBe(0);
    const listed = await call(h, "GET", "/v1/imports", { key: office.keys.staff });
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([]);

    const retry = await push(batched(), office, body, key);
    expect(retry.status).toBe(201);
    const clean = await push(harness(), office, body, crypto.randomUUID());
    const retried = await outcome(harness(), office, retry);
    expect(retried).toEqual(await outcome(harness(), office, clean));
    // And the key now replays that answer.
    const again = await push(harness(), office, body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()) as unknown).toMatchObject(retried.answer);
  });

  it("a push killed between batches leaves only unseen rows, dropped at the stage's expiry", async () => {
    const office = await newOffice();
    const { id1 } = await officeWithClients(harness(), office);
    const body = pushBody(id1);
    const key = crypto.randomUUID();
    const h = batched();
    // From the second batch on nothing answers: not even the clean-up (as when the isolate dies).
    failBatches(h, 2);
    expect((await push(h, office, body, key)).status).toBe(500);
    const left = await count("import_stage_rows", office.officeId);
    expect(left).toBeGreaterThan(0);
    const [stage] = await db.all<{ id: string }>(
      sql`select id from import_stages where office_id = ${office.officeId}`,
    );
    // Its id is not an import: nothing reads those rows.
    const reader = harness();
    expect(
      (await call(reader, "GET", `/v1/imports/${stage!.id}`, { key: office.keys.staff })).status,
    ).toBe(404);
    expect(
      (await call(reader, "GET", `/v1/imports/${stage!.id}/rows`, { key: office.keys.staff }))
        .status,
    ).toBe(404);
    expect(await count("import_rows", office.officeId)).toBe(0);

    // The retry stores the push whole; past the stage's expiry the next push drops the rest.
    const retry = batched();
    expect((await push(retry, office, body, key)).status).toBe(201);
    expect(await count("import_stage_rows", office.officeId)).toBe(left);
    retry.clock.t += retry.services.config.STAGED_IMPORT_TTL_MINUTES * 60_000 + 1;
    expect((await push(retry, office, body, crypto.randomUUID())).status).toBe(201);
    expect(await count("import_stage_rows", office.officeId)).toBe(0);
    expect(await count("imports", office.officeId)).toBe(2);
    expect(await count("import_rows", office.officeId)).toBe(2 * body.rows.length);
  });
});
