import type { ImportResponse, ImportSummary } from "@pulsebridge/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  call,
  db,
  type Harness,
  harness,
  newOffice,
  type Office,
} from "../../../../test/harness.js";
import { importBody, officeWithClients } from "../../../../test/import-fixtures.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { webhookDeliveries } from "../../../db/schema/index.js";

async function push(h: Harness, office: Office, createdBy = "an.peeters@kantoor.be") {
  const { id1 } = await officeWithClients(h, office);
  const res = await call(h, "POST", "/v1/imports", {
    key: office.keys.staff,
    body: { ...importBody(id1), createdBy },
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ImportResponse;
}

const withdraw = (
  h: Harness,
  office: Office,
  id: string,
  key: string,
  role: "staff" | "admin" = "staff",
) =>
  call(h, "POST", `/v1/imports/${id}/withdraw`, {
    key: office.keys[role],
    body: { by: "Bart Claes", reason: "Wrong sheet" },
    headers: { "idempotency-key": key },
  });

async function audit(h: Harness, office: Office) {
  const res = await call(h, "GET", "/v1/audit", { key: office.keys.admin });
  return (
    (await res.json()) as {
      data: { action: string; target: string; actor: { person: string | null; name: string } }[];
    }
  ).data;
}

describe("POST /v1/imports/{id}/withdraw", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: ({ seed }) => `/v1/imports/${seed.id}/withdraw`,
    allowed: ["admin", "staff"],
    ownsResource: true,
    setup: async (h, office) => ({ id: (await push(h, office)).id }),
    body: () => ({ by: "Bart Claes" }),
    badInputs: [
      { name: "no person", body: {} },
      { name: "an empty person", body: { by: "  " } },
      { name: "a control character", body: { by: "Bart\u0007" } },
      { name: "a reason too long", body: { by: "Bart", reason: "x".repeat(501) } },
    ],
  });

  it("withdraws once, audited with the person, listed and filterable; a replay answers the same", async () => {
    const h = harness();
    const office = await newOffice();
    const imp = await push(h, office);
    const key = crypto.randomUUID();
    const res = await withdraw(h, office, imp.id, key);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as ImportSummary;
    expect(summary).toMatchObject({
      id: imp.id,
      status: "withdrawn",
      counts: imp.counts,
      withdrawn: { by: "Bart Claes", reason: "Wrong sheet", at: new Date(h.clock.t).toISOString() },
    });

    const all = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.service })
    ).json()) as { data: ImportSummary[] };
    expect(all.data.map((i) => [i.id, i.status])).toEqual([[imp.id, "withdrawn"]]);
    for (const [status, ids] of [
      ["withdrawn", [imp.id]],
      ["partially_accepted", []],
    ] as const) {
      const page = (await (
        await call(h, "GET", `/v1/imports?status=${status}`, { key: office.keys.service })
      ).json()) as { data: ImportSummary[] };
      expect(page.data.map((i) => i.id)).toEqual(ids);
    }
    // The import's own read says so too.
    const one = (await (
      await call(h, "GET", `/v1/imports/${imp.id}`, { key: office.keys.staff })
    ).json()) as ImportResponse;
    expect(one.status).toBe("withdrawn");

    const events = (await audit(h, office)).filter((e) => e.action === "import.withdrawn");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ target: imp.id, actor: { person: "Bart Claes" } });

    const replay = await withdraw(h, office, imp.id, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const other = await withdraw(h, office, imp.id, crypto.randomUUID(), "admin");
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe("import_not_withdrawable");
    expect((await audit(h, office)).filter((e) => e.action === "import.withdrawn")).toHaveLength(1);
  });

  it("a pushed and a withdrawn import each queue one webhook; a refused second withdrawal queues none", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url: "https://hooks.example.be/in", events: ["import.pushed", "import.withdrawn"] },
    });
    expect(res.status).toBe(201);
    const endpoint = (await res.json()) as { id: string };
    const imp = await push(h, office);
    expect((await withdraw(h, office, imp.id, crypto.randomUUID())).status).toBe(200);
    expect((await withdraw(h, office, imp.id, crypto.randomUUID(), "admin")).status).toBe(409);
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    const events = rows.map((r) => JSON.parse(r.payload) as { type: string; data: unknown });
    expect(events.map((e) => e.type).sort()).toEqual(["import.pushed", "import.withdrawn"]);
    expect(events.find((e) => e.type === "import.withdrawn")?.data).toEqual({
      importId: imp.id,
      by: "Bart Claes",
      reason: "Wrong sheet",
    });
  });

  it("a withdrawal wakes webhook delivery for its office at once", async () => {
    const h = harness();
    const woken: string[] = [];
    h.services.notifyWebhooks = async (officeId) => {
      woken.push(officeId);
    };
    const office = await newOffice();
    const imp = await push(h, office);
    // (The office's clients came from a sync, which wakes it too.)
    expect(new Set(woken)).toEqual(new Set([office.officeId]));
    woken.length = 0;
    expect((await withdraw(h, office, imp.id, crypto.randomUUID())).status).toBe(200);
    expect(woken).toEqual([office.officeId]);
  });

  it("refuses an import rejected whole, and a staged import not committed", async () => {
    const h = harness();
    const office = await newOffice();
    const rejected = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: {
        source: "excel",
        createdBy: "x",
        rows: [{ ref: "1", kind: "company", name: "", enterpriseNumber: "0123456789" }],
        choices: { overwrite: {}, add: [] },
      },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const rid = ((await rejected.json()) as ImportResponse).id;
    const staged = await call(h, "POST", "/v1/imports/staged", {
      key: office.keys.staff,
      body: { source: "excel", createdBy: "x" },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const sid = ((await staged.json()) as { id: string }).id;
    for (const id of [rid, sid]) {
      const res = await withdraw(h, office, id, crypto.randomUUID());
      expect(res.status).toBe(409);
      expect(((await res.json()) as { code: string }).code).toBe("import_not_withdrawable");
    }
    expect((await withdraw(h, office, "nope", crypto.randomUUID())).status).toBe(404);
  });

  it("without an Idempotency-Key → 400", async () => {
    const h = harness();
    const office = await newOffice();
    const imp = await push(h, office);
    const res = await call(h, "POST", `/v1/imports/${imp.id}/withdraw`, {
      key: office.keys.staff,
      body: { by: "Bart" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("idempotency_key_required");
  });
});

describe("who pushed", () => {
  it("two people sharing one key are told apart in the import list and the audit log", async () => {
    const h = harness();
    const office = await newOffice();
    const first = await push(h, office, "An Peeters");
    const second = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      body: {
        source: "excel",
        createdBy: "  Bart Claes  ",
        rows: [{ ref: "z", kind: "company", name: "Zeta BV" }],
        choices: { overwrite: {}, add: [] },
      },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const secondId = ((await second.json()) as ImportResponse).id;
    const list = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.staff })
    ).json()) as { data: ImportSummary[] };
    expect(new Map(list.data.map((i) => [i.id, i.createdBy]))).toEqual(
      new Map([
        [first.id, "An Peeters"],
        [secondId, "Bart Claes"],
      ]),
    );
    const pushed = (await audit(h, office)).filter((e) => e.action === "import.pushed");
    expect(new Map(pushed.map((e) => [e.target, e.actor]))).toEqual(
      new Map([
        [first.id, { keyId: office.keyIds.staff, name: "staff key", person: "An Peeters" }],
        [secondId, { keyId: office.keyIds.staff, name: "staff key", person: "Bart Claes" }],
      ]),
    );
    const overwrites = (await audit(h, office)).filter((e) => e.action === "import.overwrites");
    expect(overwrites.map((e) => e.actor.person)).toEqual(["An Peeters"]);
  });
});
