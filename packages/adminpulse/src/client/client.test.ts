import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withStandIn } from "../../test/helpers.js";
import { checkEnterpriseNumber } from "../shared/belgian-numbers.js";
import { createAdminPulseClient } from "./client.js";
import { createTokenBucket } from "./rate-limit.js";
import type { Relation } from "./schemas.js";

let standIn: StandIn;
let client: ReturnType<typeof createAdminPulseClient>;

beforeAll(async () => {
  standIn = await withStandIn({ size: 10_000, seed: "client-tests" });
  // A private, generous limiter: these tests are about the API surface, not pacing.
  client = createAdminPulseClient({
    baseUrl: standIn.url,
    token: standIn.token,
    limiter: createTokenBucket({ perMinute: 100_000 }),
  });
});
afterAll(() => standIn.close());

describe("relations", () => {
  it("pages through all 10,000 relations in order with no gaps or repeats", async () => {
    standIn.controls.resetCalls();
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client.iterateRelations({ pageSize: 400 })) {
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.currentPage).toBe(pages);
      pages += 1;
      for (const r of page.value.results as Relation[]) ids.push(String(r.uniqueIdentifier ?? ""));
    }
    expect(pages).toBe(25);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids[0]).toBe("APR00001");
    expect(ids[9_999]).toBe("APR10000");
    expect(standIn.controls.calls().filter((c) => c.path === "/relations")).toHaveLength(25);
  });

  it("uses the API's default page size and clamps to 400", async () => {
    const def = await client.listRelations();
    const big = await client.listRelations({ pageSize: 5000 });
    expect(def.ok && def.value.results.length).toBe(20);
    expect(def.ok && def.value.pageCount).toBe(500);
    expect(big.ok && big.value.pageSize).toBe(400);
  });

  it("answers an empty page past the end with the real page count", async () => {
    const res = await client.listRelations({ page: 999, pageSize: 400 });
    expect(res.ok && res.value).toMatchObject({
      results: [],
      currentPage: 999,
      pageCount: 25,
      totalRowCount: 10_000,
    });
  });

  it("gets one relation by id and by unique identifier", async () => {
    const first = await client.listRelations({ page: 3, pageSize: 1 });
    if (!first.ok) throw new Error("list failed");
    const r = first.value.results[0] as Relation | undefined;
    const byId = await client.getRelation(String(r?.id ?? ""));
    const byUid = await client.getRelation(String(r?.uniqueIdentifier ?? ""));
    expect(byId.ok && byId.value).toEqual(r);
    expect(byUid.ok && byUid.value).toEqual(r);
  });

  it("finds a relation by enterprise number in any notation, and null when absent", async () => {
    const office = standIn.data;
    let target: { uid: string; n: string } | null = null;
    for (let i = 0; i < 200 && !target; i++) {
      const r = office.relationAt(i);
      const c = r?.vatNumber ? checkEnterpriseNumber(r.vatNumber) : null;
      if (r && c?.ok && !c.repairedLeadingZero && r.vatNumber === c.normalized)
        target = { uid: r.uniqueIdentifier, n: c.normalized };
    }
    if (!target) throw new Error("no clean number in the first 200 relations");
    const dotted = `BE ${target.n.slice(0, 4)}.${target.n.slice(4, 7)}.${target.n.slice(7)}`;
    const found = await client.findRelationByEnterpriseNumber(dotted);
    expect(found.ok && found.value?.uniqueIdentifier).toBe(target.uid);
    const none = await client.findRelationByEnterpriseNumber("0403019261");
    expect(none.ok && none.value).toBeNull();
  });

  it("finds it whichever field carries the number: vatNumber, companyNumber or a name the table does not know", async () => {
    const office = standIn.data;
    const pick = (f: (r: NonNullable<ReturnType<typeof office.relationAt>>) => boolean) => {
      for (let i = 0; i < 2000; i++) {
        const r = office.relationAt(i);
        if (r && f(r)) return r;
      }
      throw new Error("no such relation in the first 2000");
    };
    const clean = (v: string | null) => (v ? checkEnterpriseNumber(v) : null);
    // Only a company number (no VAT number): found through `companyNumber`.
    const onlyCompany = pick((r) => !r.vatNumber && !!clean(r.companyNumber)?.ok);
    const n1 = clean(onlyCompany.companyNumber);
    if (!n1?.ok) throw new Error("unreachable");
    const a = await client.findRelationByEnterpriseNumber(n1.normalized);
    expect(a.ok && a.value?.id).toBe(onlyCompany.id);
    // The same, with the API calling the fields differently: found by its value.
    try {
      standIn.controls.set({ renameFields: { companyNumber: "kboNr", vatNumber: "btwNr" } });
      const b = await client.findRelationByEnterpriseNumber(n1.normalized);
      expect(b.ok && b.value?.id).toBe(onlyCompany.id);
      expect(b.ok && b.value?.kboNr).toBe(onlyCompany.companyNumber);
    } finally {
      standIn.controls.set({ renameFields: null });
    }
  });
});

