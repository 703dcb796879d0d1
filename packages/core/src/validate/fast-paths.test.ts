/**
 * validateRow's shortcuts for the contact fields (remembered e-mail domains and postcode ↔ town
 * answers, the phone read as one integer, the clean Belgian IBAN with its BIC from the bank code,
 * the shared answer for a row without account) must give what the plain checks give. Random rows
 * draw from small pools, as a sheet repeats its domains and places, so remembered answers are hit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkId } from "../identifiers/check-id.js";
import { suggestEmail, suggestEmailPlain } from "../identifiers/email-typo.js";
import { checkPhoneGeneral } from "../identifiers/phone.js";
import { checkPlace, checkPlacePlain } from "../identifiers/postcode-places.js";
import type { ImportRow } from "../model/client.js";
import {
  cellTables,
  commonCountries,
  lookupPlain,
  readCountry,
  readKind,
  readLanguage,
  readRole,
} from "./cells.js";
import { text } from "./text.js";
import { validateRow } from "./validate-row.js";

const today = new Date("2026-06-01T00:00:00Z");
const pad = (n: number, w: number) => String(n).padStart(w, "0");

const postcodes = ["9000", "2000", "1000", "1050", "4000", "3000", "9999", "1234", "8500"];
const towns = ["Gent", "GENT", "gand", "Antwerpen", "Brussel", "Bruxelles", "Elsene", "Liège"];
const townArb = fc
  .tuple(fc.constantFrom(...towns), fc.constantFrom("", " ", "-", "x"))
  .map(([t, extra]) => (extra === "x" ? `${t}x` : t + extra).trim());
const domainArb = fc.constantFrom(
  "gmail.com",
  "GMAIL.COM",
  "gmial.com",
  "Gmial.Com",
  "telenet.be",
  "telenet.b",
  "skynet.bee",
  "hotmial.com",
  "example.org",
  "proximus.eb",
);
const emailArb = fc
  .tuple(fc.constantFrom("jan", "Marie.Peeters", "a+b"), domainArb)
  .map(([local, domain]) => `${local}@${domain}`);

/** A Belgian IBAN for a bank code and account, in groups of four or compact; sometimes mistyped. */
const ibanArb = fc
  .record({
    bank: fc.constantFrom("001", "068", "363", "737", "979", "083", "999"),
    account: fc.nat(9_999_999),
    grouped: fc.boolean(),
    typo: fc.option(fc.nat(15), { freq: 4 }),
    // "be…" as typed: a mistyped Belgian IBAN skips ibantools by its prefix, in any case.
    lower: fc.boolean(),
  })
  .map(({ bank, account, grouped, typo, lower }) => {
    const first10 = `${bank}${pad(account, 7)}`;
    const bban = `${first10}${pad(Number(first10) % 97 || 97, 2)}`;
    const kk = 98 - Number(BigInt(`${bban}111400`) % 97n);
    let s = `BE${pad(kk, 2)}${bban}`;
    if (typo !== null) {
      const at = 2 + (typo % 14);
      s = s.slice(0, at) + String((Number(s[at]) + 1) % 10) + s.slice(at + 1);
    }
    if (lower) s = `be${s.slice(2)}`;
    return grouped ? `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8, 12)} ${s.slice(12)}` : s;
  });
