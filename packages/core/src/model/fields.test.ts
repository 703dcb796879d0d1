/**
 * The field table drives the model's schemas and lists; validateRow, toImportRow and differences
 * stay hand-written for speed. These tests fail when a field of the table is missing from any of
 * them, so a new field cannot be half-added.
 */
import { describe, expect, it } from "vitest";
import { differences } from "../reconcile/differences.js";
import { toImportRow, validateRow } from "../validate/validate-row.js";
import {
  type Client,
  clientSchema,
  comparableFields,
  type ImportRow,
  importRowSchema,
} from "./client.js";
import { type FieldCheck, fieldTable, setValueAt, valueAt } from "./fields.js";

const today = new Date("2026-06-01T00:00:00Z");

/** A raw cell for each kind of check, different from the base row's value. */
const samples: Record<FieldCheck, string> = {
  text: "Anders 7",
  kind: "soleProprietor",
  enterprise: "0202.239.951",
  vat: "BE0403019261",
  insz: "85.07.30-033.28",
  language: "fr",
  email: "jan@voorbeeld.be",
  phone: "09 223 45 67",
  iban: "BE68 5390 0754 7034",
  bic: "GKCCBEBB",
  postcode: "2000",
  country: "NL",
  date: "14/05/2024",
  user: "An Janssens",
  links: "",
  id: "APR00099",
};

const base = (): ImportRow => ({
  ref: "2",
  kind: "company",
  name: "Bakkerij Peeters BV",
  enterpriseNumber: "0403.019.261",
  address: { street: "Kerkstraat", postalCode: "9000", city: "Gent", country: "BE" },
});

function client(row: ImportRow): Client {
  const r = validateRow(row, { today });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.client;
}

function withField(path: string, check: FieldCheck): ImportRow {
  const row = base();
  if (check === "links") row.links = [{ role: "director", name: "Jan Peeters" }];
  else setValueAt(row, path, samples[check]);
  if (path === "address.city") row.address = { ...row.address, postalCode: "2000" };
  if (path === "address.postalCode") row.address = { ...row.address, city: "Antwerpen" };
  return row;
}

const isSet = (v: unknown) =>
  v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

describe("the field table", () => {
  it("gives every field a unique key and path, and labels in nl, fr and en", () => {
    expect(new Set(fieldTable.map((e) => e.key)).size).toBe(fieldTable.length);
    expect(new Set(fieldTable.map((e) => e.path)).size).toBe(fieldTable.length);
    for (const e of fieldTable) for (const l of Object.values(e.labels)) expect(l).not.toBe("");
  });

  it("is exactly the leaves of the client schema and of the import row schema", () => {
    const leaves = (shape: Record<string, unknown>, groups: string[]) =>
      Object.keys(shape).flatMap((k) => {
        if (!groups.includes(k)) return [k];
        let s = shape[k] as { unwrap?: () => unknown; shape?: Record<string, unknown> };
        while (!s.shape && s.unwrap) s = s.unwrap() as typeof s;
        return Object.keys(s.shape ?? {}).map((leaf) => `${k}.${leaf}`);
      });
    const paths = fieldTable.map((e) => e.path).sort();
    expect(leaves(clientSchema.shape, ["sourceIds", "address"]).sort()).toEqual(paths);
    expect(
      leaves(importRowSchema.shape, ["sourceIds", "address"])
        .filter((k) => !["ref", "id", "version"].includes(k))
        .sort(),
    ).toEqual(paths);
  });

  it("lists the comparable fields in table order", () => {
    expect(comparableFields).toEqual(fieldTable.filter((e) => e.comparable).map((e) => e.path));
  });

  describe.each(fieldTable.map((e) => [e.path, e] as const))("%s", (path, e) => {
    it("is read by validateRow and written back by toImportRow", () => {
      const c = client(withField(path, e.check));
      expect(isSet(valueAt(c, path))).toBe(true);
      const again = client(toImportRow(c, "2"));
      expect(valueAt(again, path)).toEqual(valueAt(c, path));
    });
  });

  it.each(fieldTable.filter((e) => e.comparable).map((e) => [e.path, e] as const))(
    "compares %s in differences",
    (path, e) => {
      const existing = client(base());
      const row = withField(path, e.check);
      const found = differences(row, client(row), existing).map((d) => d.field);
      expect(found).toContain(path);
    },
  );
});
