/**
 * One layout per tool offices export from, with the field each header should map to. The test
 * reports per tool how many of its fields map right, and fails unless all do.
 *
 * Where the headers come from: KBO open data from its published file specification (docs/kbo.md);
 * Exact Online as its Accounts API/import field names (camelCase); WinBooks as the field names of
 * its customer/supplier file (CSF, DBase UPPERCASE); the AdminPulse migration template and
 * Accounton's personal-tax client template as described in adminpulse-api.md (N6) and the
 * Accounton help articles (split names, national number). Octopus, BOB and Yuki layouts are the
 * Dutch/French list exports as offices send them, not checked against a published specification
 * (no internet here): treat them as representative, not authoritative.
 */
import { describe, expect, it } from "vitest";
import type { FieldKey, Mapping } from "../sheet/columns.js";
import { guessMapping, normalizeHeader, recallMapping, rememberMapping } from "./guess.js";

interface Layout {
  tool: string;
  /** header → field it should map to (null: must stay unmapped). */
  columns: [string, FieldKey | null][];
  samples?: string[][];
}

const layouts: Layout[] = [
  {
    tool: "WinBooks (CSF)",
    columns: [
      ["NUMBER", "code"],
      ["TYPE", "kind"],
      ["NAME1", "name"],
      ["NAME2", null],
      ["ADRESS1", "street"],
      ["COUNTRY", "country"],
      ["VATNUMBER", "vatNumber"],
      ["TELNUMBER", "phone"],
      ["FAXNUMBER", null],
      ["BNKACCNT", "iban"],
      ["ZIPCODE", "postalCode"],
      ["CITY", "city"],
      ["LANG", "language"],
      ["EMAIL", "email"],
    ],
  },
  {
    tool: "Octopus",
    columns: [
      ["Relatienummer", "code"],
      ["Naam", "name"],
      ["Straat", "street"],
      ["Nr", "number"],
      ["Bus", "box"],
      ["Postcode", "postalCode"],
      ["Gemeente", "city"],
      ["Land", "country"],
      ["BTW-nummer", "vatNumber"],
      ["Telefoon", "phone"],
      ["E-mail", "email"],
      ["Taal", "language"],
      ["IBAN", "iban"],
      ["BIC", "bic"],
    ],
  },
  {
    tool: "BOB 50",
    columns: [
      ["Référence", "code"],
      ["Nom", "name"],
      ["Adresse", "street"],
      ["Code postal", "postalCode"],
      ["Localité", "city"],
      ["Pays", "country"],
      ["N° TVA", "vatNumber"],
      ["Téléphone", "phone"],
      ["E-mail", "email"],
      ["Langue", "language"],
      ["Compte bancaire", "iban"],
      ["BIC", "bic"],
    ],
  },
  {
    tool: "Exact Online",
    columns: [
      ["Code", "code"],
      ["Name", "name"],
      ["AddressLine1", "street"],
      ["Postcode", "postalCode"],
      ["City", "city"],
      ["Country", "country"],
      ["VATNumber", "vatNumber"],
      ["ChamberOfCommerce", "enterpriseNumber"],
      ["Phone", "phone"],
      ["Email", "email"],
      ["Language", "language"],
      ["BankAccount", "iban"],
      ["BICCode", "bic"],
    ],
  },
  {
    tool: "Yuki",
    columns: [
      ["Contactcode", "code"],
      ["Naam", "name"],
      ["Adres", "street"],
      ["Postcode", "postalCode"],
      ["Plaats", "city"],
      ["Land", "country"],
      ["BTW-nummer", "vatNumber"],
      ["Ondernemingsnummer", "enterpriseNumber"],
      ["E-mailadres", "email"],
      ["Telefoonnummer", "phone"],
      ["IBAN", "iban"],
      ["BIC", "bic"],
      ["Taal", "language"],
    ],
  },
  {
    tool: "Accounton (personal tax)",
    columns: [
      ["Voornaam", "firstName"],
      ["Familienaam", "lastName"],
      ["Rijksregisternummer", "nationalNumber"],
      ["Straat", "street"],
      ["Huisnummer", "number"],
      ["Bus", "box"],
      ["Postcode", "postalCode"],
      ["Gemeente", "city"],
      ["E-mail", "email"],
      ["GSM", "phone"],
      ["Taal", "language"],
    ],
  },
  {
    tool: "AdminPulse template",
    columns: [
      ["Klantcode", "code"],
      ["Type", "kind"],
      ["Naam", "name"],
      ["Voornaam", "firstName"],
      ["Ondernemingsnummer", "enterpriseNumber"],
      ["BTW-nummer", "vatNumber"],
      ["Rijksregisternummer", "nationalNumber"],
      ["Rechtsvorm", "legalForm"],
      ["Taal", "language"],
      ["E-mail", "email"],
      ["E-mail facturatie", null],
      ["Telefoon", "phone"],
      ["Straat", "street"],
      ["Nummer", "number"],
      ["Bus", "box"],
      ["Postcode", "postalCode"],
      ["Gemeente", "city"],
      ["Land", "country"],
    ],
  },
  {
    tool: "KBO open data",
    columns: [
      ["EnterpriseNumber", "enterpriseNumber"],
      ["Denomination", "name"],
      ["JuridicalForm", "legalForm"],
      ["Zipcode", "postalCode"],
      ["MunicipalityNL", "city"],
      ["StreetNL", "street"],
      ["HouseNumber", "number"],
      ["Box", "box"],
    ],
  },
  {
    tool: "home-made nl (database style)",
    columns: [
      ["KLANT_NR", "code"],
      ["KLANT_NAAM", "name"],
      ["ONDERNEMINGSNR", "enterpriseNumber"],
      ["RRN", "nationalNumber"],
      ["E_MAIL", "email"],
      ["TEL_NR", "phone"],
      ["POSTCODE", "postalCode"],
      ["GEMEENTE", "city"],
      ["DOSSIERBEHEERDER", "responsibleUser"],
    ],
  },
  {
    tool: "home-made fr (numbered)",
    columns: [
      ["1. Nom", "name"],
      ["2. Prénom", "firstName"],
      ["3. N° de registre national", "nationalNumber"],
      ["4. Rue", "street"],
      ["5. Code postal", "postalCode"],
      ["6. Localité", "city"],
      ["7. Courriel", "email"],
      ["8. Gérant", "directors"],
    ],
  },
  {
    tool: "home-made en (values decide)",
    columns: [
      ["Client ID", "code"],
      ["Company", "name"],
      ["Number", "enterpriseNumber"],
      ["firstName", "firstName"],
      ["lastName", "lastName"],
      ["Contact", "email"],
      ["Ondernemingsnumer", null],
      ["Notes", null],
    ],
    samples: [
      ["C001", "Bakkerij Peeters", "0403.019.261", "Jan", "Peeters", "jan@peeters.be", "", "x"],
      ["C002", "Frituur Janssens", "BE 0202.239.951", "An", "Janssens", "an@telenet.be", "", ""],
      ["C003", "Garage Maes", "0477.472.701", "Luc", "Maes", "luc@gmail.com", "", "y"],
    ],
  },
];

