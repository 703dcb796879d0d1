import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, makeClients, startFakeServer } from "../../test/support/fake-server.js";
import { clearClientCache, rememberClients } from "./cache.js";
import { enterprise, isValid, lookup, resetLookupBatch } from "./logic.js";

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer({ clients: makeClients(5) });
});
afterAll(() => server.close());

describe("custom functions", () => {
  it("ENTERPRISE formats or explains in the user's language", () => {
    expect(enterprise("BE 403 019 261", "nl")).toBe("0403.019.261");
    expect(enterprise(403019261, "en")).toBe("0403.019.261");
    const nl = enterprise("0403.019.262", "nl");
    const fr = enterprise("0403.019.262", "fr");
    expect(nl).not.toBe(fr);
    expect(nl).not.toMatch(/^id\./);
  });

  it("ISVALID checks each kind and refuses an unknown kind", () => {
    expect(isValid("enterprise", "0403.019.261")).toBe(true);
    expect(isValid("btw", "BE0403019262")).toBe(false);
    expect(isValid("email", "a@b.be")).toBe(true);
    expect(isValid("postcode", "9000")).toBe(true);
    expect(isValid("nope", "x")).toBeInstanceOf(Error);
  });

  it("CLIENT reads the pulled cache first, then asks the worker once", async () => {
    clearClientCache();
    resetLookupBatch();
    const [c1] = makeClients(1);
    if (!c1) throw new Error("client");
    rememberClients([{ ...c1, name: "From cache" }]);
    expect(await lookup("0200.000.142", "name", null)).toEqual({ ok: true, value: "From cache" });
    expect(await lookup("0200.000.142", "city", null)).toEqual({ ok: true, value: "Gent" });
    const second = makeClients(2)[1];
    const creds = { baseUrl: server.url, apiKey: "pb_test_staff_key" };
    expect(await lookup(second?.enterpriseNumber, "name", null)).toEqual({
      ok: false,
      reason: "not_connected",
    });
    const before = server.requests.length;
    expect(await lookup(second?.enterpriseNumber, "name", creds)).toEqual({
      ok: true,
      value: second?.name,
    });
    expect(await lookup(second?.enterpriseNumber, "name", creds)).toEqual({
      ok: true,
      value: second?.name,
    });
    expect(server.requests.length - before).toBe(1);
    expect(await lookup("0403.019.262", "name", creds)).toEqual({ ok: false, reason: "invalid" });
    expect(await lookup("0403.019.261", "name", creds)).toEqual({ ok: false, reason: "not_found" });
    expect(await lookup("0403.019.261", "salary", creds)).toEqual({
      ok: false,
      reason: "unknown_field",
    });
  });

  it("CLIENT batches a burst of cells into one listing, not one request per cell", async () => {
    clearClientCache();
    resetLookupBatch();
    const creds = { baseUrl: server.url, apiKey: "pb_test_staff_key" };
    const clients = makeClients(5);
    const before = server.requests.length;
    const answers = await Promise.all(
      clients.map((c) => lookup(c.enterpriseNumber, "name", creds)),
    );
    expect(answers).toEqual(clients.map((c) => ({ ok: true, value: c.name })));
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/v1/clients"]);
    // A number the office does not have is not asked again right after the listing.
    expect(await lookup("0403.019.261", "name", creds)).toEqual({ ok: false, reason: "not_found" });
    expect(server.requests.length - before).toBe(1);
  });
});
