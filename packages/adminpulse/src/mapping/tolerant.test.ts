import { describe, expect, it } from "vitest";
import { mapRelation } from "./map-relation.js";
import { defaultMappingTable, resolveMappingTable } from "./table.js";

/**
 * Issue 12, finding 2: one relation with a wrong field type must not stall an office. Each field
 * is read on its own; what cannot be used becomes a problem that names the field and the JSON type
 * or code seen — never a personal value — and the rest is mapped.
 */

const base = { id: "7d0c6a5e-0000-4000-8000-000000000001", uniqueIdentifier: "APR00001" };
const personal = ["Peeters", "jan@telenet.be", "Kerkstraat", "85073003328", "0470"];

describe("tolerant per-field mapping", () => {
  it("maps the rest when fields have other types; problems name field and type only", () => {
    const r = mapRelation({
      ...base,
      name: "Peeters Bouw BV",
      relationType: "Company", // a string code instead of 0
      vatNumber: 403019261, // a number: read as text (the leading zero is restored and said)
      email: ["jan@telenet.be"], // an array: unusable
      address: "Kerkstraat 1, 9000 Gent", // a string instead of an object
      tos: { linkType: 4 }, // an object instead of an array
      phone: { number: "0470" },
      language: "NL",
      somethingNew: { nested: true }, // unknown fields are kept on the raw relation
    });
    expect(r.client).toMatchObject({
      kind: "company",
      name: "Peeters Bouw BV",
      enterpriseNumber: "0403019261",
      language: "nl",
      email: null,
      address: null,
      phone: null,
      links: [],
    });
    expect([...r.problems].sort(byField)).toEqual(
      [
        { code: "type.unexpected", field: "address", seen: "string, expected object" },
        { code: "type.unexpected", field: "email", seen: "array, expected string" },
        { code: "type.unexpected", field: "phone", seen: "object, expected string" },
        { code: "type.unexpected", field: "tos", seen: "object, expected array" },
        { code: "type.coerced", field: "vatNumber", seen: "number, read as text" },
        {
          code: "enterpriseNumber.leadingZero",
          field: "vatNumber",
          seen: "9 digits; leading zero restored",
        },
      ].sort(byField),
    );
    const text = JSON.stringify(r.problems);
    for (const p of personal) expect(text).not.toContain(p);
    expect((r.raw as Record<string, unknown>).somethingNew).toEqual({ nested: true });
  });

  it("unknown codes are problems that show the code; personal fields never show their value", () => {
    const r = mapRelation({
      ...base,
      name: "Jan Peeters",
      relationType: 7,
      language: "nederlands",
      nationalRegisterNumber: "85073003329",
      email: "jan@@telenet.be",
      tos: [{ linkType: 99, uniqueIdentifier: "APR00002" }, "APR00003"],
    });
    expect(r.client?.kind).toBe("person");
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { code: "kind.unknown", field: "relationType", seen: 'code "7"' },
        { code: "language.unknown", field: "language", seen: 'code "nederlands"' },
        {
          code: "nationalNumber.invalid",
          field: "nationalRegisterNumber",
          seen: "not a valid national register or BIS number",
        },
        { code: "email.invalid", field: "email", seen: "not an e-mail address" },
        { code: "link.unknownType", field: "tos.0.linkType", seen: 'code "99"' },
        { code: "type.unexpected", field: "tos.1", seen: "string, expected object" },
      ]),
    );
    expect(r.client?.links).toEqual([expect.objectContaining({ role: "other" })]);
    expect(JSON.stringify(r.problems)).not.toMatch(/8507300332|jan@|Peeters/);
  });

  it("a relation without a usable id cannot be stored, and says so; a non-object too", () => {
    expect(mapRelation({ name: "X" })).toMatchObject({
      client: null,
      adminpulseId: null,
      problems: [{ code: "id.missing", field: "id", seen: "no usable id" }],
    });
    expect(mapRelation(42)).toMatchObject({
      client: null,
      problems: [{ code: "relation.notObject", seen: "number, expected object" }],
    });
    // A number where the GUID should be is not the relation's key: storing it would invent a
    // client (and delete it on the next scan); the record is skipped and counted instead.
    expect(mapRelation({ id: 12345, name: "Y", relationType: 0 })).toMatchObject({
      client: null,
      adminpulseId: null,
      problems: [{ code: "id.missing", field: "id", seen: "number, expected a text id" }],
    });
  });
});

describe("the mapping table as data", () => {
  it("an override renames fields and adds codes without a code change", () => {
    const resolved = resolveMappingTable(
      JSON.stringify({
        fields: { enterpriseNumber: ["kboNumber"], kind: ["type"], links: ["links"] },
        link: { type: ["kind"], relation: ["relationCode"] },
        codes: { kind: { Vennootschap: "company" }, linkRole: { Bestuurder: "director" } },
      }),
    );
    if (!resolved.ok) throw new Error(resolved.issues.join("; "));
    const r = mapRelation(
      {
        ...base,
        name: "Peeters Bouw BV",
        type: "Vennootschap",
        kboNumber: "BE 0403.019.261",
        links: [{ kind: "Bestuurder", relationCode: "APR00009" }],
      },
      { table: resolved.table },
    );
    expect(r.problems).toEqual([]);
    expect(r.client).toMatchObject({
      kind: "company",
      enterpriseNumber: "0403019261",
      links: [expect.objectContaining({ role: "director", relationIdentifier: "APR00009" })],
    });
    // The defaults stay for what the override does not name.
    expect(resolved.table.fields.email).toEqual(defaultMappingTable.fields.email);
    expect(resolved.table.codes.kind["0"]).toBe("company");
  });

  it("a bad override is refused with the offending path, never half-applied", () => {
    expect(resolveMappingTable("{")).toEqual({ ok: false, issues: ["not valid JSON"] });
    const bad = resolveMappingTable(
      JSON.stringify({ fields: { email: [] }, codes: { kind: { x: "robot" } }, extra: 1 }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.join("\n")).toMatch(/fields\.email/);
      expect(bad.issues.join("\n")).toMatch(/codes\.kind\.x/);
    }
    expect(resolveMappingTable("")).toEqual({ ok: true, table: defaultMappingTable });
  });
});

function byField(a: { field: string; code: string }, b: { field: string; code: string }) {
  return a.field.localeCompare(b.field) || a.code.localeCompare(b.code);
}
