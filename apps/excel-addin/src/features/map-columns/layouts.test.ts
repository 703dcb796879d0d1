/**
 * One layout per tool offices export from, with the field each header should map to. The test
 * reports per tool how many of its fields map right, and fails unless all do.
 *
 * Where the headers come from (checked 2026-12-03; "verified" = the header names as the tool's
 * public documentation spells them, "not verified" = no public specification found, kept as a
 * representative layout and said so):
 * - Octopus, verified: the relation import template, login.octopus.be/manual/NL/import_relations.htm
 *   (tab "Export relaties": Actief, Id, Extern relatienummer, Naam, Voornaam, Contactpersoon,
 *   Straat en nummer, Postcode, Gemeente, Land, Vennootschapsvorm, BTW plichtigheid, BTW nummer,
 *   Bank rekening nummer, Is klant, Is leverancier). "Naam" is a company's name or a person's
 *   family name.
 * - Exact Online, verified: the property names of the REST resource crm/Accounts
 *   (start.exactonline.nl/docs/HlpRestAPIResourcesDetails.aspx?name=CRMAccounts), which its
 *   exports and API tools use. Bank accounts are a separate resource, not Account columns.
 * - Yuki, verified: the target fields of Yuki's contact import (support.yuki.nl, "Contacts import
 *   file: assign company field to contact person field", article 80000787301).
 * - Accounton, verified in part: the personal-tax client template (support.silverfin.com article
 *   101000551076 "Accounton: importing customers via an Excel file": person, Firstname, Lastname,
 *   Email, Mobile Number, Responsible, Address, language; national number of the partner in
 *   column O). Only the columns the article names are listed.
 * - AdminPulse, verified: the migration template (adminpulse.zendesk.com article 5434854697490
 *   "Datamigratie via Excel", tab Relaties: Status, Type, Naam, Voornaam, Klantcode, Nr.
 *   boekhouding, Rechtsvorm, Ondernemingsnummer, BTW-nummer, Rijksregisternummer,
 *   Oprichtingsdatum, Startdatum, Geboorteland, Nationaliteit, E-mail, E-mail factuur,
 *   Boekhoudsoftware, Dossiermedewerkers) plus the address/phone columns the stand-in exports.
 * - KBO open data, verified: enterprise.csv, denomination.csv and address.csv headers of the FPS
 *   Economy cookbook (docs/kbo.md, the shared KBO file-format notes).
 * - WinBooks, not verified: field names of its customer/supplier file CSF (DBase, UPPERCASE) as
 *   WinBooks' file-structure documentation names them; no public copy was found to cite.
 * - BOB 50, not verified: its French client list export as offices send it; no public
 *   specification was found.
 * - Home-made nl/fr/en: the spellings staff use (database style, numbered, camelCase).
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
    tool: "Octopus (relation import template)",
    columns: [
      ["Actief", null],
      ["Id", null],
      ["Extern relatienummer", "code"],
      ["Naam", "name"],
      ["Voornaam", "firstName"],
      ["Contactpersoon", null],
      ["Straat en nummer", "street"],
      ["Postcode", "postalCode"],
      ["Gemeente", "city"],
      ["Land", "country"],
      ["Vennootschapsvorm", "legalForm"],
      ["BTW plichtigheid", null],
      ["BTW nummer", "vatNumber"],
      ["Bank rekening nummer", "iban"],
      ["Is klant", null],
      ["Is leverancier", null],
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
    tool: "Exact Online (crm/Accounts)",
    columns: [
      ["ID", null],
      ["Code", "code"],
      ["Name", "name"],
      ["AddressLine1", "street"],
      ["AddressLine2", null],
      ["Postcode", "postalCode"],
      ["City", "city"],
      ["Country", "country"],
      ["VATNumber", "vatNumber"],
      ["ChamberOfCommerce", "enterpriseNumber"],
      ["Phone", "phone"],
      ["Email", "email"],
      ["Language", "language"],
      ["AccountManagerFullName", "responsibleUser"],
      ["Website", null],
    ],
  },
  {
    tool: "Yuki (contact import fields)",
    columns: [
      ["Contact code", "code"],
      ["Name", "name"],
      ["First name", "firstName"],
      ["Initials", null],
      ["Infix", null],
      ["Last name", "lastName"],
      ["Address 1", "street"],
      ["Address 2", null],
      ["Postal code", "postalCode"],
      ["City", "city"],
      ["Phone (private)", "phone"],
      ["Fax (private)", null],
      ["Email (work)", "email"],
      ["Website", null],
      ["VAT number", "vatNumber"],
      ["Chamber of Commerce number", "enterpriseNumber"],
      ["Bank account", "iban"],
      ["Notes", null],
    ],
  },
  {
    tool: "Accounton (personal-tax template)",
    columns: [
      ["person", "kind"],
      ["Firstname", "firstName"],
      ["Lastname", "lastName"],
      ["Email", "email"],
      ["Mobile Number", "phone"],
      ["Language", "language"],
      ["Responsible", "responsibleUser"],
      ["Address", "street"],
    ],
  },
  {
    tool: "AdminPulse (migration template)",
    columns: [
      ["Status", null],
      ["Type", "kind"],
      ["Naam", "name"],
      ["Voornaam", "firstName"],
      ["Klantcode", "code"],
      ["Nr. boekhouding", null],
      ["Rechtsvorm", "legalForm"],
      ["Ondernemingsnummer", "enterpriseNumber"],
      ["BTW-nummer", "vatNumber"],
      ["Rijksregisternummer", "nationalNumber"],
      ["Oprichtingsdatum", null],
      ["Startdatum", null],
      ["Geboorteland", null],
      ["Nationaliteit", null],
      ["Taal", "language"],
      ["E-mail", "email"],
      ["E-mail factuur", null],
      ["Telefoon", "phone"],
      ["Straat", "street"],
      ["Nummer", "number"],
      ["Bus", "box"],
      ["Postcode", "postalCode"],
      ["Gemeente", "city"],
      ["Land", "country"],
      ["Boekhoudsoftware", null],
      ["Dossiermedewerkers", "responsibleUser"],
    ],
  },
  {
    tool: "KBO open data (enterprise + denomination + address)",
    columns: [
      ["EnterpriseNumber", "enterpriseNumber"],
      ["Status", null],
      ["JuridicalSituation", null],
      // 1 / 2 (natural / legal person): codes the kind column does not read, so left unmapped.
      ["TypeOfEnterprise", null],
      ["JuridicalForm", "legalForm"],
      ["StartDate", null],
      ["Denomination", "name"],
      ["Zipcode", "postalCode"],
      ["MunicipalityNL", "city"],
      ["StreetNL", "street"],
      ["HouseNumber", "number"],
      ["Box", "box"],
      ["DateStrikingOff", null],
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