describe("users, tasks", () => {
  it("lists every user over the pages", async () => {
    const users = await client.allUsers({ pageSize: 2 });
    expect(users.ok && users.value.map((u) => u.id)).toEqual(standIn.data.users.map((u) => u.id));
  });

  it("filters tasks by relation and by deadline, sending ddMMyyyy", async () => {
    standIn.controls.resetCalls();
    const rel = standIn.data.relationAt(0);
    const byRel = await client.listTasks({ relationId: rel?.id ?? "", pageSize: 50 });
    if (!byRel.ok) throw new Error(byRel.error.message);
    expect(byRel.value.results.length).toBeGreaterThan(0);
    expect(
      byRel.value.results.every((t) => t.relationUniqueIdentifier === rel?.uniqueIdentifier),
    ).toBe(true);
    expect(byRel.value.results.every((t) => (t.subtasks ?? []).length > 0)).toBe(true);

    const april = await client.listTasks({
      deadlineFrom: "2026-04-01",
      deadlineUntil: new Date(Date.UTC(2026, 3, 30)),
      pageSize: 400,
    });
    if (!april.ok) throw new Error(april.error.message);
    expect(april.value.totalRowCount).toBeGreaterThan(0);
    expect(april.value.results.every((t) => t.deadline?.startsWith("2026-04"))).toBe(true);
    const log = standIn.controls.calls();
    expect(log.some((c) => c.path === "/tasks")).toBe(true);
  });

  it("leaves out a task it cannot read and counts it, instead of failing the page", async () => {
    // The stand-in's answer with one task's status turned into a string, as a hostile API might.
    const odd = createAdminPulseClient({
      baseUrl: standIn.url,
      token: standIn.token,
      limiter: createTokenBucket({ perMinute: 100_000 }),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const body = (await res.json()) as { results: Record<string, unknown>[] };
        body.results[0] = { ...body.results[0], status: "1" };
        return new Response(JSON.stringify(body), {
          status: res.status,
          headers: { "content-type": "application/json" },
        });
      },
    });
    const plain = await client.listTasks({ pageSize: 20 });
    const page = await odd.listTasks({ pageSize: 20 });
    if (!page.ok || !plain.ok) throw new Error("the task page failed");
    expect(page.value.unreadable).toBe(1);
    expect(plain.value.unreadable).toBe(0);
    expect(page.value.results.map((t) => t.id)).toEqual(
      plain.value.results.slice(1).map((t) => t.id),
    );
  });

  it("collects the relations of a task template, matching the office's own data", async () => {
    const res = await client.relationsOfTaskTemplate("Vennootschapsbelasting");
    if (!res.ok) throw new Error(res.error.message);
    const idx = standIn.data.taskIndex();
    const tplIndex = standIn.data.templates.findIndex((t) => t.name === "Vennootschapsbelasting");
    const expected = new Set<string>();
    for (let k = 0; k < idx.rel.length; k++)
      if (idx.tpl[k] === tplIndex) expected.add(standIn.data.uid(idx.rel[k] as number));
    expect(res.value.length).toBeGreaterThan(100);
    expect(new Set(res.value)).toEqual(expected);
  });

  it("lists task templates from the synthetic endpoint, and derives them when it is missing", async () => {
    const direct = await client.listTaskTemplates();
    expect(direct.ok && direct.value.source).toBe("endpoint");
    standIn.controls.set({ templatesEndpoint: false });
    try {
      const derived = await client.listTaskTemplates();
      if (!derived.ok) throw new Error(derived.error.message);
      expect(derived.value.source).toBe("derived");
      const names = derived.value.templates.map((t) => t.name);
      expect(names).toContain("Jaarrekening");
      expect(
        names.every((n) => direct.ok && direct.value.templates.some((t) => t.name === n)),
      ).toBe(true);
    } finally {
      standIn.controls.set({ templatesEndpoint: true });
    }
  });
});
