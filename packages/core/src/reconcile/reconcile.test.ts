import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client, ImportRow } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { normalizeName } from "./name-key.js";
import { reconcile } from "./reconcile.js";
import { clientArb, emptyClient, enterpriseNumber, nationalNumber } from "./testing.js";
import { type ExistingClient, reconcileResultSchema } from "./types.js";

const today = new Date("2026-06-01T00:00:00Z");
const E1 = enterpriseNumber(4_030_192); // 0403019261
const E2 = enterpriseNumber(5_000_000);
const E3 = enterpriseNumber(12_345_678);
const N1 = nationalNumber(1985, 7, 30, 33);
const N2 = nationalNumber(1990, 1, 2, 4);

function company(name: string, enterprise: string, extra: Partial<Client> = {}): Client {
  return { ...emptyClient("company", name), enterpriseNumber: enterprise, ...extra };
}
function person(name: string, nrn: string | null, extra: Partial<Client> = {}): Client {
  return { ...emptyClient("person", name), nationalNumber: nrn, ...extra };
}
const address = (postalCode: string, street = "Kerkstraat"): Client["address"] => ({
  street,
  number: "1",
  box: null,
  postalCode,
  city: "Gent",
  country: "BE",
});

describe("reconcile — the four buckets", () => {
  it("sorts rows and target clients the way the import screen does", () => {
    const existing: ExistingClient[] = [
      { id: "t1", client: company("Bakkerij Peeters", E1) },
      { id: "t2", client: company("Garage Janssens", E2) },
      { id: "t3", client: person("Jan Peeters", N1) },
    ];
    const rows: ImportRow[] = [
      { ref: "2", kind: "vennootschap", name: "Bakkerij Peeters", enterpriseNumber: `BE ${E1}` },
      { ref: "3", kind: "company", name: "Nieuw BV", enterpriseNumber: E3 },
      { ref: "4", kind: "personne physique", name: "Jan Peeters", nationalNumber: N1 },
      { ref: "5", kind: "company", name: "Kapot", enterpriseNumber: "0403019262" },
    ];
    const result = reconcile(rows, existing, { today });
    expect(() => reconcileResultSchema.parse(result)).not.toThrow();
    expect(result.matching.map((m) => [m.ref, m.id, m.matchedOn, m.probable])).toEqual([
      ["2", "t1", "enterpriseNumber", false],
      ["4", "t3", "nationalNumber", false],
    ]);
    expect(result.matching.every((m) => m.differences.length === 0)).toBe(true);
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["3"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t2"]);
    expect(result.invalid).toMatchObject([
      { ref: "5", issues: [{ field: "enterpriseNumber", code: "id.checksum" }] },
    ]);
    expect(result.duplicates).toEqual([]);
  });

  it("matches the first of two target clients with one number and leaves the second visible", () => {
    const existing = [
      { id: "t1", client: company("A", E1) },
      { id: "t2", client: company("A bis", E1) },
    ];
    const result = reconcile(
      [{ ref: "2", kind: "company", name: "A", enterpriseNumber: E1 }],
      existing,
    );
    expect(result.matching.map((m) => m.id)).toEqual(["t1"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t2"]);
  });

  it("handles empty inputs", () => {
    expect(reconcile([], [])).toEqual({
      onlyInImport: [],
      onlyInTarget: [],
      matching: [],
      invalid: [],
      duplicates: [],
    });
    const existing = [{ id: "t1", client: company("A", E1) }];
    // Only in the target, in brief: never the full record.
    expect(reconcile([], existing).onlyInTarget).toEqual([
      {
        id: "t1",
        kind: "company",
        name: "A",
        enterpriseNumber: E1,
        nationalNumber: null,
        code: null,
        adminpulseId: null,
      },
    ]);
  });
});

describe("reconcile — differences", () => {
  it("lists changed fields, the address per part, and ignores the order of links", () => {
    const director = {
      role: "director" as const,
      relationIdentifier: "APR1",
      name: null,
      startDate: "2020-01-01",
      endDate: null,
      shares: null,
      votingRights: null,
      comment: null,
    };
    const shareholder = {
      ...director,
      role: "shareholder" as const,
      relationIdentifier: "APR2",
      shares: 100,
    };
    const target = company("Bakkerij Peeters", E1, {
      email: "info@peeters.be",
      address: address("9000"),
      links: [director, shareholder],
    });
    const sheet = company("Bakkerij Peeters", E1, {
      email: "boekhouding@peeters.be",
      address: address("9000", "Veldstraat"),
      links: [shareholder, director],
      language: "nl",
    });
    const [m] = reconcile([toImportRow(sheet, "2")], [{ id: "t1", client: target }], {
      today,
    }).matching;
    expect(m?.differences).toEqual([
      { field: "language", imported: "nl", existing: null, origin: "unknown" },
      {
        field: "email",
        imported: "boekhouding@peeters.be",
        existing: "info@peeters.be",
        origin: "unknown",
      },
      {
        field: "address.street",
        imported: "Veldstraat",
        existing: "Kerkstraat",
        origin: "unknown",
      },
    ]);
  });

  it("reports a changed link set", () => {
    const link = {
      role: "director" as const,
      relationIdentifier: "APR1",
      name: null,
      startDate: null,
      endDate: null,
      shares: null,
      votingRights: null,
      comment: null,
    };
    const target = company("A", E1, { links: [link] });
    const sheet = company("A", E1, { links: [{ ...link, endDate: "2024-12-31" }] });
    const [m] = reconcile([toImportRow(sheet, "2")], [{ id: "t1", client: target }], {
      today,
    }).matching;
    expect(m?.differences.map((d) => d.field)).toEqual(["links"]);
  });

  it("compares only the columns the import carries; an empty cell does count", () => {
    const target = company("A", E1, { email: "a@a.be", phone: "09 1", address: address("9000") });
    const rows: ImportRow[] = [
      { ref: "2", kind: "company", name: "A", enterpriseNumber: E1 },
      { ref: "3", kind: "company", name: "A", enterpriseNumber: E2, email: "" },
    ];
    const result = reconcile(rows, [
      { id: "t1", client: target },
      { id: "t2", client: company("A", E2, { email: "a@a.be" }) },
    ]);
    expect(result.matching.map((m) => m.differences)).toEqual([
      [],
      [{ field: "email", imported: null, existing: "a@a.be", origin: "unknown" }],
    ]);
  });
});

describe("reconcile — probable matches on name and postcode", () => {
  it("matches a person without national number on folded name + postcode, marked probable", () => {
    const existing = [
      { id: "t1", client: person("Jean-Pierre Dupont-Lefèvre", N1, { address: address("1000") }) },
    ];
    const rows: ImportRow[] = [
      {
        ref: "2",
        kind: "person",
        name: "DUPONT LEFEVRE jean pierre",
        address: { postalCode: "1000" },
      },
    ];
    const result = reconcile(rows, existing, { today });
    expect(result.matching).toMatchObject([
      { ref: "2", id: "t1", matchedOn: "nameAndPostcode", probable: true },
    ]);
  });

  it("drops legal-form words and punctuation from company names", () => {
    expect(normalizeName("Bakkerij Peeters B.V.")).toBe(normalizeName("bakkerij  PEETERS"));
    expect(normalizeName("Les Amis de l'École ASBL")).toBe(normalizeName("les amis de lécole"));
    expect(normalizeName("Garage Janssens NV")).toBe(normalizeName("Garage Janssens BVBA"));
    expect(normalizeName("Garage Janssens")).not.toBe(normalizeName("Garage Jansens"));
    expect(normalizeName("BV")).toBe("bv");
  });

  it("matches a target client without enterprise number to a row that has one", () => {
    const existing = [
      {
        id: "t1",
        client: {
          ...company("Garage Janssens NV", E1),
          enterpriseNumber: null,
          address: address("2000"),
        },
      },
    ];
    const result = reconcile(
      [
        {
          ref: "2",
          kind: "company",
          name: "Garage Janssens",
          enterpriseNumber: E1,
          address: { postalCode: "2000" },
        },
      ],
      existing,
    );
    expect(result.matching).toMatchObject([{ id: "t1", probable: true }]);
    expect(result.matching[0]?.differences.map((d) => d.field)).toEqual([
      "name",
      "enterpriseNumber",
    ]);
  });

  it("never matches on name when the postcode differs, or when the numbers contradict", () => {
    const existing = [
      { id: "t1", client: person("Jan Peeters", null, { address: address("9000") }) },
      { id: "t2", client: company("Garage Janssens", E2, { address: address("2000") }) },
    ];
    const rows: ImportRow[] = [
      { ref: "2", kind: "person", name: "Jan Peeters", address: { postalCode: "9050" } },
      {
        ref: "3",
        kind: "company",
        name: "Garage Janssens",
        enterpriseNumber: E1,
        address: { postalCode: "2000" },
      },
    ];
    const result = reconcile(rows, existing, { today });
    expect(result.matching).toEqual([]);
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["2", "3"]);
  });

  it("does not pick one of several target clients with the same name and postcode", () => {
    const existing = [
      { id: "t1", client: person("Jan Peeters", N1, { address: address("9000") }) },
      { id: "t2", client: person("Jan Peeters", N2, { address: address("9000") }) },
    ];
    const result = reconcile(
      [{ ref: "2", kind: "person", name: "Jan Peeters", address: { postalCode: "9000" } }],
      existing,
      {
        today,
      },
    );
    expect(result.matching).toEqual([]);
    expect(result.onlyInImport[0]?.warnings.map((w) => w.code)).toContain("row.ambiguous_match");
    expect(
      result.onlyInImport[0]?.warnings.find((w) => w.code === "row.ambiguous_match")?.suggestions,
    ).toEqual(["t1", "t2"]);
  });
});

describe("reconcile — duplicates", () => {
  it("reports two rows for one enterprise number as duplicates, both invalid, none merged", () => {
    const rows: ImportRow[] = [
      { ref: "2", kind: "company", name: "A", enterpriseNumber: "0403.019.261" },
      { ref: "3", kind: "company", name: "B", enterpriseNumber: "BE0403019261" },
      { ref: "4", kind: "company", name: "C", enterpriseNumber: E2 },
    ];
    const result = reconcile(rows, [{ id: "t1", client: company("A", E1) }]);
    expect(result.duplicates).toEqual([{ key: `enterpriseNumber:${E1}`, refs: ["2", "3"] }]);
    expect(
      result.invalid.map((r) => [r.ref, r.issues[0]?.code, r.issues[0]?.params?.others]),
    ).toEqual([
      ["2", "row.duplicate", "3"],
      ["3", "row.duplicate", "2"],
    ]);
    expect(result.matching).toEqual([]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t1"]);
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["4"]);
  });

  it("counts an invalid row that names the same client (a bad e-mail next to a good number)", () => {
    const rows: ImportRow[] = [
      { ref: "2", kind: "company", name: "A", enterpriseNumber: E1 },
      { ref: "3", kind: "company", name: "A", enterpriseNumber: E1, email: "not-an-email" },
    ];
    const result = reconcile(rows, []);
    expect(result.duplicates).toEqual([{ key: `enterpriseNumber:${E1}`, refs: ["2", "3"] }]);
    const codesOf3 = result.invalid.find((r) => r.ref === "3")?.issues.map((i) => i.code);
    expect(codesOf3?.[0]).toBe("row.duplicate");
    expect(codesOf3?.some((c) => c.startsWith("id.email"))).toBe(true);
  });

  it("finds duplicates among persons by national number and among rows without one by name + postcode", () => {
    const rows: ImportRow[] = [
      { ref: "2", kind: "person", name: "Jan", nationalNumber: N1 },
      {
        ref: "3",
        kind: "person",
        name: "Jan P.",
        nationalNumber: `${N1.slice(0, 6)} ${N1.slice(6)}`,
      },
      { ref: "4", kind: "person", name: "Els Peeters", address: { postalCode: "9000" } },
      { ref: "5", kind: "person", name: "peeters els", address: { postalCode: "9000" } },
      { ref: "6", kind: "person", name: "Els Peeters", address: { postalCode: "9050" } },
    ];
    const result = reconcile(rows, [], { today });
    expect(result.duplicates.map((d) => d.refs)).toEqual([
      ["2", "3"],
      ["4", "5"],
    ]);
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["6"]);
  });

  it("finds duplicates of a target client's national number, with an invalid row among them", () => {
    const existing = [{ id: "t1", client: person("Jan Peeters", N1) }];
    const rows: ImportRow[] = [
      { ref: "2", kind: "person", name: "Jan Peeters", nationalNumber: N1 },
      { ref: "3", kind: "person", name: "", nationalNumber: N1 },
      { ref: "4", kind: "person", name: "Els Peeters", nationalNumber: N2 },
    ];
    const result = reconcile(rows, existing, { today });
    expect(result.duplicates).toEqual([{ key: `nationalNumber:${N1}`, refs: ["2", "3"] }]);
    expect(result.invalid.map((r) => [r.ref, r.issues.map((i) => i.code)])).toEqual([
      ["2", ["row.duplicate"]],
      ["3", ["row.duplicate", "row.required"]],
    ]);
    expect(result.matching).toEqual([]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t1"]);
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["4"]);
  });

  it("a row by enterprise number and a row by national number of one sole proprietor are duplicates", () => {
    const owner: Client = {
      ...emptyClient("soleProprietor", "Jan Peeters"),
      enterpriseNumber: E1,
      nationalNumber: N1,
    };
    const rows: ImportRow[] = [
      { ref: "2", kind: "company", name: "Jan Peeters", enterpriseNumber: E1 },
      { ref: "3", kind: "person", name: "Jan Peeters", nationalNumber: N1 },
    ];
    const result = reconcile(rows, [{ id: "t1", client: owner }], { today });
    // Two different keys, one target client: reported on the client, not on either number.
    expect(result.duplicates).toEqual([{ key: "existing:t1", refs: ["2", "3"] }]);
    expect(result.invalid.map((r) => r.ref)).toEqual(["2", "3"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t1"]);
  });

  it("two rows that both probably match one target client are duplicates too", () => {
    const existing = [
      { id: "t1", client: person("Jan Peeters", null, { address: address("9000") }) },
    ];
    const rows: ImportRow[] = [
      {
        ref: "2",
        kind: "person",
        name: "Jan Peeters",
        nationalNumber: N1,
        address: { postalCode: "9000" },
      },
      {
        ref: "3",
        kind: "person",
        name: "Peeters Jan",
        nationalNumber: N2,
        address: { postalCode: "9000" },
      },
    ];
    const result = reconcile(rows, existing, { today });
    expect(result.duplicates).toEqual([{ key: "existing:t1", refs: ["2", "3"] }]);
    expect(result.invalid.map((r) => r.ref)).toEqual(["2", "3"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["t1"]);
  });
});

describe("reconcile — properties", () => {
  const scenario = fc
    .record({
      clients: fc.uniqueArray(clientArb, {
        maxLength: 25,
        selector: (c) => c.enterpriseNumber ?? c.nationalNumber ?? c.name,
      }),
      // For each generated client: 0 only in target, 1 only in import, 2 both, 3 both with a change, 4 broken row.
      fate: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 25, maxLength: 25 }),
      duplicateOf: fc.array(fc.nat(24), { maxLength: 3 }),
    })
    .map(({ clients, fate, duplicateOf }) => {
      const rows: ImportRow[] = [];
      const existing: ExistingClient[] = [];
      clients.forEach((c, i) => {
        const f = fate[i] ?? 0;
        if (f !== 1 && f !== 4) existing.push({ id: `t${i}`, client: c });
        if (f === 1 || f === 2) rows.push(toImportRow(c, `r${i}`));
        if (f === 3) rows.push({ ...toImportRow(c, `r${i}`), phone: "+32 9 999 99 99" });
        if (f === 4) rows.push({ ...toImportRow(c, `r${i}`), name: "" });
      });
      for (const [k, j] of duplicateOf.entries()) {
        const c = clients[j];
        if (c) rows.push(toImportRow(c, `d${k}`));
      }
      return { rows, existing };
    });

  it("puts every row in exactly one of onlyInImport / matching / invalid, every target client in at most one", () => {
    fc.assert(
      fc.property(scenario, ({ rows, existing }) => {
        const result = reconcile(rows, existing, { today });
        const refs = [
          ...result.onlyInImport.map((r) => r.ref),
          ...result.matching.map((r) => r.ref),
          ...result.invalid.map((r) => r.ref),
        ];
        expect(refs.sort()).toEqual(rows.map((r) => r.ref).sort());
        // Invalid rows that name their client by id claim it too.
        const ids = [
          ...result.matching.map((m) => m.id),
          ...result.invalid.flatMap((r) => (r.id ? [r.id] : [])),
          ...result.onlyInTarget.map((e) => e.id),
        ];
        expect([...new Set(ids)].sort()).toEqual(existing.map((e) => e.id).sort());
        expect(
          result.onlyInTarget.filter((e) => ids.indexOf(e.id) !== ids.lastIndexOf(e.id)),
        ).toEqual([]);
        for (const d of result.duplicates) {
          for (const ref of d.refs)
            expect(result.invalid.find((r) => r.ref === ref)?.issues[0]?.code).toBe(
              "row.duplicate",
            );
        }
        for (const m of result.matching)
          expect(m.differences.some((d) => d.field === "phone")).toBe(
            m.client.phone !== m.existing.phone,
          );
      }),
      { numRuns: 200 },
    );
  });

  it("reconciling a target with its own rows finds every client, unchanged", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(clientArb, {
          maxLength: 30,
          selector: (c) => c.enterpriseNumber ?? c.nationalNumber ?? c.name,
        }),
        (clients) => {
          const existing = clients.map((client, i) => ({ id: `t${i}`, client }));
          const rows = [...clients].reverse().map((c, i) => toImportRow(c, `r${i}`));
          const result = reconcile(rows, existing, { today });
          // Persons without AdminPulse id, national number and postcode cannot be matched.
          const matchable = clients.filter(
            (c) =>
              c.sourceIds.adminpulseId ||
              c.kind !== "person" ||
              c.nationalNumber ||
              c.address?.postalCode,
          );
          expect(result.matching.length + result.invalid.length).toBe(matchable.length);
          for (const m of result.matching) expect(m.differences).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