function score(
  layout: Layout,
  mapping: Mapping,
): { right: number; total: number; wrong: string[] } {
  const byHeader = new Map(Object.entries(mapping).map(([k, h]) => [h, k]));
  const wrong: string[] = [];
  let right = 0;
  for (const [header, want] of layout.columns) {
    const got = byHeader.get(header) ?? null;
    if (got === want) right++;
    else wrong.push(`${header} → ${got ?? "—"} (want ${want ?? "—"})`);
  }
  return { right, total: layout.columns.length, wrong };
}

describe("column mapping per tool's layout", () => {
  const results = layouts.map((l) => {
    const mapping = guessMapping(
      l.columns.map(([h]) => h),
      l.samples ? { samples: l.samples } : {},
    );
    return { tool: l.tool, ...score(l, mapping) };
  });

  it("maps every field of every layout", () => {
    console.table(
      results.map((r) => ({
        tool: r.tool,
        right: `${r.right}/${r.total}`,
        wrong: r.wrong.join("; "),
      })),
    );
    for (const r of results) expect(r.wrong, r.tool).toEqual([]);
  });

  it("never maps 'Client ID' to the name", () => {
    expect(guessMapping(["Client ID", "Naam"]).name).toBe("Naam");
    expect(guessMapping(["Client ID"]).name).toBeUndefined();
  });

  it("splits camelCase, snake_case and UPPERCASE headers and strips numbering", () => {
    expect(normalizeHeader("EnterpriseNumber")).toBe("enterprise number");
    expect(normalizeHeader("VATNumber")).toBe("vat number");
    expect(normalizeHeader("KLANT_NAAM")).toBe("klant naam");
    expect(normalizeHeader("03 - E-mail")).toBe("e mail");
    expect(normalizeHeader("Telefoon (2)")).toBe("telefoon");
  });

  it("remembers the user's correction per layout", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const headers = ["Ref", "Omschrijving", "Nummer"];
    expect(recallMapping(storage, headers)).toBeNull();
    rememberMapping(storage, headers, { code: "Ref", name: "Omschrijving" });
    // The same layout spelled differently is recognised; a header the sheet lost is dropped.
    expect(recallMapping(storage, ["REF", "omschrijving", "nummer"])).toEqual({
      code: "REF",
      name: "omschrijving",
    });
    expect(recallMapping(storage, ["Ref", "Naam"])).toBeNull();
  });
});
