import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Client, clientSchema, comparableFields } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { applyReconcile, staleOverwrites } from "./apply.js";
import { reconcile } from "./reconcile.js";
import { clientArb, emptyClient, enterpriseNumber } from "./testing.js";
import { appliedReconcileSchema, type ReconcileChoices } from "./types.js";

const E1 = enterpriseNumber(4_030_192);
const E2 = enterpriseNumber(5_000_000);
const E3 = enterpriseNumber(12_345_678);
const none: ReconcileChoices = { overwrite: {}, add: [] };

const target: Client = {
  ...emptyClient("company", "Bakkerij Peeters"),
  enterpriseNumber: E1,
  email: "info@peeters.be",
  phone: "09 111 11 11",
  address: {
    street: "Kerkstraat",
    number: "1",
    box: null,
    postalCode: "9000",
    city: "Gent",
    country: "BE",
  },
  sourceIds: { adminpulseId: "guid-1", uniqueIdentifier: "APR00001", code: "PEE" },
  responsibleUser: { id: "u1", name: "An" },
};
const sheet: Client = {
  ...target,
  sourceIds: { adminpulseId: null, uniqueIdentifier: null, code: null },
  email: "boekhouding@peeters.be",
  phone: "09 222 22 22",
  address: {
    street: "Veldstraat",
    number: "1",
    box: null,
    postalCode: "9000",
    city: "Gent",
    country: "BE",
  },
  responsibleUser: { id: null, name: "An" },
};
const preview = reconcile(
  [
    toImportRow(sheet, "2"),
    toImportRow({ ...emptyClient("company", "Nieuw"), enterpriseNumber: E2 }, "3"),
  ],
  [
    { id: "t1", client: target },
    { id: "t9", client: { ...emptyClient("company", "Weg"), enterpriseNumber: E3 } },
  ],
);

describe("applyReconcile", () => {
  it("changes nothing without choices", () => {
    expect(applyReconcile(preview, none)).toEqual({ creates: [], updates: [] });
  });

  it("overwrites only the chosen fields, keeping the target's ids and other values", () => {
    const applied = applyReconcile(preview, {
      overwrite: { t1: ["email", "address.street"] },
      add: [],
    });
    expect(() => appliedReconcileSchema.parse(applied)).not.toThrow();
    expect(applied.creates).toEqual([]);
    expect(applied.updates).toEqual([
      {
        id: "t1",
        ref: "2",
        fields: ["email", "address.street"],
        client: {
          ...target,
          email: "boekhouding@peeters.be",
          address: { ...target.address, street: "Veldstraat" },
        },
      },
    ]);
  });

  it("adds a new client only when its ref was chosen", () => {
    const applied = applyReconcile(preview, { overwrite: {}, add: ["3"] });
    expect(applied.creates).toMatchObject([
      { ref: "3", client: { name: "Nieuw", enterpriseNumber: E2 } },
    ]);
  });

  it("ignores unknown ids, refs, refs of matching rows, and fields that did not differ", () => {
    const overwrite: ReconcileChoices["overwrite"] = {
      nope: ["email"],
      t9: ["name"],
      t1: ["name", "responsibleUser"],
    };
    // An id that is also an Object.prototype name must not reach a prototype property.
    overwrite["constructor" as string] = ["email"];
    const applied = applyReconcile(preview, { overwrite, add: ["999", "2", "t1"] });
    expect(applied).toEqual({ creates: [], updates: [] });
  });

  it("an id named like an Object.prototype property gets no inherited choice", () => {
    const result = reconcile([toImportRow(sheet, "2")], [{ id: "constructor", client: target }]);
    expect(result.matching[0]?.differences.length).toBeGreaterThan(0);
    expect(applyReconcile(result, none)).toEqual({ creates: [], updates: [] });
    const overwrite: ReconcileChoices["overwrite"] = Object.fromEntries([
      ["constructor", ["email"]],
    ]);
    expect(applyReconcile(result, { overwrite, add: [] }).updates).toHaveLength(1);
  });

  it("never mutates the reconcile result it reads", () => {
    const before = structuredClone(preview);
    const applied = applyReconcile(preview, {
      overwrite: { t1: ["email", "phone", "address.street"] },
      add: ["3"],
    });
    expect(preview).toEqual(before);
    applied.creates[0]?.client.links.push({
      role: "other",
      relationIdentifier: "x",
      name: null,
      startDate: null,
      endDate: null,
      shares: null,
      votingRights: null,
      comment: null,
    });
    expect(preview).toEqual(before);
  });

  it("hands out the result's own created clients only when asked (shareCreates)", () => {
    const choices = { overwrite: {}, add: ["3"] };
    const entry = preview.onlyInImport.find((o) => o.ref === "3");
    expect(entry).toBeDefined();
    const copied = applyReconcile(preview, choices);
    const shared = applyReconcile(preview, choices, { shareCreates: true });
    expect(copied.creates[0]?.client).not.toBe(entry?.client);
    expect(shared.creates[0]?.client).toBe(entry?.client);
    expect(shared).toEqual(copied);
  });

  it("clearing the last part of an address leaves no address", () => {
    const t: Client = {
      ...emptyClient("company", "A"),
      enterpriseNumber: E1,
      address: { ...emptyAddress(), city: "Gent" },
    };
    const result = reconcile(
      [{ ref: "2", kind: "company", name: "A", enterpriseNumber: E1, address: { city: "" } }],
      [{ id: "t1", client: t }],
    );
    const [update] = applyReconcile(result, {
      overwrite: { t1: ["address.city"] },
      add: [],
    }).updates;
    expect(update?.client.address).toBeNull();
  });
});

