import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translate, uiLanguages } from "../i18n/index.js";
import { type Client, clientSchema, type ImportRow } from "../model/client.js";
import { clientArb, emptyClient, enterpriseNumber, nationalNumber } from "../reconcile/testing.js";
import { readDate, readDateGeneral, readNumber } from "./cells.js";
import { rowMessages } from "./messages.js";
import type { RowIssue } from "./types.js";
import { toImportRow, validateRow } from "./validate-row.js";

const today = new Date("2026-06-01T00:00:00Z");

function valid(row: Omit<ImportRow, "ref">): { client: Client; warnings: RowIssue[] } {
  const result = validateRow({ ref: "r1", ...row }, { today });
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.issues)}`);
  return result;
}

function invalid(row: Omit<ImportRow, "ref">): RowIssue[] {
  const result = validateRow({ ref: "r1", ...row }, { today });
  if (result.ok) throw new Error(`expected invalid, got ${JSON.stringify(result.client)}`);
  return result.issues;
}

const P = { kind: "person", name: "X", nationalNumber: "85073003328" };

const codes = (issues: RowIssue[]) => issues.map((i) => `${i.field}:${i.code}`);

describe("validateRow — a full row", () => {
  it("turns a Dutch-language sheet row into a canonical company", () => {
    const { client, warnings } = valid({
      kind: "Vennootschap",
      name: "  Bakkerij Peeters BV ",
      enterpriseNumber: "BE 0403.019.261",
      vatNumber: "BE0403019261",
      legalForm: "BV",
      language: "Nederlands",
      email: "info@Bakkerij-Peeters.BE",
      phone: "09 223 45 67",
      address: {
        street: "Kerkstraat",
        number: "12",
        box: "",
        postalCode: "9000",
        city: "Gent",
        country: "België",
      },
      generalMeetingDate: "14/05/2024",
      responsibleUser: "An Janssens",
      links: [
        { role: "zaakvoerder", name: "Jan Peeters", startDate: "01-01-2020", shares: "60" },
        { role: "Aandeelhouder", relationIdentifier: "APR00002", shares: "1.234,5" },
      ],
    });
    expect(warnings).toEqual([]);
    expect(() => clientSchema.parse(client)).not.toThrow();
    expect(client).toMatchObject({
      kind: "company",
      name: "Bakkerij Peeters BV",
      enterpriseNumber: "0403019261",
      vatNumber: "BE0403019261",
      language: "nl",
      email: "info@bakkerij-peeters.be",
      address: {
        street: "Kerkstraat",
        number: "12",
        box: null,
        postalCode: "9000",
        city: "Gent",
        country: "BE",
      },
      generalMeetingDate: "2024-05-14",
      responsibleUser: { id: null, name: "An Janssens" },
    });
    expect(client.links).toEqual([
      {
        role: "director",
        relationIdentifier: null,
        name: "Jan Peeters",
        startDate: "2020-01-01",
        endDate: null,
        shares: 60,
        votingRights: null,
        comment: null,
      },
      {
        role: "shareholder",
        relationIdentifier: "APR00002",
        name: null,
        startDate: null,
        endDate: null,
        shares: 1234.5,
        votingRights: null,
        comment: null,
      },
    ]);
  });

  it("reports every problem of a bad row at once, each with its field", () => {
    const issues = invalid({
      kind: "boekhouder",
      name: "",
      enterpriseNumber: "0403.019.262",
      email: "jan@",
      language: "Klingon",
      address: { postalCode: "0999", country: "Belgique" },
      generalMeetingDate: "31/02/2024",
      links: [{ role: "koning", startDate: "morgen" }],
    });
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        "kind:row.kind_unknown",
        "name:row.required",
        "enterpriseNumber:id.checksum",
        "language:row.language_unknown",
        "generalMeetingDate:row.date_invalid",
        "links.0.role:row.role_unknown",
        "links.0.relationIdentifier:row.link_target_missing",
        "links.0.startDate:row.date_invalid",
      ]),
    );
    expect(issues.find((i) => i.field === "email")?.severity).toBe("error");
    expect(issues.find((i) => i.field === "address.postalCode")?.severity).toBe("error");
    for (const issue of issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.message).not.toBe(issue.code);
    }
  });
});

describe("validateRow — kind", () => {
  it.each([
    ["company", "company"],
    ["vennootschap", "company"],
    ["Société", "company"],
    ["SOCIETE", "company"],
    ["personne morale", "company"],
    ["eenmanszaak", "soleProprietor"],
    ["soleProprietor", "soleProprietor"],
    ["Sole proprietor", "soleProprietor"],
    ["entreprise individuelle", "soleProprietor"],
    ["personne physique", "person"],
    ["Natuurlijk persoon", "person"],
    ["person", "person"],
    ["particulier", "person"],
  ])("reads %j as %s", (word, kind) => {
    const row =
      kind === "person"
        ? { kind: word, name: "Jan Peeters", nationalNumber: "85.07.30-033.28" }
        : { kind: word, name: "X", enterpriseNumber: "0403019261" };
    expect(valid(row).client.kind).toBe(kind);
  });

  it("derives an empty kind from the numbers, with a warning", () => {
    const company = valid({ name: "X", enterpriseNumber: "0403019261" });
    expect(company.client.kind).toBe("company");
    expect(codes(company.warnings)).toEqual(["kind:row.kind_inferred"]);
    expect(valid({ name: "Jan", nationalNumber: "85073003328" }).client.kind).toBe("person");
    expect(
      valid({ name: "Jan", nationalNumber: "85073003328", enterpriseNumber: "0403019261" }).client
        .kind,
    ).toBe("soleProprietor");
    expect(codes(invalid({ name: "Jan" }))).toEqual(["kind:row.required"]);
  });

  it("rejects an unknown kind and offers the three kinds", () => {
    const [issue] = invalid({ kind: "hond", name: "X", enterpriseNumber: "0403019261" });
    expect(issue).toMatchObject({
      field: "kind",
      code: "row.kind_unknown",
      suggestions: ["company", "soleProprietor", "person"],
    });
    expect(issue?.message).toContain("hond");
  });
});

describe("validateRow — required fields per kind", () => {
  it("a company or sole proprietor needs a name and an enterprise number", () => {
    expect(codes(invalid({ kind: "company", name: "X" }))).toEqual([
      "enterpriseNumber:row.required",
    ]);
    expect(codes(invalid({ kind: "soleProprietor", enterpriseNumber: "0403019261" }))).toEqual([
      "name:row.required",
    ]);
    expect(
      valid({ kind: "soleProprietor", name: "Jan", enterpriseNumber: "0403019261" }).warnings,
    ).toEqual([]);
  });

  it("a person without national number is valid but gets the recommendation", () => {
    const { client, warnings } = valid({ kind: "person", name: "Jan Peeters" });
    expect(client.nationalNumber).toBeNull();
    expect(warnings).toMatchObject([
      { field: "nationalNumber", code: "row.nrn_recommended", severity: "warning" },
    ]);
  });

  it("warns about a number that does not belong to the kind", () => {
    expect(
      codes(
        valid({
          kind: "company",
          name: "X",
          enterpriseNumber: "0403019261",
          nationalNumber: "85073003328",
        }).warnings,
      ),
    ).toEqual(["nationalNumber:row.field_not_for_kind"]);
    expect(
      codes(
        valid({ ...P, enterpriseNumber: "0403019261", nationalNumber: "85073003328" }).warnings,
      ),
    ).toEqual(["enterpriseNumber:row.field_not_for_kind"]);
  });
});

describe("validateRow — identifiers", () => {
  it("maps a checkId error to the field, with checksum suggestions but no safe fix", () => {
    const [issue] = invalid({ kind: "company", name: "X", enterpriseNumber: "0403.019.262" });
    expect(issue).toMatchObject({
      field: "enterpriseNumber",
      code: "id.checksum",
      severity: "error",
      safeFix: null,
    });
    expect(issue?.suggestions.length).toBeGreaterThan(0);
  });

  it("says an establishment unit number is one", () => {
    expect(
      codes(invalid({ kind: "company", name: "X", enterpriseNumber: "2.297.964.444" })),
    ).toEqual(["enterpriseNumber:id.establishment_unit"]);
  });

  it("restores the leading zero of a 9-digit enterprise number as a safe fix", () => {
    const { client, warnings } = valid({
      kind: "company",
      name: "X",
      enterpriseNumber: "403019261",
    });
    expect(client.enterpriseNumber).toBe("0403019261");
    expect(warnings).toMatchObject([
      {
        field: "enterpriseNumber",
        code: "id.padded_leading_zero",
        severity: "warning",
        safeFix: "0403.019.261",
      },
    ]);
  });

  it("restores the leading zero a numeric cell took from a national number", () => {
    const nrn = nationalNumber(1905, 3, 15, 2); // 05031500262
    const { client, warnings } = valid({ ...P, nationalNumber: nrn.slice(1) });
    expect(client.nationalNumber).toBe(nrn);
    expect(warnings).toMatchObject([
      { field: "nationalNumber", code: "id.padded_leading_zero", safeFix: "05.03.15-002.62" },
    ]);
  });

  it("accepts a BIS number as national number (INSZ)", () => {
    expect(valid({ ...P, nationalNumber: "98.47.28-997.65" }).client.nationalNumber).toBe(
      "98472899765",
    );
  });

  it("takes the enterprise number from the VAT column when it is missing", () => {
    const { client, warnings } = valid({
      kind: "company",
      name: "X",
      vatNumber: "BE 0403 019 261",
    });
    expect(client.enterpriseNumber).toBe("0403019261");
    expect(client.vatNumber).toBe("BE0403019261");
    expect(warnings).toMatchObject([
      { field: "enterpriseNumber", code: "row.enterprise_from_vat", safeFix: "0403.019.261" },
    ]);
  });

  it("accepts VAT as digits and refuses one that disagrees with the enterprise number", () => {
    expect(
      valid({ kind: "company", name: "X", enterpriseNumber: "0403019261", vatNumber: "0403019261" })
        .client.vatNumber,
    ).toBe("BE0403019261");
    const other = enterpriseNumber(4_000_000);
    const [issue] = invalid({
      kind: "company",
      name: "X",
      enterpriseNumber: "0403019261",
      vatNumber: `BE${other}`,
    });
    expect(issue).toMatchObject({
      field: "vatNumber",
      code: "row.vat_mismatch",
      params: { vat: `BE${other}`, enterprise: "0403019261" },
    });
  });

  it("refuses a future birth date relative to the given today", () => {
    const nrn2026 = "26070100125"; // 2026-07-01 with the 2000+ check
    const base = 2_000_000_000 + Number(nrn2026.slice(0, 9));
    const withCheck = `${nrn2026.slice(0, 9)}${String(97 - (base % 97)).padStart(2, "0")}`;
    const issues = invalid({ ...P, nationalNumber: withCheck });
    expect(issues[0]?.field).toBe("nationalNumber");
    expect(
      validateRow(
        { ref: "r", kind: "person", name: "X", nationalNumber: withCheck },
        { today: new Date("2027-01-01") },
      ).ok,
    ).toBe(true);
  });
});

describe("validateRow — language, country, postcode, dates", () => {
  it.each([
    ["NL", "nl"],
    ["Nederlands", "nl"],
    ["N", "nl"],
    ["français", "fr"],
    ["Frans", "fr"],
    ["F", "fr"],
    ["English", "en"],
    ["anglais", "en"],
    ["Duits", "de"],
  ])("reads language %j as %s", (word, lang) => {
    expect(valid({ ...P, language: word }).client.language).toBe(lang);
  });

  it.each([
    ["BE", "BE"],
    ["be", "BE"],
    ["België", "BE"],
    ["Belgie", "BE"],
    ["Belgique", "BE"],
    ["Belgium", "BE"],
    ["Nederland", "NL"],
    ["Pays-Bas", "NL"],
    ["Frankrijk", "FR"],
    ["Luxemburg", "LU"],
    ["Deutschland", "DE"],
    ["UK", "GB"],
  ])("reads country %j as %s", (word, code) => {
    expect(valid({ ...P, address: { country: word } }).client.address?.country).toBe(code);
  });

  it("refuses an unknown country", () => {
    expect(codes(invalid({ ...P, address: { country: "Atlantis" } }))).toEqual([
      "address.country:row.country_unknown",
    ]);
  });

  it("checks postcodes as Belgian only when the country is Belgium or empty", () => {
    expect(codes(invalid({ ...P, address: { postalCode: "0999" } }))[0]).toMatch(
      /^address\.postalCode:id\./,
    );
    expect(codes(invalid({ ...P, address: { postalCode: "12345", country: "BE" } }))[0]).toMatch(
      /^address\.postalCode:id\./,
    );
    expect(
      valid({ ...P, address: { postalCode: "1012 AB", country: "NL" } }).client.address?.postalCode,
    ).toBe("1012 AB");
    expect(valid({ ...P, address: { postalCode: " 2000 " } }).client.address?.postalCode).toBe(
      "2000",
    );
  });

  it.each([
    ["14/05/2024", "2024-05-14"],
    ["4/5/2024", "2024-05-04"],
    ["14-05-2024", "2024-05-14"],
    ["14.05.2024", "2024-05-14"],
    ["2024-05-14", "2024-05-14"],
    ["2024-05-14T00:00:00", "2024-05-14"],
    ["14/05/2024 00:00", "2024-05-14"],
    ["45426", "2024-05-14"],
    ["29/02/2024", "2024-02-29"],
  ])("reads date %j as %s", (cell, iso) => {
    expect(valid({ ...P, generalMeetingDate: cell }).client.generalMeetingDate).toBe(iso);
  });

  it.each(["31/02/2024", "29/02/2023", "2024", "14/05/24", "05/14/2024", "mei 2024", "1234567"])(
    "refuses date %j",
    (cell) => {
      expect(codes(invalid({ ...P, generalMeetingDate: cell }))).toEqual([
        "generalMeetingDate:row.date_invalid",
      ]);
    },
  );
});

describe("readDate", () => {
  it("reads every accepted spelling of every date back to the same ISO date", () => {
    const pad = (n: number) => String(n).padStart(2, "0");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1930-01-01T00:00:00Z"),
          max: new Date("2170-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const serial = String(
            Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000),
          );
          for (const cell of [
            iso,
            `${pad(d)}/${pad(m)}/${y}`,
            `${d}-${m}-${y}`,
            `${pad(d)}.${pad(m)}.${y}`,
            `${iso}T00:00:00Z`,
            serial,
          ]) {
            expect(readDate(cell), cell).toBe(iso);
          }
        },
      ),
    );
  });
});

describe("readDate's shortcut for dd/mm/yyyy", () => {
  it("property: the general reading's answer for any ten characters of digits and separators", () => {
    const cell = fc.oneof(
      fc
        .array(fc.constantFrom("0", "1", "2", "3", "9", "/", "-", ".", " ", "x"), {
          minLength: 10,
          maxLength: 10,
        })
        .map((cs) => cs.join("")),
      fc
        .tuple(
          fc.nat(39),
          fc.nat(19),
          fc.integer({ min: 1700, max: 3100 }),
          fc.constantFrom("/", "-", "."),
        )
        .map(
          ([d, m, y, sep]) =>
            `${String(d).padStart(2, "0")}${sep}${String(m).padStart(2, "0")}${sep}${y}`,
        ),
    );
    fc.assert(
      fc.property(cell, (c) => {
        expect(readDate(c)).toBe(readDateGeneral(c));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("readNumber", () => {
  it("reads a number written with either decimal mark, with or without grouping", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 999_999 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const value = whole + cents / 100;
          const c = String(cents).padStart(2, "0");
          const grouped = (sep: string) =>
            `${Math.floor(whole / 1000)}${sep}${String(whole % 1000).padStart(3, "0")}`;
          for (const cell of [
            `${whole},${c}`,
            `${whole}.${c}`,
            `${grouped(".")},${c}`,
            `${grouped(",")}.${c}`,
            `${grouped(" ")},${c}`,
          ]) {
            expect(readNumber(cell), cell).toEqual({ ok: true, value, ambiguousWith: null });
          }
        },
      ),
    );
  });
});

describe("validateRow — links", () => {
  const link = (l: NonNullable<ImportRow["links"]>[number]) => valid({ ...P, links: [l] });

  it.each([
    ["bestuurder", "director"],
    ["Gérant", "director"],
    ["administrateur délégué", "director"],
    ["actionnaire", "shareholder"],
    ["Commissaris", "auditor"],
    ["UBO", "beneficiary"],
    ["bénéficiaire effectif", "beneficiary"],
    ["vaste vertegenwoordiger", "representative"],
    ["vatUnit", "vatUnit"],
  ])("reads role %j as %s", (word, role) => {
    expect(link({ role: word, name: "Y" }).client.links[0]?.role).toBe(role);
  });

  it.each([
    ["60", 60],
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1.234,56", 1234.56],
    ["1,234.56", 1234.56],
    ["1 000", 1000],
    ["1.000.000", 1_000_000],
  ])("reads shares %j as %d", (cell, n) => {
    expect(link({ role: "aandeelhouder", name: "Y", shares: cell }).client.links[0]?.shares).toBe(
      n,
    );
  });

  it("warns when one separator before three digits could be a thousands mark", () => {
    const { client, warnings } = link({ role: "aandeelhouder", name: "Y", shares: "1.500" });
    expect(client.links[0]?.shares).toBe(1.5);
    expect(warnings).toMatchObject([
      { field: "links.0.shares", code: "row.number_ambiguous", suggestions: ["1500"] },
    ]);
  });

  it("refuses bad numbers, bad order of dates and links without a relation", () => {
    const issues = invalid({
      ...P,
      links: [
        {},
        { role: "aandeelhouder", name: "Y", shares: "veel", votingRights: "-3" },
        {
          role: "bestuurder",
          relationIdentifier: "APR1",
          startDate: "01/01/2024",
          endDate: "31/12/2023",
        },
        { role: "bestuurder" },
      ],
    });
    expect(codes(issues)).toEqual([
      "links.1.shares:row.number_invalid",
      "links.1.votingRights:row.number_negative",
      "links.2.endDate:row.date_order",
      "links.3.relationIdentifier:row.link_target_missing",
    ]);
  });
});

describe("toImportRow", () => {
  it("writes identifiers in display form and dates as dd/mm/yyyy", () => {
    const client: Client = {
      ...emptyClient("soleProprietor", "Jan Peeters"),
      enterpriseNumber: "0403019261",
      nationalNumber: "85073003328",
      generalMeetingDate: "2024-05-14",
      links: [
        {
          role: "director",
          relationIdentifier: "APR1",
          name: null,
          startDate: "2020-01-02",
          endDate: null,
          shares: 12.5,
          votingRights: null,
          comment: null,
        },
      ],
    };
    const row = toImportRow(client, "7");
    expect(row).toMatchObject({
      ref: "7",
      kind: "soleProprietor",
      enterpriseNumber: "0403.019.261",
      nationalNumber: "85.07.30-033.28",
      generalMeetingDate: "14/05/2024",
      links: [{ role: "director", startDate: "02/01/2020", shares: "12.5", endDate: "" }],
    });
    expect(validateRow(row, { today })).toEqual({ ok: true, client, warnings: [] });
  });
});

describe("validateRow — properties", () => {
  it("round trip: validateRow(toImportRow(c)) gives back every generated valid client", () => {
    fc.assert(
      fc.property(clientArb, (client) => {
        expect(() => clientSchema.parse(client)).not.toThrow();
        const result = validateRow(toImportRow(client, "1"), { today });
        expect(result.ok && result.client).toEqual(client);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws, and a valid result always satisfies the client schema", () => {
    const cell = fc.option(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          "0403019261",
          "BE0403.019.261",
          "85073003328",
          "België",
          "14/05/2024",
          "nl",
          "company",
          "person",
          "1,5",
        ),
      ),
      { nil: undefined },
    );
    const rowArb = fc.record({
      ref: fc.constant("r"),
      kind: cell,
      name: cell,
      enterpriseNumber: cell,
      nationalNumber: cell,
      vatNumber: cell,
      language: cell,
      email: cell,
      generalMeetingDate: cell,
      address: fc.option(fc.record({ postalCode: cell, country: cell, city: cell }), {
        nil: undefined,
      }),
      links: fc.option(
        fc.array(fc.record({ role: cell, name: cell, shares: cell, startDate: cell }), {
          maxLength: 2,
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(rowArb, (row) => {
        const result = validateRow(row, { today });
        if (result.ok) expect(() => clientSchema.parse(result.client)).not.toThrow();
        else expect(result.issues.some((i) => i.severity === "error")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("messages", () => {
  it("every row code has a distinct, filled text in nl, fr and en", () => {
    for (const [code, texts] of Object.entries(rowMessages)) {
      for (const lang of uiLanguages) {
        expect(translate(code, lang), `${code} ${lang}`).toBe(texts[lang]);
        expect(texts[lang].trim().length, `${code} ${lang}`).toBeGreaterThan(5);
      }
      expect(new Set(uiLanguages.map((l) => texts[l])).size, code).toBe(3);
    }
  });

  it("every code validateRow raises is registered in all three languages", () => {
    const rows: ImportRow[] = [
      {
        ref: "a",
        kind: "x",
        enterpriseNumber: "0403019262",
        nationalNumber: "12",
        email: "@",
        vatNumber: "BE0403019261",
      },
      {
        ref: "b",
        name: "X",
        vatNumber: "BE0403019261",
        enterpriseNumber: "0202239951",
        language: "?",
        address: { country: "?", postalCode: "1" },
      },
      {
        ref: "c",
        kind: "person",
        name: "X",
        enterpriseNumber: "403019261",
        generalMeetingDate: "x",
        links: [
          {
            role: "x",
            shares: "-1",
            votingRights: "x",
            startDate: "02/01/2020",
            endDate: "01/01/2020",
          },
          { role: "lid", shares: "1.000", name: "Y" },
        ],
      },
      { ref: "d", kind: "company", nationalNumber: "85073003328" },
    ];
    const seen = new Set<string>();
    for (const row of rows) {
      const r = validateRow(row, { today });
      for (const issue of r.ok ? r.warnings : r.issues) seen.add(issue.code);
    }
    expect(seen.size).toBeGreaterThan(12);
    for (const code of seen)
      for (const lang of uiLanguages)
        expect(translate(code, lang), `${code} ${lang}`).not.toBe(code);
  });
});
