import { describe, expect, it } from "vitest";
import { columns } from "../sheet/columns.js";
import { foldHeader, guessMapping, headersFor, isPulsebridgeTable } from "./guess.js";

describe("column mapping guesses", () => {
  it("maps a Dutch export", () => {
    const m = guessMapping([
      "Klantnaam",
      "Ondernemingsnummer",
      "BTW-nummer",
      "Rijksregisternummer",
      "E-mail",
      "Postcode",
      "Gemeente",
      "Zaakvoerders",
      "Opmerking",
    ]);
    expect(m).toEqual({
      name: "Klantnaam",
      enterpriseNumber: "Ondernemingsnummer",
      vatNumber: "BTW-nummer",
      nationalNumber: "Rijksregisternummer",
      email: "E-mail",
      postalCode: "Postcode",
      city: "Gemeente",
      directors: "Zaakvoerders",
    });
  });

  it("maps a French export", () => {
    const m = guessMapping([
      "Dénomination",
      "N° d'entreprise",
      "N° TVA",
      "NISS",
      "Adresse e-mail",
      "Rue",
      "Code postal",
      "Localité",
      "Langue",
      "Gérants",
      "Actionnaires",
    ]);
    expect(m).toMatchObject({
      name: "Dénomination",
      enterpriseNumber: "N° d'entreprise",
      vatNumber: "N° TVA",
      nationalNumber: "NISS",
      email: "Adresse e-mail",
      street: "Rue",
      postalCode: "Code postal",
      city: "Localité",
      language: "Langue",
      directors: "Gérants",
      shareholders: "Actionnaires",
    });
  });

  it("maps an English export and leaves unknown columns unmapped", () => {
    const m = guessMapping([
      "Company name",
      "Enterprise number",
      "VAT number",
      "Email",
      "Zip code",
      "City",
      "Country",
      "Account manager",
      "Revenue",
    ]);
    expect(m).toEqual({
      name: "Company name",
      enterpriseNumber: "Enterprise number",
      vatNumber: "VAT number",
      email: "Email",
      postalCode: "Zip code",
      city: "City",
      country: "Country",
      responsibleUser: "Account manager",
    });
  });

  it("never maps one header twice and prefers exact names", () => {
    const m = guessMapping(["Naam", "Naam contactpersoon", "KBO-nummer", "Ondernemingsnummer"]);
    expect(m.name).toBe("Naam");
    expect(m.enterpriseNumber).toBe("Ondernemingsnummer");
    const used = Object.values(m);
    expect(new Set(used).size).toBe(used.length);
  });

  it("recognises our own headers in any language", () => {
    for (const lang of ["nl", "fr", "en"] as const) {
      const headers = columns.map((c) => c.labels[lang]);
      expect(isPulsebridgeTable(headers)).toBe(true);
      expect(headersFor(headers, "en").headers).toEqual(headers);
    }
    expect(isPulsebridgeTable(["Naam", "Ondernemingsnummer"])).toBe(false);
  });

  it("forgives typos in long headers, never in short words", () => {
    const m = guessMapping([
      "Klantnaam",
      "Ondernemingsnumer",
      "Rijksregsiternummer",
      "E-mailadress",
      "Postcdoe",
      "Gemeetne",
      "Fax nummer",
    ]);
    expect(m).toEqual({
      name: "Klantnaam",
      enterpriseNumber: "Ondernemingsnumer",
      nationalNumber: "Rijksregsiternummer",
      email: "E-mailadress",
      postalCode: "Postcdoe",
      city: "Gemeetne",
    });
    // An exact spelling still wins over a typo of another field's.
    expect(guessMapping(["Postcode", "Postcdoe"]).postalCode).toBe("Postcode");
  });

  it("folds accents and punctuation", () => {
    expect(foldHeader(" N° d'Entreprise ")).toBe("n d entreprise");
    expect(foldHeader("E-mailadres")).toBe("e mailadres");
  });
});
