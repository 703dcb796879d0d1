import { checkId } from "@pulsebridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffice, createStandIn, type StandIn } from "./index.js";

describe("seeded data", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = createOffice({ seed: "same", size: 5000 });
    const b = createOffice({ seed: "same", size: 5000 });
    const c = createOffice({ seed: "other", size: 5000 });
    for (const i of [0, 1, 17, 2500, 4999])
      expect(JSON.stringify(a.relationAt(i))).toBe(JSON.stringify(b.relationAt(i)));
    expect(JSON.stringify(a.relationAt(17))).not.toBe(JSON.stringify(c.relationAt(17)));
  });

  it("generates mostly valid, unique numbers with a realistic share of dirt", () => {
    const o = createOffice({ seed: "numbers", size: 4000 });
    let ok = 0;
    let bad = 0;
    let nrnOk = 0;
    let nrnBad = 0;
    const numbers = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const r = o.relationAt(i);
      if (r?.companyNumber) {
        const c = checkId("enterprise", r.companyNumber);
        if (c.valid) {
          ok++;
          numbers.set(c.normalized, (numbers.get(c.normalized) ?? 0) + 1);
        } else bad++;
      }
      if (r?.nationalRegisterNumber)
        checkId("insz", r.nationalRegisterNumber).valid ? nrnOk++ : nrnBad++;
    }
    expect(bad / (ok + bad)).toBeGreaterThan(0.005);
    expect(bad / (ok + bad)).toBeLessThan(0.05);
    expect(nrnBad).toBeGreaterThan(0);
    expect(nrnBad / (nrnOk + nrnBad)).toBeLessThan(0.05);
    // Duplicates exist (same number on two files) but are rare.
    const dupes = [...numbers.values()].filter((n) => n > 1).length;
    expect(dupes).toBeGreaterThan(0);
    expect(dupes).toBeLessThan(ok * 0.03);
  });

  it("covers the Belgian legal forms and both languages", () => {
    const o = createOffice({ seed: "forms", size: 3000 });
    const forms = new Set<string>();
    const langs = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const r = o.relationAt(i);
      if (r?.legalForm) forms.add(r.legalForm);
      if (r?.language) langs.add(r.language);
    }
    for (const f of ["BV", "NV", "VZW", "CommV", "SRL", "SA", "ASBL"]) expect(forms).toContain(f);
    for (const l of ["nl", "fr"]) expect(langs).toContain(l);
  });
});

describe("HTTP surface", () => {
  let s: StandIn;
  const get = (path: string, token: string | null = s.token) =>
    fetch(`${s.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  beforeAll(async () => {
    s = await createStandIn({
      size: 120,
      seed: "http",
      rateLimit: { limit: 1000, windowMs: 60_000 },
    });
  });
  afterAll(() => s.close());

  it("401 without a token, with an AdminPulse-style body", async () => {
    const res = await get("/relations", null);
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty("message");
  });

  it("400 on bad paging and bad ddMMyyyy dates; 404 on unknown ids and paths", async () => {
    expect((await get("/relations?page=-1")).status).toBe(400);
    expect((await get("/relations?pageSize=0")).status).toBe(400);
    expect((await get("/tasks?deadlineFrom=31022026")).status).toBe(400);
    expect((await get("/tasks?deadlineUntil=2026-04-30")).status).toBe(400);
    expect((await get("/relations/APR99999")).status).toBe(404);
    expect((await get("/relations/0f8fad5b-d9cb-469f-a165-70867728950e")).status).toBe(404);
    expect((await get("/nothing-here")).status).toBe(404);
  });

  it("serves the side endpoints the sync reads: users (paged) and task templates (bare array)", async () => {
    expect(Array.isArray(await (await get("/tasks/templates")).json())).toBe(true);
    const body = (await (await get("/users")).json()) as { results: unknown[]; pageCount: number };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.pageCount).toBeGreaterThan(0);
  });

  it("guards the control endpoint with the main token and applies mutations", async () => {
    const denied = await fetch(`${s.url}/__control`, { method: "POST", body: "{}" });
    expect(denied.status).toBe(401);
    const before = s.data.size;
    const res = await fetch(`${s.url}/__control`, {
      method: "POST",
      headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
      body: JSON.stringify({ mutate: { add: 3, delete: 1 } }),
    });
    expect(res.status).toBe(200);
    expect(s.data.size).toBe(before + 2);
    const body = (await (await get("/relations?pageSize=400")).json()) as { totalRowCount: number };
    expect(body.totalRowCount).toBe(before + 2);
  });
});
