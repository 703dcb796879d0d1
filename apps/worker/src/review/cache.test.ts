import { describe, expect, it } from "vitest";
import { record } from "../../test/fixtures.js";
import { db, harness, newOffice, seedClients } from "../../test/harness.js";
import { allLiveClients, toClient } from "../db/queries/clients.js";
import { officeCache } from "./cache.js";

/**
 * The review and the push read the cache in pages of clients and only the columns a client is made
 * of (issue 11/17: memory); what they compare with must still be exactly the cached client.
 */
describe("officeCache", () => {
  it("is every live client as toClient builds it, in pages, with its version", async () => {
    const h = harness();
    h.source.records = [
      record(1, {
        links: [
          {
            role: "director" as const,
            relationIdentifier: "APR00002",
            name: 'Jan "Sr"',
            startDate: null,
          },
        ].map((l) => ({
          ...l,
          endDate: null,
          shares: 12.5,
          votingRights: null,
          comment: "é \u2028",
        })),
      }),
      // A person without address or responsible user.
      record(2, { kind: "person", enterpriseNumber: null, nationalNumber: "85073003328" }),
      record(6, { address: null, responsibleUser: null }),
      record(3, { name: "Ébéniste Renée", generalMeetingDate: "2026-06-15" }),
      record(4),
      record(5, { name: "Vijfde BV" }),
    ];
    const office = await newOffice();
    await seedClients(h, office);
    const rows = await allLiveClients(db, office.officeId);
    expect(rows).toHaveLength(6);
    const expected = new Map(
      rows.map((r) => [r.id, { client: toClient(r), version: r.changeSeq }]),
    );
    // Pages of two: four queries (the last one empty), every client once.
    const existing = await officeCache(db, office.officeId, undefined, 2);
    expect(existing.map((e) => e.id).sort()).toEqual([...expected.keys()].sort());
    for (const e of existing)
      expect({ client: e.client, version: e.version }).toStrictEqual(expected.get(e.id));
  });

  it("reads only the candidates of a push's rows, in id order (issue 11/17)", async () => {
    const h = harness();
    const at = (postalCode: string) => ({
      address: { street: null, number: null, box: null, postalCode, city: null, country: null },
    });
    h.source.records = [
      record(1), // by id
      record(2), // by AdminPulse id
      record(3), // by enterprise number
      record(4, { kind: "person", enterpriseNumber: null, nationalNumber: "85073003328" }),
      record(5, at("1000")), // any client in a postcode of a row without identifier
      record(6, at("2000")), // has its number: not for a row that has one
      record(7, { ...at("2000"), enterpriseNumber: null }), // lacks it: a candidate
      record(8, { kind: "person", enterpriseNumber: null, ...at("2000") }), // lacks it too
      record(9, at("3000")), // nothing names it
    ];
    const office = await newOffice();
    await seedClients(h, office);
    const all = await allLiveClients(db, office.officeId);
    const by = (ap: string) => all.find((r) => r.adminpulseId === ap)!;
    const existing = await officeCache(
      db,
      office.officeId,
      {
        ids: [by("ap-1").id, "unknown"],
        adminpulseIds: ["ap-2"],
        enterpriseNumbers: [by("ap-3").enterpriseNumber!],
        nationalNumbers: ["85073003328"],
        anyPostcodes: ["1000"],
        idlessPostcodes: ["2000"],
      },
      2,
    );
    const want = ["ap-1", "ap-2", "ap-3", "ap-4", "ap-5", "ap-7", "ap-8"].map((ap) => by(ap).id);
    expect(existing.map((e) => e.id)).toEqual(want.sort());
    expect(existing.find((e) => e.id === by("ap-5").id)?.client).toStrictEqual(
      toClient(by("ap-5")),
    );
    const none = await officeCache(
      db,
      office.officeId,
      {
        ids: [],
        adminpulseIds: [],
        enterpriseNumbers: [],
        nationalNumbers: [],
        anyPostcodes: [],
        idlessPostcodes: [],
      },
      2,
    );
    expect(none).toEqual([]);
  });
});
