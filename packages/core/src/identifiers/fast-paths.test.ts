/**
 * The fast paths for already-clean input (enterprise number, e-mail, postcode) must give exactly
 * what the general code gives: these tests compare both on generated input, valid and not.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEmail, checkEmailGeneral, cleanEmailAt, isCleanEmail } from "./email.js";
import { checkEnterpriseNumber, checkEnterpriseScanned, cleanEnterprise } from "./enterprise.js";
import { checkPostcode, checkPostcodeGeneral, cleanPostcode } from "./postcode.js";

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const dotted = (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;

/** Ten digits whose check digits are right about half the time; first digit mostly 0 or 1. */
const tenDigits = fc
  .record({
    base: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 19_999_999 }), weight: 3 },
      fc.integer({ min: 0, max: 99_999_999 }),
    ),
    check: fc.nat(99),
    valid: fc.boolean(),
  })
  .map(({ base, check, valid }) => pad(base, 8) + pad(valid ? 97 - (base % 97) : check, 2));

/** A clean spelling, perhaps broken by one inserted or replaced character. */
const enterpriseInput = fc
  .record({
    digits: tenDigits,
    display: fc.boolean(),
    edit: fc.constantFrom("none", "none", "insert", "replace"),
    at: fc.nat(12),
    char: fc.constantFrom(".", " ", "-", "/", "x", "B", "E", "(", "０", "\u00a0", "9", "0"),
  })
  .map(({ digits, display, edit, at, char }) => {
    const s = display ? dotted(digits) : digits;
    if (edit === "insert") return s.slice(0, at) + char + s.slice(at);
    if (edit === "replace") return s.slice(0, at) + char + s.slice(at + 1);
    return s;
  });

describe("enterprise number fast path", () => {
  it("gives the scanner's result for every input, and is taken for clean valid numbers", () => {
    let fast = 0;
    fc.assert(
      fc.property(enterpriseInput, (s) => {
        for (const establishment of [false, true]) {
          expect(checkEnterpriseNumber(s, establishment)).toEqual(
            checkEnterpriseScanned(s, establishment),
          );
        }
        const clean = cleanEnterprise(s);
        if (clean !== null) {
          fast++;
          expect(checkEnterpriseScanned(s, false)).toMatchObject({
            valid: true,
            normalized: clean,
          });
        }
      }),
      { numRuns: 5000 },
    );
    // The generator must reach the fast path often, or the comparison above proves little.
    expect(fast).toBeGreaterThan(500);
  });

  it("takes only the two clean spellings", () => {
    expect(cleanEnterprise("0403019261")).toBe("0403019261");
    expect(cleanEnterprise("0403.019.261")).toBe("0403019261");
    for (const other of [
      "BE0403019261",
      "0403 019 261",
      "403019261",
      "0403.019.262", // check digits
      "2297964444", // an establishment unit number
      "0403-019-261",
      "０403019261",
      "0000000000",
    ]) {
      expect(cleanEnterprise(other)).toBeNull();
    }
  });
});

const emailChars = fc.constantFrom(
  ..."abcxyzABZ0129.-_+!#$%&'*/=?^`{|}~@ <>\"é\u00a0\t",
  ".be",
  "@example.be",
  ".",
  "..",
  "-",
);
/** E-mail-like strings: mostly valid addresses, many broken in one place. */
const emailInput = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => e.toUpperCase()),
  fc
    .tuple(
      fc.stringMatching(/^[a-zA-Z0-9._+-]{1,12}$/),
      fc.stringMatching(/^[a-z0-9-]{1,12}(\.[a-z0-9-]{1,8}){0,2}\.[a-z]{1,4}$/),
    )
    .map(([l, d]) => `${l}@${d}`),
  fc.array(emailChars, { maxLength: 24 }).map((a) => a.join("")),
  fc
    .tuple(fc.emailAddress(), fc.nat(40), emailChars)
    .map(([e, at, c]) => e.slice(0, at) + c + e.slice(at)),
);

describe("e-mail fast path", () => {
  it("gives the general result for every input, and is taken for clean addresses", () => {
    let fast = 0;
    fc.assert(
      fc.property(emailInput, (s) => {
        expect(checkEmail(s)).toEqual(checkEmailGeneral(s));
        // The "@" it hands on is the one the typo check would find (the last).
        expect(cleanEmailAt(s)).toBe(isCleanEmail(s) ? s.lastIndexOf("@") : -1);
        if (isCleanEmail(s)) {
          fast++;
          expect(checkEmailGeneral(s)).toEqual({
            valid: true,
            normalized: s,
            formatted: s,
            warnings: [],
          });
        }
      }),
      { numRuns: 10_000 },
    );
    expect(fast).toBeGreaterThan(1000);
  });

  it("leaves anything to trim or lower-case, and the length limits, to the general path", () => {
    expect(isCleanEmail("info@example.be")).toBe(true);
    expect(isCleanEmail("Jan.Peeters+btw@sub.example.be")).toBe(true);
    for (const other of [
      " info@example.be",
      "info@Example.be",
      "info@example.b",
      "info@example.b3",
      "info@-example.be",
      "info@example-.be",
      "info@example..be",
      "info@example",
      "info@@example.be",
      ".info@example.be",
      "in..fo@example.be",
      "ïnfo@example.be",
      `${"a".repeat(65)}@example.be`,
      `a@${"b".repeat(64)}.be`,
      `a@${`${"b".repeat(60)}.`.repeat(5)}be`,
    ]) {
      expect(isCleanEmail(other)).toBe(false);
    }
    expect(isCleanEmail(`${"a".repeat(64)}@example.be`)).toBe(true);
  });
});

describe("postcode fast path", () => {
  // 300,000 comparisons: ~2 s alone, past vitest's 5 s default on a loaded machine.
  it("gives the general result for every number up to 99999, with or without zeros or spaces", () => {
    let fast = 0;
    const differing: string[] = [];
    for (let v = 0; v < 100_000; v++) {
      for (const s of [String(v), pad(v, 4), ` ${v}`]) {
        // isDeepStrictEqual, not expect: 300,000 comparisons.
        if (!isDeepStrictEqual(checkPostcode(s), checkPostcodeGeneral(s))) differing.push(s);
        if (cleanPostcode(s) !== null) fast++;
      }
    }
    expect(differing).toEqual([]);
    // 1000–9992, written plainly and padded (the same text): the assigned range, twice.
    expect(fast).toBe(2 * (9992 - 1000 + 1));
  }, 30_000);
});
