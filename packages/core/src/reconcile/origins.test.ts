/**
 * Three-way origins: for every combination of pulled (base), sheet and source values of a field,
 * the difference says who changed it (issue 14, defect 2).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { reconcile } from "./reconcile.js";
import { clientArb, emptyClient, enterpriseNumber } from "./testing.js";
import type { DifferenceOrigin } from "./types.js";

const today = new Date("2026-06-01T00:00:00Z");
const E1 = enterpriseNumber(4_030_192);

function expectedOrigin(base: unknown, sheet: unknown, source: unknown): DifferenceOrigin | null {
  if (JSON.stringify(sheet) === JSON.stringify(source)) return null; // no difference at all
  const bySheet = JSON.stringify(sheet) !== JSON.stringify(base);
  const bySource = JSON.stringify(source) !== JSON.stringify(base);
  return bySheet && bySource ? "both" : bySheet ? "sheet" : "source";
}

type Edit = (c: Client, v: string | null) => Client;
const fields: Record<string, { get: (c: Client) => unknown; set: Edit }> = {
  email: { get: (c) => c.email, set: (c, v) => ({ ...c, email: v && `${v}@x.be` }) },
  phone: {
    get: (c) => c.phone,
    set: (c, v) => ({ ...c, phone: v && `+3292${v.length}00000` }),
  },
  legalForm: { get: (c) => c.legalForm, set: (c, v) => ({ ...c, legalForm: v }) },
  // A typed name, so no first/last name to derive it from (issue 15 derives a person's name).
  name: {
    get: (c) => c.name,
    set: (c, v) => ({ ...c, name: v ?? "Zed", firstName: null, lastName: null }),
  },
};
const values = fc.constantFrom<string | null>(null, "a", "bb", "ccc");

function scenario(
  base: Client,
  field: string,
  b: string | null,
  sh: string | null,
  so: string | null,
) {
  const f = fields[field] as (typeof fields)[string];
  const pulled = f.set(base, b);
  const sheet = f.set(pulled, sh);
  const source = f.set(pulled, so);
  const row = { ...toImportRow(sheet, "2"), version: "7" };
  return { pulled, sheet, source, row, f };
}

describe("reconcile — three-way origins", () => {
  it("property: origin is right for every base/sheet/source combination of a field", () => {
    fc.assert(
      fc.property(
        clientArb,
        fc.constantFrom(...Object.keys(fields)),
        values,
        values,
        values,
        (client, field, b, sh, so) => {
          const base = { ...client, sourceIds: { ...client.sourceIds, adminpulseId: "ap-1" } };
          const { pulled, sheet, source, row, f } = scenario(base, field, b, sh, so);
          const result = reconcile([row], [{ id: "c1", client: source, version: 9 }], {
            today,
            baseOf: (id, version) => (id === "c1" && version === 7 ? pulled : undefined),
          });
          const m = result.matching[0];
          expect(m?.id).toBe("c1");
          const d = m?.differences.find((x) => x.field === field);
          const want = expectedOrigin(f.get(pulled), f.get(sheet), f.get(source));
          expect(d?.origin ?? null).toBe(want);
          // The other fields are the same on all three sides: no other difference.
          expect(m?.differences.filter((x) => x.field !== field)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: two fields changed independently, each gets its own origin", () => {
    fc.assert(
      fc.property(
        clientArb,
        values,
        values,
        values,
        values,
        (client, sheetEmail, sourcePhone, b1, b2) => {
          const pulled: Client = {
            ...client,
            sourceIds: { ...client.sourceIds, adminpulseId: "ap-1" },
            email: b1 && `${b1}@x.be`,
            phone: b2 && `+3292${b2.length}00000`,
          };
          const sheet = { ...pulled, email: sheetEmail && `${sheetEmail}@x.be` };
          const source = { ...pulled, phone: sourcePhone && `+3292${sourcePhone.length}00000` };
          const row = { ...toImportRow(sheet, "2"), version: "3" };
          const [m] = reconcile([row], [{ id: "c1", client: source, version: 4 }], {
            today,
            baseOf: () => pulled,
          }).matching;
          const origins = Object.fromEntries(
            (m?.differences ?? []).map((d) => [d.field, d.origin]),
          );
          expect(origins.email).toBe(sheet.email !== pulled.email ? "sheet" : undefined);
          expect(origins.phone).toBe(source.phone !== pulled.phone ? "source" : undefined);
        },
      ),
      { numRuns: 200 },
    );
  });

  const pulled: Client = {
    ...emptyClient("company", "Acme"),
    enterpriseNumber: E1,
    email: "old@acme.be",
    sourceIds: { adminpulseId: "ap-1", uniqueIdentifier: null, code: null },
  };
  const row = (version?: string) => ({
    ...toImportRow({ ...pulled, email: "new@acme.be" }, "2"),
    ...(version === undefined ? {} : { version }),
  });
  const origin = (r: ReturnType<typeof row>, current: number, baseOf?: () => Client | undefined) =>
    reconcile([r], [{ id: "c1", client: pulled, version: current }], {
      today,
      baseOf,
    }).matching[0]?.differences.map((d) => d.origin);

  it("a row pulled at the current version: every difference is the user's edit", () => {
    expect(origin(row("5"), 5)).toEqual(["sheet"]);
  });

  it("no version, an empty one, a pruned one or one from the future: unknown", () => {
    expect(origin(row(), 5)).toEqual(["unknown"]);
    expect(origin(row(""), 5)).toEqual(["unknown"]);
    expect(origin(row("3"), 5, () => undefined)).toEqual(["unknown"]);
    expect(origin(row("3"), 5)).toEqual(["unknown"]);
    expect(origin(row("9"), 5, () => pulled)).toEqual(["unknown"]);
  });

  it("a pulled 'B-9000' the user did not touch is no difference, whichever version", () => {
    const withPrefix: Client = {
      ...pulled,
      address: {
        street: "Veldstraat",
        number: "1",
        box: null,
        postalCode: "B-9000",
        city: "Gent",
        country: null,
      },
    };
    const sheetRow = { ...toImportRow(withPrefix, "2"), version: "3" };
    const moved = { ...withPrefix, email: "news@acme.be" };
    const [m] = reconcile([sheetRow], [{ id: "c1", client: moved, version: 5 }], {
      today,
      baseOf: () => withPrefix,
    }).matching;
    expect(m?.differences.map((d) => [d.field, d.origin])).toEqual([["email", "source"]]);
  });

  it("reports the row's and the target's versions on the match", () => {
    const [m] = reconcile([row("3")], [{ id: "c1", client: pulled, version: 5 }], {
      today,
    }).matching;
    expect([m?.version, m?.currentVersion]).toEqual([3, 5]);
  });
});
