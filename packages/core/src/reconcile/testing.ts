/**
 * Builders of valid identifiers and clients for tests and benchmarks (never imported by runtime
 * code). Check digits are computed with the mod-97 rules, independently of checkId.
 */
import fc from "fast-check";
import { type Client, languages, linkRoles } from "../model/client.js";
import { blankClient } from "./blank.js";

/** The enterprise number with 8-digit base `base` (0 ≤ base < 20,000,000): check = 97 − base mod 97. */
export function enterpriseNumber(base: number): string {
  return `${String(base).padStart(8, "0")}${String(97 - (base % 97)).padStart(2, "0")}`;
}

/** A national register number for someone born in the 1900s (the check without the 2-prefix). */
export function nationalNumber(year: number, month: number, day: number, serial: number): string {
  const base = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  return `${base}${String(97 - (Number(base) % 97)).padStart(2, "0")}`;
}

/** Bank codes used by the generators, with their BIC in the National Bank's list (data/banks-be.json). */
const bankBics: Record<string, string> = {
  "001": "GEBABEBB",
  "068": "GKCCBEBB",
  "363": "BBRUBEBB",
  "737": "KREDBEBB",
  "979": "ARSPBE22",
};

/** A Belgian IBAN: national check = first 10 digits mod 97 (0 → 97), then the ISO check digits. */
export function belgianIban(bank: string, account: number): string {
  const first10 = `${bank}${String(account).padStart(7, "0")}`;
  const bban = `${first10}${String(Number(first10) % 97 || 97).padStart(2, "0")}`;
  const kk = 98 - Number(BigInt(`${bban}111400`) % 97n);
  return `BE${String(kk).padStart(2, "0")}${bban}`;
}

/** A client with only kind and name (blank.ts): the start of most test clients. */
export const emptyClient = blankClient;

// Generated valid clients, in normalized form (what validateRow itself produces).
const word = fc.stringMatching(/^[A-Za-zÀÿéèçëï][A-Za-zéèçëï' -]{0,20}[a-z]$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const isoDateArb = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const enterpriseArb = fc.integer({ min: 1, max: 19_999_999 }).map(enterpriseNumber);
const nrnArb = fc
  .record({
    y: fc.integer({ min: 1920, max: 1999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    s: fc.integer({ min: 1, max: 997 }),
  })
  .map(({ y, m, d, s }) => nationalNumber(y, m, d, s));
const amountArb = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100),
);
const linkArb = fc
  .record({
    role: fc.constantFrom(...linkRoles),
    relationIdentifier: maybe(fc.stringMatching(/^APR\d{5}$/)),
    name: maybe(word),
    startDate: maybe(isoDateArb),
    endDate: maybe(isoDateArb),
    shares: maybe(amountArb),
    votingRights: maybe(amountArb),
    comment: maybe(word),
  })
  .filter(
    (l) =>
      (l.relationIdentifier !== null || l.name !== null) &&
      !(l.startDate && l.endDate && l.endDate < l.startDate),
  );
const addressArb = fc
  .record({
    street: maybe(word),
    number: maybe(fc.stringMatching(/^\d{1,3}[a-z]?$/)),
    box: maybe(fc.stringMatching(/^[0-9A-Z]{1,3}$/)),
    city: maybe(word),
    belgian: fc.boolean(),
    countryGiven: fc.boolean(),
    bePostcode: fc.integer({ min: 1000, max: 9992 }),
    foreign: fc.constantFrom("NL", "FR", "DE", "LU", "GB"),
    foreignPostcode: maybe(fc.stringMatching(/^[0-9]{4,5}( [A-Z]{2})?$/)),
  })
  .map(
    ({
      street,
      number,
      box,
      city,
      belgian,
      countryGiven,
      bePostcode,
      foreign,
      foreignPostcode,
    }) => ({
      street,
      number,
      box,
      city,
      postalCode: belgian ? String(bePostcode) : foreignPostcode,
      country: belgian ? (countryGiven ? "BE" : null) : foreign,
    }),
  );
export const clientArb: fc.Arbitrary<Client> = fc
  .record({
    kind: fc.constantFrom("company", "soleProprietor", "person") as fc.Arbitrary<Client["kind"]>,
    name: word,
    enterprise: enterpriseArb,
    vat: fc.boolean(),
    nrn: maybe(nrnArb),
    legalForm: maybe(fc.constantFrom("BV", "NV", "VZW", "SRL", "CommV")),
    language: maybe(fc.constantFrom(...languages)),
    email: maybe(
      fc
        .tuple(
          fc.stringMatching(/^[a-zA-Z0-9]{1,10}(\.[a-z0-9]{1,5})?$/),
          fc.stringMatching(/^[a-z0-9]{1,10}\.(be|com|eu)$/),
        )
        .map(([l, d]) => `${l}@${d}`),
    ),
    // E.164, as validateRow stores phones: Belgian mobiles and landlines libphonenumber accepts.
    phone: maybe(fc.stringMatching(/^\+32(?:4[7-9]\d{7}|9[2-4]\d{6}|2[2-7]\d{6})$/)),
    parts: maybe(fc.tuple(word, word)),
    account: maybe(
      fc.tuple(
        fc.constantFrom("001", "068", "363", "737", "979"),
        fc.integer({ min: 0, max: 9_999_999 }),
      ),
    ),
    address: maybe(addressArb),
    generalMeetingDate: maybe(isoDateArb),
    responsible: maybe(word),
    links: fc.array(linkArb, { maxLength: 3 }),
    sourceIds: fc.record({
      adminpulseId: maybe(fc.uuid()),
      uniqueIdentifier: maybe(fc.stringMatching(/^APR\d{5}$/)),
      code: maybe(fc.stringMatching(/^\w{1,8}$/)),
    }),
  })
  .map((g) => {
    const hasEnterprise = g.kind !== "person";
    const address =
      g.address && Object.values(g.address).some((v) => v !== null) ? g.address : null;
    // A person with first and last name carries the name derived from them (validateRow's rule).
    const parts = g.kind === "company" ? null : g.parts;
    const iban = g.account ? belgianIban(g.account[0], g.account[1]) : null;
    return {
      sourceIds: g.sourceIds,
      kind: g.kind,
      name: parts && g.kind === "person" ? `${parts[1]} ${parts[0]}` : g.name,
      firstName: parts?.[0] ?? null,
      lastName: parts?.[1] ?? null,
      enterpriseNumber: hasEnterprise ? g.enterprise : null,
      nationalNumber: g.kind === "company" ? null : g.nrn,
      vatNumber: hasEnterprise && g.vat ? `BE${g.enterprise}` : null,
      legalForm: g.legalForm,
      language: g.language,
      email: g.email,
      phone: g.phone,
      iban,
      bic: iban ? (bankBics[iban.slice(4, 7)] ?? null) : null,
      address,
      generalMeetingDate: g.generalMeetingDate,
      responsibleUser: g.responsible === null ? null : { id: null, name: g.responsible },
      links: g.links,
    };
  });
