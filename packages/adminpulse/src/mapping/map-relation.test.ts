import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRelations, withStandIn } from "../../test/helpers.js";
import { createAdminPulseClient } from "../client/client.js";
import { createTokenBucket } from "../client/rate-limit.js";
import type { Relation } from "../client/schemas.js";
import { checkEnterpriseNumber } from "../shared/belgian-numbers.js";
import { type MappingResult, mapRelation, relationNames } from "./map-relation.js";

const base: Relation = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  uniqueIdentifier: "APR00001",
  name: "Peeters Bouw BV",
  relationType: 0,
};
const codes = (r: MappingResult) => r.problems.map((p) => p.code);

describe("mapRelation", () => {
  it("carries a person's first and last name and derives the name from them (issue 15)", () => {
    const r = mapRelation({
      ...base,
      relationType: 2,
      name: "Jan Peeters",
      firstName: "Jan",
      lastName: "Peeters",
      phone: "0470/12.34.56",
    });
    expect(r.client).toMatchObject({
      kind: "person",
      name: "Peeters Jan",
      firstName: "Jan",
      lastName: "Peeters",
      phone: "+32470123456",
    });
    const company = mapRelation({ ...base, firstName: "Jan", lastName: "Peeters" });
    expect(company.client).toMatchObject({
      name: "Peeters Bouw BV",
      firstName: null,
      lastName: null,
    });
  });

  it("normalizes a formatted number and keeps the VAT form", () => {
    const r = mapRelation({ ...base, vatNumber: "BE 0403.019.261", companyNumber: "0403019261" });
    expect(r.client).toMatchObject({
      kind: "company",
      enterpriseNumber: "0403019261",
      vatNumber: "BE0403019261",
    });
    expect(r.problems).toEqual([]);
    expect((r.raw as Relation).vatNumber).toBe("BE 0403.019.261");
  });

  it("keeps a number with a typo out of enterpriseNumber and reports it", () => {
    const r = mapRelation({ ...base, vatNumber: "0403019262" });
    expect(r.client?.enterpriseNumber).toBeNull();
    expect(r.client?.vatNumber).toBeNull();
    expect(codes(r)).toContain("enterpriseNumber.checksum");
  });

  it("restores a lost leading zero but says so", () => {
    const r = mapRelation({ ...base, companyNumber: "403019261" });
    expect(r.client?.enterpriseNumber).toBe("0403019261");
    expect(codes(r)).toContain("enterpriseNumber.leadingZero");
  });

  it("maps link types 1–8 and 9+, names linked relations, flags unknown codes", () => {
    const r = mapRelation(
      {
        ...base,
        tos: [
          { linkType: 4, uniqueIdentifier: "APR00002", startDate: "2019-01-01T00:00:00" },
          { linkType: 6, uniqueIdentifier: "APR00003", numberOfShares: 186, votingRights: 186 },
          { linkType: 7, uniqueIdentifier: "APR00004" },
          { linkType: 15, uniqueIdentifier: "APR00002" },
          { linkType: 99, uniqueIdentifier: "APR00005" },
        ],
      },
      { relationNames: new Map([["APR00002", "Peeters Jan"]]) },
    );
    expect(r.client?.links.map((l) => l.role)).toEqual([
      "director",
      "shareholder",
      "auditor",
      "member",
      "other",
    ]);
    expect(r.client?.links[0]).toMatchObject({ name: "Peeters Jan", startDate: "2019-01-01" });
    expect(r.client?.links[1]).toMatchObject({ shares: 186, votingRights: 186, name: null });
    expect(codes(r)).toEqual(["link.unknownType"]);
  });

  it("reports an invalid national number, a bad e-mail, an unknown user and a missing name", () => {
    const r = mapRelation(
      {
        id: "x",
        relationType: 2,
        nationalRegisterNumber: "85073003329",
        email: "jan@@telenet.be",
        responsibleUserId: "u9",
      },
      { users: new Map([["u1", { name: "An Maes" }]]) },
    );
    expect(r.client).toMatchObject({
      kind: "person",
      name: "x",
      nationalNumber: null,
      email: "jan@@telenet.be",
      responsibleUser: { id: "u9", name: "u9" },
    });
    expect(codes(r).sort()).toEqual([
      "email.invalid",
      "name.missing",
      "nationalNumber.invalid",
      "responsibleUser.unknown",
    ]);
  });
});

describe("mapping the seeded office", () => {
  let standIn: StandIn;
  let results: MappingResult[];
  beforeAll(async () => {
    standIn = await withStandIn({ size: 3000, seed: "mapping" });
    const client = createAdminPulseClient({
      baseUrl: standIn.url,
      token: standIn.token,
      limiter: createTokenBucket({ perMinute: 100_000 }),
    });
    const [relations, users] = await Promise.all([allRelations(client), client.allUsers()]);
    if (!relations.ok || !users.ok) throw new Error("fetch failed");
    const ctx = {
      users: new Map(users.value.map((u) => [u.id, u] as const)),
      relationNames: relationNames(relations.value),
    };
    results = relations.value.map((r) => mapRelation(r, ctx));
  });
  afterAll(() => standIn.close());

  it("maps every relation to a valid client", () => {
    expect(results).toHaveLength(3000);
    expect(results.filter((r) => r.client === null)).toEqual([]);
  });

  it("carries valid numbers through and reports the dirty ones", () => {
    let valid = 0;
    let reported = 0;
    for (const r of results) {
      const raw = r.raw as Relation;
      const v = (raw.companyNumber ?? raw.vatNumber) as string | undefined;
      if (!v) continue;
      const c = checkEnterpriseNumber(v);
      if (c.ok) {
        valid++;
        expect(r.client?.enterpriseNumber).toBe(c.normalized);
      } else {
        reported++;
        expect(r.client?.enterpriseNumber).toBeNull();
        expect(codes(r).some((x) => x.startsWith("enterpriseNumber."))).toBe(true);
      }
    }
    // Dirty, but realistically so: a few percent, not most.
    expect(reported).toBeGreaterThan(0);
    expect(reported / (valid + reported)).toBeLessThan(0.06);
  });

  it("resolves responsible employees and linked relation names", () => {
    const customers = results.filter((r) => (r.raw as Relation).status === 1);
    expect(
      customers.every(
        (r) =>
          r.client?.responsibleUser &&
          r.client.responsibleUser.name !== r.client.responsibleUser.id,
      ),
    ).toBe(true);
    const links = results.flatMap((r) => r.client?.links ?? []);
    expect(links.length).toBeGreaterThan(1000);
    expect(links.every((l) => l.name !== null)).toBe(true);
    const roles = new Set(links.map((l) => l.role));
    for (const role of ["director", "shareholder", "auditor", "beneficiary", "member"])
      expect(roles).toContain(role);
    expect(links.filter((l) => l.role === "shareholder").every((l) => (l.shares ?? 0) > 0)).toBe(
      true,
    );
  });

  it("has every kind and language, and some problems of each dirty-data family", () => {
    const kinds = new Set(results.map((r) => r.client?.kind));
    expect(kinds).toEqual(new Set(["company", "soleProprietor", "person"]));
    const all = new Set(results.flatMap(codes));
    for (const c of [
      "enterpriseNumber.checksum",
      "enterpriseNumber.leadingZero",
      "nationalNumber.invalid",
      "email.invalid",
    ])
      expect(all).toContain(c);
  });
});
