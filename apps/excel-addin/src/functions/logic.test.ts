import { fieldTable } from "@pulsebridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, makeClients, startFakeServer } from "../../test/support/fake-server.js";
import { clearClientCache, rememberClients } from "./cache.js";
import metadata from "./functions.json" with { type: "json" };
import {
  check,
  enterprise,
  isValid,
  lookup,
  lookupFields,
  resetLookupBatch,
  town,
} from "./logic.js";

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

  it("CHECK shows IBAN, phone, e-mail and postcode problems in nl, fr and en, with the suggestion", () => {
    expect(check("iban", "BE68539007547034", "nl")).toBe("BE68 5390 0754 7034");
    expect(check("phone", "0470/12.34.56", "fr")).toBe("0470 12 34 56");
    expect(check("postcode", "9000", "en")).toBe("9000");
    // Two digits swapped: the message differs per language, the suggestion is the real IBAN.
    const typo = ["nl", "fr", "en"].map((l) => check("iban", "BE68539007547043", l as "nl"));
    expect(new Set(typo).size).toBe(3);
    for (const m of typo) expect(m).toMatch(/→ BE68539007547034/);
    const phone = ["nl", "fr", "en"].map((l) => check("phone", "09 123 45 67", l as "nl"));
    expect(new Set(phone).size).toBe(3);
    for (const m of phone) expect(m).not.toMatch(/^id\./);
    expect(check("email", "jan@gmial.com", "nl")).toMatch(/→ jan@gmail\.com$/);
    expect(check("postcode", "0999", "en")).not.toBe("0999");
    expect(check("nope", "x", "en")).toBeInstanceOf(Error);
  });

  it("TOWN says when a postcode and town do not belong together, with the right pairs", () => {
    expect(town("9000", "Gent", "nl")).toBe("");
    expect(town("4000", "Luik", "fr")).toBe("");
    const [nl, fr, en] = (["nl", "fr", "en"] as const).map((l) => town("9000", "Antwerpen", l));
    expect(new Set([nl, fr, en]).size).toBe(3);
    expect(en).toMatch(/→ 9000 Gent \/ 2000 Antwerpen/);
    expect(town("9999", "Nergens", "en")).toMatch(/9999/);
    expect(town("", "Gent", "en")).toBe("");
  });

  it("CLIENT offers every sheet field of core's table, and functions.json names exactly those", () => {
    for (const f of fieldTable)
      if (f.sheet && f.check !== "links") expect(lookupFields).toContain(f.key);
    const client = metadata.functions.find((f) => f.id === "CLIENT");
    const named = client?.description.split(": ")[1]?.replace(/\.$/, "").split(", ");
    expect(named).toEqual([...lookupFields]);
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
