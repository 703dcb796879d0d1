import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStandIn, type StandIn } from "./index.js";
import { defaultModes } from "./modes.js";

/** The stand-in's disagreeing modes (issue 12), over real HTTP. */
let s: StandIn;
beforeAll(async () => {
  s = await createStandIn({ size: 40, seed: "modes" });
});
afterAll(async () => s?.close());
beforeEach(() => s.controls.set(defaultModes()));

type Page = {
  results: Record<string, unknown>[];
  pageCount: number;
  totalRowCount?: number;
};
async function get(path: string, token = s.token) {
  const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const page = async (n: number, extra = "") =>
  (await get(`/relations?page=${n}${extra.includes("pageSize") ? "" : "&pageSize=10"}${extra}`))
    .body as unknown as Page;

describe("stand-in modes", () => {
  it("expiring keys: the token works until its expiry, then 401 'expired'", async () => {
    s.controls.set({ tokenExpiresAt: Date.now() + 60_000 });
    expect((await get("/relations?pageSize=1")).status).toBe(200);
    s.controls.set({ tokenExpiresAt: Date.now() - 1 });
    const res = await get("/relations?pageSize=1");
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/expired/);
  });

  it("404 for UUIDs: only the APR code finds a relation", async () => {
    const first = (await page(0)).results[0]!;
    s.controls.set({ uuidNotFound: true });
    expect((await get(`/relations/${first.id}`)).status).toBe(404);
    const byCode = await get(`/relations/${first.uniqueIdentifier}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.id).toBe(first.id);
  });

  it("inactive relations hidden by default, counted out of totalRowCount, still readable one by one", async () => {
    const all = await page(0, "&pageSize=40");
    s.controls.set({ hideInactiveEvery: 5 });
    const shown = await page(0, "&pageSize=40");
    expect(shown.totalRowCount).toBe(32);
    expect(shown.results).toHaveLength(32);
    expect(shown.results.every((r) => r.active === true)).toBe(true);
    const hidden = all.results.filter((r) => !shown.results.some((x) => x.id === r.id));
    expect(hidden).toHaveLength(8);
    const one = await get(`/relations/${hidden[0]!.uniqueIdentifier}`);
    expect(one.body).toMatchObject({ id: hidden[0]!.id, active: false });
    expect((await page(0, "&pageSize=40&includeInactive=true")).totalRowCount).toBe(40);
  });

  it("fields renamed, retyped and extra", async () => {
    const plain = (await page(0)).results[0]!;
    s.controls.set({ renameFields: true, retypeFields: true, extraFields: true });
    const r = (await page(0)).results[0]!;
    expect(r.companyNumber).toBeUndefined();
    expect(r.relationType).toBeUndefined();
    expect(typeof r.type).toBe("string");
    expect(["Vennootschap", "Eenmanszaak", "Persoon"]).toContain(r.type);
    expect(typeof r.status).toBe("string");
    if (plain.address) expect(typeof r.address).toBe("string");
    expect(r.emailAddress).toBe(plain.email);
    expect(r.tags).toEqual(["VIP", "Dossier 2026"]);
    s.controls.set({ renameFields: { name: "fullName" }, retypeFields: false, extraFields: false });
    const renamed = (await page(0)).results[0]!;
    expect(renamed.fullName).toBe(plain.name);
    expect(renamed.name).toBeUndefined();
  });

  it("an empty page in the middle (its first read), a shrinking pageCount, no totalRowCount", async () => {
    s.controls.set({ emptyPage: { page: 1, times: 1 } });
    expect((await page(1)).results).toHaveLength(0);
    expect((await page(1)).results).toHaveLength(10);
    s.controls.set({ emptyPage: null, shrinkPageCountFrom: 2 });
    expect((await page(0)).pageCount).toBe(4);
    expect((await page(2)).pageCount).toBe(3);
    s.controls.set({ shrinkPageCountFrom: null, omitTotalRowCount: true });
    const p = await page(0);
    expect(p.pageCount).toBe(4);
    expect("totalRowCount" in p).toBe(false);
    const tasks = (await get("/tasks?pageSize=5")).body;
    expect("totalRowCount" in tasks).toBe(false);
  });

  it("modes are set over HTTP with the main token and validated", async () => {
    const post = (body: unknown) =>
      fetch(`${s.url}/__control`, {
        method: "POST",
        headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ hideInactiveEvery: 1 })).status).toBe(400);
    expect((await post({ omitTotalRowCount: true, uuidNotFound: true })).status).toBe(200);
    expect(s.controls.omitTotalRowCount).toBe(true);
    expect(s.controls.uuidNotFound).toBe(true);
  });
});
