import {
  languages,
  registeredCodes,
  translate,
  type UiLanguage,
  uiLanguages,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { columns } from "../features/sheet/columns.js";
import { kindWords } from "../features/sheet/values.js";
import {
  issueMessage,
  markFor,
  problemText,
  type RowResult,
  statusText,
  translateIssue,
} from "../features/validate/validate.js";
import { languageNames, paneLanguages } from "./languages.js";
import { pickLanguage, t, uiMessages } from "./ui.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("messages in nl, fr and en", () => {
  const codes = [...new Set(registeredCodes())];

  it("core registers the validation codes the pane shows", () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toEqual(expect.arrayContaining(["id.checksum", "id.email_at", "row.required"]));
  });

  it.each(uiLanguages)(
    "every validation message appears in the status column in %s",
    (lang: UiLanguage) => {
      const sheet = {
        headers: [],
        mapping: { email: "E-mail" },
        rows: [],
        firstRow: 2,
        ref: { sheet: "S", table: "T" },
      };
      for (const code of codes) {
        const r: RowResult = {
          row: 0,
          ref: "2",
          importRow: { ref: "2" },
          client: null,
          issues: [
            {
              field: "email",
              column: "email",
              code,
              message: "en",
              severity: "error",
              suggestions: [],
              safeFix: null,
              params: {
                value: "X1",
                kind: "company",
                vat: "BE1",
                enterprise: "0403",
                read: "1",
                other: "2",
              },
            },
          ],
        };
        const text = statusText(r, lang);
        // A kind in a message reads as the sheet writes it ("vennootschap", "société").
        const message = translateIssue(code, lang, {
          ...r.issues[0]?.params,
          kind: kindWords.company[lang].toLowerCase(),
        });
        expect(message, `${code} has no ${lang} text`).not.toBe(code);
        expect(text).toBe(`✖ ${columns.find((c) => c.key === "email")?.labels[lang]}: ${message}`);
        expect(markFor(r, sheet, lang)).toMatchObject({
          level: "error",
          status: text,
          cells: [{ column: "E-mail", level: "error" }],
        });
      }
    },
  );

  it("writes a duplicate's key and a kind in words, never the API's codes", () => {
    const dup = (key: string, lang: UiLanguage) =>
      issueMessage({ code: "row.duplicate", params: { others: "74", key } }, lang);
    expect(dup("enterpriseNumber:0864144195", "nl")).toBe(
      "Deze rij beschrijft dezelfde klant als rij 74 (Ondernemingsnummer 0864.144.195); behoud er één.",
    );
    expect(dup("nationalNumber:85073003328", "fr")).toContain(
      "(Numéro de registre national 85.07.30-033.28)",
    );
    expect(dup("nameAndPostcode:peeters jan|9000", "en")).toContain(
      "(same name and postcode 9000)",
    );
    expect(
      issueMessage({ code: "row.field_not_for_kind", params: { kind: "soleProprietor" } }, "fr"),
    ).toBe(
      "Ce champ n'est normalement pas utilisé pour un client de type 'entreprise individuelle'.",
    );
    // The count per problem has no row's values and no unfilled placeholder.
    for (const lang of uiLanguages)
      for (const code of codes) expect(problemText(code, lang)).not.toMatch(/\{\w+\}/);
    // Languages are written by name in the sheet, so the hint names them that way.
    expect(issueMessage({ code: "row.language_unknown", params: { value: "Klingon" } }, "fr")).toBe(
      "'Klingon' n'est pas une langue connue ; écrivez Nederlands, Français, English ou Deutsch.",
    );
    expect(problemText("row.date_invalid", "nl")).toBe(
      "'…' is geen geldige datum; schrijf dd/mm/jjjj.",
    );
  });

  it("the three languages differ for most messages (nothing left untranslated)", () => {
    const same = codes.filter(
      (c) => translate(c, "nl") === translate(c, "fr") || translate(c, "fr") === translate(c, "en"),
    );
    expect(same).toEqual([]);
  });

  it("every pane text exists in each language with the same placeholders", () => {
    for (const [key, byLang] of Object.entries(uiMessages)) {
      for (const lang of uiLanguages)
        expect(byLang[lang].length, `${key}.${lang}`).toBeGreaterThan(0);
      expect(placeholders(byLang.fr), key).toEqual(placeholders(byLang.nl));
      expect(placeholders(byLang.en), key).toEqual(placeholders(byLang.nl));
    }
    expect(t("fr", "data.pulled", { pulled: 3, updated: 1, added: 2, kept: 0 })).toBe(
      "3 clients récupérés : 1 mis à jour, 2 ajoutés, 0 autres lignes conservées.",
    );
  });

  it("column headers exist in every language and are unique per language", () => {
    for (const lang of uiLanguages) {
      const labels = columns.map((c) => c.labels[lang]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("the first view's copy of the languages is core's (i18n/languages.ts)", () => {
    expect(paneLanguages).toEqual(uiLanguages);
    expect(Object.keys(languageNames).sort()).toEqual([...languages].sort());
  });

  it("follows Office's display language", () => {
    expect(pickLanguage("fr-BE")).toBe("fr");
    expect(pickLanguage("en-US")).toBe("en");
    expect(pickLanguage("nl-BE")).toBe("nl");
    expect(pickLanguage("de-DE")).toBe("nl");
  });
});