const phoneArb = fc
  .tuple(
    fc.constantFrom("09 2", "0475 ", "+32 480 ", "02/5", "04", "+31 6 ", "0032 9 "),
    fc.nat(9_999_999),
  )
  .map(([prefix, n]) => {
    const d = pad(n, 7);
    return `${prefix}${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
  });

const rowArb = fc.record({
  email: fc.option(emailArb, { nil: undefined }),
  postcode: fc.constantFrom(...postcodes),
  city: fc.option(townArb, { nil: undefined }),
  phone: fc.option(phoneArb, { nil: undefined }),
  iban: fc.option(ibanArb, { nil: undefined }),
});

type RowInput = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function sheetRow(r: RowInput): ImportRow {
  return {
    ref: "r",
    kind: "vennootschap",
    name: "Acme",
    enterpriseNumber: "0403.019.261",
    email: r.email,
    phone: r.phone,
    iban: r.iban,
    address: { postalCode: r.postcode, city: r.city },
  };
}

describe("validateRow's contact shortcuts give the plain checks' answers", () => {
  it("on random rows: e-mail typo, postcode ↔ town, phone and IBAN as the plain checks say", () => {
    fc.assert(
      fc.property(rowArb, (r) => {
        const result = validateRow(sheetRow(r), { today });
        const issues = result.ok ? result.warnings : result.issues;
        const of = (field: string) => issues.filter((i) => i.field === field);

        const fix = r.email ? suggestEmailPlain(r.email) : null;
        expect(of("email").map((i) => i.suggestions)).toEqual(fix ? [[fix]] : []);

        const place = r.city ? checkPlacePlain(r.postcode, r.city) : { fits: true as const };
        // The postcode's own warnings (above the range) are the identifier check's, not the place's.
        const placeIssues = issues.filter((i) => i.code.startsWith("row.postcode_"));
        if (place.fits) expect(placeIssues).toEqual([]);
        else if (place.unknownPostcode)
          expect(placeIssues.map((i) => i.code)).toEqual(["row.postcode_unknown"]);
        else {
          expect(placeIssues.map((i) => i.code)).toEqual(["row.postcode_city_mismatch"]);
          expect(placeIssues[0]?.suggestions).toEqual(place.suggestions);
        }

        const phone = r.phone ? checkPhoneGeneral(r.phone) : null;
        expect(of("phone").map((i) => i.code)).toEqual(
          phone && !phone.valid ? [phone.error.code] : [],
        );
        if (result.ok) {
          expect(result.client.phone).toBe(
            phone ? (phone.valid ? phone.normalized : r.phone) : null,
          );
        }

        const iban = r.iban ? checkId("iban", r.iban) : null;
        const ibanErrors = of("iban").filter((i) => i.severity === "error");
        expect(ibanErrors.map((i) => i.code)).toEqual(iban && !iban.valid ? [iban.error.code] : []);
        if (result.ok) expect(result.client.iban).toBe(iban?.valid ? iban.normalized : null);
        if (!r.iban && result.ok) expect(result.client.bic).toBeNull();
      }),
      { numRuns: 400 },
    );
  }, 30_000);

  it("remembered answers equal fresh ones, asked again and again", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...postcodes), townArb, emailArb), { maxLength: 30 }),
        (pairs) => {
          for (const [postcode, town, email] of pairs) {
            expect(checkPlace(postcode, town)).toEqual(checkPlacePlain(postcode, town));
            expect(suggestEmail(email)).toBe(suggestEmailPlain(email));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the cell readers' remembered spellings give the plain lookup's answers", () => {
  // More spellings than the readers compare with === (8), so the Map behind them is used too.
  const words = [
    "Vennootschap",
    "vennootschap",
    "VENNOOTSCHAP",
    "Natuurlijk persoon",
    "Société",
    "societe",
    "eenmanszaak",
    "Nederlands",
    "Français",
    "francais",
    "NL",
    "fr-BE",
    "België",
    "Belgie",
    "BE",
    "Frankrijk",
    "Nederland",
    "Belgique",
    "Luxembourg",
    "Allemagne",
    "Pays-Bas",
    "bestuurder",
    "Aandeelhouder",
    "UBO",
    "robot",
    "",
    "x".repeat(300),
  ];
  const cellArb = fc
    .tuple(fc.constantFrom(...words), fc.constantFrom("", " ", "-", "é"))
    // Each cell its own string, as Office.js gives them: equal spellings are not the same object.
    .map(([w, extra]) => JSON.parse(JSON.stringify(w + extra)) as string);

  it("the common countries answered without the full table are the full table's answers", () => {
    const country = cellTables.country();
    for (const [folded, code] of commonCountries)
      expect([folded, country.get(folded)]).toEqual([folded, code]);
  });

  it("asked again and again, in any order", () => {
    const country = cellTables.country();
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 60 }), (cells) => {
        for (const cell of cells) {
          expect(readKind(cell)).toBe(lookupPlain(cell, cellTables.kind));
          expect(readLanguage(cell)).toBe(lookupPlain(cell, cellTables.language));
          expect(readRole(cell)).toBe(lookupPlain(cell, cellTables.role));
          expect(readCountry(cell)).toBe(lookupPlain(cell, country));
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe("the cell reader", () => {
  // Every character String.prototype.trim removes, and neighbours it keeps (NEL, "ë", "É", "€").
  const chars = [
    ..."\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
    ..."\u0085\u007f\u00a1ëÉ€a1",
  ];
  it("is the trimmed cell, or null when nothing is left, without trimming what needs none", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 5 }), (parts) => {
        const cell = parts.join("");
        expect(text(cell)).toBe(cell.trim() === "" ? null : cell.trim());
      }),
      { numRuns: 3000 },
    );
    expect(text(undefined)).toBeNull();
  });
});
