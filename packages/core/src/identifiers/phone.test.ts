import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { checkId } from "./check-id.js";
import { checkPhone, checkPhoneGeneral, e164OfNational, phoneE164 } from "./phone.js";

describe("phone numbers", () => {
  it.each([
    ["09 223 45 67", "+3292234567", "09 223 45 67"],
    ["0470/12.34.56", "+32470123456", "0470 12 34 56"],
    ["+32 470 12 34 56", "+32470123456", "0470 12 34 56"],
    ["0032 2 512 34 56", "+3225123456", "02 512 34 56"],
    ["+32 (0)9 223 45 67", "+3292234567", "09 223 45 67"],
    ["+31 20 123 4567", "+31201234567", "+31 20 123 4567"],
    ["+33 1 42 68 53 00", "+33142685300", "+33 1 42 68 53 00"],
  ])("%s → %s, shown as %s", (input, e164, shown) => {
    const r = checkId("phone", input);
    expect(r).toMatchObject({ valid: true, normalized: e164, formatted: shown });
  });

  it.each([
    ["09 123 45 67", "id.phone_invalid"],
    ["0470 12 34 56 789", "id.phone_length"],
    ["bel me", "id.phone_invalid"],
    ["", "id.empty"],
  ])("%s is refused with %s", (input, code) => {
    const r = checkId("phone", input);
    expect(r.valid ? null : r.error.code).toBe(code);
  });

  // The shortcut reuses one answer per (length, first four digits): it must say exactly what
  // libphonenumber says for every Belgian number, in every spelling the shortcut takes.
  it("property: the Belgian shortcut agrees with libphonenumber", () => {
    const national = fc.oneof(
      fc.stringMatching(/^[1-9]\d{7}$/),
      fc.stringMatching(/^4\d{8}$/),
      fc.stringMatching(/^[1-9]\d{6,9}$/),
    );
    const spelled = fc
      .tuple(national, fc.constantFrom("0", "+32", "0032", "+32 "))
      .map(([n, prefix]) => `${prefix}${n.slice(0, 2)} ${n.slice(2, 5)}.${n.slice(5)}`);
    fc.assert(
      fc.property(spelled, (input) => {
        const fast = checkPhone(input);
        const general = checkPhoneGeneral(input);
        expect(fast.valid).toBe(general.valid);
        if (fast.valid && general.valid) {
          expect(fast.normalized).toBe(general.normalized);
          expect(fast.formatted).toBe(general.formatted);
          expect(fast.formatted).toBe(
            parsePhoneNumberFromString(fast.normalized)?.formatNational(),
          );
        }
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  // e164OfNational builds the string from the digits by hand: it must be `+32${value}` exactly.
  it("property: e164OfNational writes what a +32 template literal of the value writes", () => {
    const national = fc.oneof(
      fc.integer({ min: 10_000_000, max: 99_999_999 }),
      fc.integer({ min: 100_000_000, max: 999_999_999 }),
    );
    fc.assert(
      fc.property(national, (value) => {
        expect(e164OfNational(value, value >= 100_000_000)).toBe(`+32${value}`);
      }),
      { numRuns: 5000 },
    );
    for (const value of [10_000_000, 99_999_999, 100_000_000, 999_999_999, 470_123_456]) {
      expect(e164OfNational(value, value >= 100_000_000)).toBe(`+32${value}`);
    }
  });

  // phoneE164 reads common Belgian spellings as one integer (no digit string): it must give what
  // libphonenumber gives, including the spellings it hands on ("+32 0…", 10 digits, letters).
  it("property: phoneE164 agrees with libphonenumber on every spelling", () => {
    const spelled = fc
      .tuple(
        fc.stringMatching(/^\d{6,11}$/),
        fc.constantFrom("0", "+32", "+32 ", "0032", "0032 ", "+32 0", "+31 ", "00", ""),
        fc.constantFrom(" ", ".", "/", "-", "", "x"),
      )
      .map(
        ([n, prefix, sep]) => `${prefix}${n.slice(0, 3)}${sep}${n.slice(3, 5)}${sep}${n.slice(5)}`,
      );
    fc.assert(
      fc.property(spelled, (input) => {
        const general = checkPhoneGeneral(input);
        expect(phoneE164(input)).toBe(general.valid ? general.normalized : null);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);
});