function emptyAddress(): NonNullable<Client["address"]> {
  return { street: null, number: null, box: null, postalCode: null, city: null, country: null };
}

describe("applyReconcile — properties", () => {
  const pair = fc.tuple(clientArb, clientArb).map(([a, b]) => {
    // Same client (same identifiers and kind), other details.
    const imported: Client = {
      ...b,
      kind: a.kind,
      enterpriseNumber: a.enterpriseNumber,
      nationalNumber: a.nationalNumber,
      vatNumber: a.vatNumber,
    };
    return { existing: a, imported };
  });

  it("with empty choices writes nothing, whatever the preview", () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => {
        const result = reconcile(
          pairs.map((p, i) => toImportRow(p.imported, `r${i}`)),
          pairs.map((p, i) => ({ id: `t${i}`, client: p.existing })),
        );
        expect(applyReconcile(result, none)).toEqual({ creates: [], updates: [] });
      }),
    );
  });

  it("overwriting every differing field makes a second reconcile find no differences", () => {
    fc.assert(
      fc.property(pair, ({ existing, imported }) => {
        const rows = [toImportRow(imported, "r")];
        const first = reconcile(rows, [{ id: "t", client: existing }]);
        fc.pre(first.matching.length === 1);
        const applied = applyReconcile(first, { overwrite: { t: [...comparableFields] }, add: [] });
        const updated = applied.updates[0]?.client ?? existing;
        expect(() => clientSchema.parse(updated)).not.toThrow();
        expect(updated.sourceIds).toEqual(existing.sourceIds);
        const second = reconcile(rows, [{ id: "t", client: updated }]);
        expect(second.matching[0]?.differences).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("staleOverwrites", () => {
  it("names the chosen fields the source changed since the pull, not conflicts or edits", () => {
    const pulled = {
      ...emptyClient("company", "Acme"),
      enterpriseNumber: enterpriseNumber(4_030_192),
      email: "a@acme.be",
      phone: "+32 9 100 00 00",
      legalForm: "BV",
      sourceIds: { adminpulseId: "ap-1", uniqueIdentifier: null, code: null },
    };
    // Source changed email and legal form; the sheet changed phone and legal form.
    const source = { ...pulled, email: "b@acme.be", legalForm: "NV" };
    const sheet = { ...pulled, phone: "+32 9 200 00 00", legalForm: "CommV" };
    const result = reconcile(
      [{ ...toImportRow(sheet, "4"), version: "1" }],
      [{ id: "c1", client: source, version: 2 }],
      { baseOf: () => pulled },
    );
    const choices: ReconcileChoices = {
      overwrite: { c1: ["email", "phone", "legalForm"] },
      add: [],
    };
    expect(staleOverwrites(result, choices)).toEqual([{ ref: "4", id: "c1", field: "email" }]);
  });
});
