import { describe, expect, it } from "vitest";
import { call, harness, newOffice } from "../../test/harness.js";
import { KEY_CACHE_TTL_MS, KeyCache } from "./key-cache.js";

/**
 * The revocation bound (issue 17): each isolate trusts a verified key for KEY_CACHE_TTL_MS. Two
 * harnesses are two isolates (two caches) over the same D1; their clocks are moved by hand.
 */
describe("API key cache: a revoked key stops working within the stated bound", () => {
  const me = async (h: ReturnType<typeof harness>, key: string) =>
    (await call(h, "GET", "/v1/me", { key })).status;

  it("revoked in another isolate: still trusted here until the bound, refused from then on", async () => {
    const here = harness();
    const there = harness();
    const office = await newOffice();
    expect(await me(here, office.keys.staff)).toBe(200); // verified and cached here
    const del = await call(there, "DELETE", `/v1/keys/${office.keyIds.staff}`, {
      key: office.keys.admin,
    });
    expect(del.status).toBe(204);
    expect(await me(there, office.keys.staff)).toBe(401); // the revoking isolate: at once
    here.clock.t += KEY_CACHE_TTL_MS - 1;
    expect(await me(here, office.keys.staff)).toBe(200); // inside the bound
    here.clock.t += 1;
    expect(await me(here, office.keys.staff)).toBe(401); // at the bound
    here.clock.t += 60_000;
    expect(await me(here, office.keys.staff)).toBe(401); // and never again
  });

  it("KEY_CACHE_SECONDS sets the bound: 1 s here, refused from the first second on", async () => {
    const here = harness({ config: { KEY_CACHE_SECONDS: "1" } });
    const there = harness();
    const office = await newOffice();
    expect(here.services.keyCache.ttlMs).toBe(1_000);
    expect(await me(here, office.keys.staff)).toBe(200);
    await call(there, "DELETE", `/v1/keys/${office.keyIds.staff}`, { key: office.keys.admin });
    here.clock.t += 999;
    expect(await me(here, office.keys.staff)).toBe(200); // inside the 1 s bound
    here.clock.t += 1;
    expect(await me(here, office.keys.staff)).toBe(401); // at it
  });

  it("KEY_CACHE_SECONDS=0: no cache, a revoke elsewhere is refused on the next request", async () => {
    const here = harness({ config: { KEY_CACHE_SECONDS: "0" } });
    const there = harness();
    const office = await newOffice();
    expect(await me(here, office.keys.staff)).toBe(200);
    expect(await me(here, office.keys.staff)).toBe(200);
    await call(there, "DELETE", `/v1/keys/${office.keyIds.staff}`, { key: office.keys.admin });
    expect(await me(here, office.keys.staff)).toBe(401); // same instant, other isolate
  });

  it("revoked in this isolate: refused at once, although it was cached", async () => {
    const h = harness();
    const office = await newOffice();
    expect(await me(h, office.keys.service)).toBe(200);
    await call(h, "DELETE", `/v1/keys/${office.keyIds.service}`, { key: office.keys.admin });
    expect(await me(h, office.keys.service)).toBe(401);
  });

  it("only the exact secret hits the cache: a wrong secret under a cached prefix is refused", async () => {
    const h = harness();
    const office = await newOffice();
    expect(await me(h, office.keys.staff)).toBe(200);
    const [, prefix, secret] = office.keys.staff.split("_");
    const forged = `pb_${prefix}_${secret!.slice(0, -1)}${secret!.endsWith("0") ? "1" : "0"}`;
    expect(await me(h, forged)).toBe(401);
    expect(await me(h, office.keys.staff)).toBe(200);
  });

  it("keeps a bounded number of keys, dropping the oldest", () => {
    const cache = new KeyCache();
    const key = (i: number) => ({
      id: `k${i}`,
      officeId: "o",
      prefix: `p${i}`,
      role: "staff" as const,
      name: "n",
      lastUsedAt: null,
      revokedAt: null,
    });
    for (let i = 0; i < 1_001; i++) cache.set(`h${i}`, key(i), 0);
    expect(cache.get("h0", "p0", 1)).toBeNull();
    expect(cache.get("h1", "p1", 1)).toMatchObject({ id: "k1" });
    expect(cache.get("h1000", "p1000", KEY_CACHE_TTL_MS)).toBeNull();
  });
});
