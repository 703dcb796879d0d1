import fc from "fast-check";
import { ValidationErrorsIBAN, validateIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { belgianIban } from "../reconcile/testing.js";
import { bicOfBankCode, bicOfBankNumber, bicOfBelgianIban } from "./bank.js";
import {
  checkIban,
  checkIbanCell,
  cleanBelgianIban,
  lastCleanBankCode,
  lastShapedCheck,
} from "./iban.js";

/** Belgian IBANs as typed: compact, in groups or lower case, sometimes mistyped or with an odd character. */
const spelled = fc
  .tuple(
    fc.integer({ min: 0, max: 999 }),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.constantFrom("compact", "spaced", "lower"),
    fc.option(fc.integer({ min: 2, max: 15 }), { nil: null }),
    // One character replaced by a non-digit (the shortcut reads fixed places, no loop).
    fc.option(fc.tuple(fc.integer({ min: 0, max: 18 }), fc.constantFrom(" ", "x", "/", ":", "٣")), {
      nil: null,
    }),
  )
  .map(([bank, account, style, typo, replaced]) => {
    let s = belgianIban(String(bank).padStart(3, "0"), account);
    if (typo !== null) s = `${s.slice(0, typo)}${(Number(s[typo]) + 1) % 10}${s.slice(typo + 1)}`;
    if (style === "spaced") s = s.replace(/(.{4})(?!$)/g, "$1 ");
    if (replaced !== null && replaced[0] < s.length)
      s = `${s.slice(0, replaced[0])}${replaced[1]}${s.slice(replaced[0] + 1)}`;
    return style === "lower" ? s.toLowerCase() : s;
  });

describe("cleanBelgianIban (the shortcut validateRow takes)", () => {
  it("property: agrees with checkIban on valid, spaced, lower-case and mistyped IBANs", () => {
    fc.assert(
      fc.property(spelled, (input) => {
        const fast = cleanBelgianIban(input);
        const full = checkIban(input, false);
        // The shortcut never accepts what the full check refuses, and gives the same form.
        if (fast !== null) expect(full).toMatchObject({ valid: true, normalized: fast });
        else if (full.valid) expect(input).not.toMatch(/^BE\d{14}$|^BE\d{2}( \d{4}){3}$/);
      }),
      { numRuns: 3000 },
    );
  });
});

/** Cells that are mostly not clean IBANs: spelled ones, any text, and near-misses of the Belgian shape. */
const notClean = fc.oneof(
  spelled,
  fc.string({ maxLength: 22 }),
  fc.stringMatching(/^[bB][eE]\d{2}( ?\d{4}){3}[ x]?$/),
);

describe("checkIbanCell (validateRow's check of a cell that is not a clean IBAN)", () => {
  it("property: the same answer as checkIban, suggestions included", () => {
    fc.assert(
      fc.property(notClean, (input) => {
        expect(checkIbanCell(input)).toEqual(checkIban(input));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("lastShapedCheck (a mistyped IBAN judged from the digits cleanBelgianIban read)", () => {
  it("property: for a Belgian-shaped cell cleanBelgianIban refuses, checkIban's answer; else null", () => {
    fc.assert(
      fc.property(notClean, (input) => {
        if (cleanBelgianIban(input) !== null) return;
        const shaped = /^[bB][eE](?:\d{14}|\d{2}(?: \d{4}){3})$/.test(input);
        const check = lastShapedCheck();
        if (shaped) expect(check).toEqual(checkIban(input));
        else expect(check).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });
});

describe("checkIban's own arithmetic (in place of ibantools' validateIBAN)", () => {
  it("property: the same verdict and failing check as ibantools on any 14 digits, near-valid ones included", () => {
    const digits = fc.oneof(
      fc.stringMatching(/^\d{14}$/),
      fc
        .tuple(
          fc.integer({ min: 0, max: 999 }),
          fc.integer({ min: 0, max: 9_999_999 }),
          fc.integer({ min: 2, max: 15 }),
          fc.integer({ min: 0, max: 9 }),
        )
        .map(([bank, account, at, digit]) => {
          const s = belgianIban(String(bank).padStart(3, "0"), account);
          return `${s.slice(2, at)}${digit}${s.slice(at + 1)}`;
        }),
      // Check digits 00, 01 and 99, which pass the sum but are never issued.
      fc
        .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9_999_999 }))
        .map(([bank, account]) => {
          const s = belgianIban(String(bank).padStart(3, "0"), account);
          const kk = Number(s.slice(2, 4));
          const other = kk === 97 ? "00" : kk === 98 ? "01" : kk === 2 ? "99" : s.slice(2, 4);
          return `${other}${s.slice(4)}`;
        }),
    );
    fc.assert(
      fc.property(digits, (d) => {
        const iban = `BE${d}`;
        const theirs = validateIBAN(iban);
        const ours = checkIban(iban, false);
        expect(ours.valid).toBe(theirs.valid);
        if (!ours.valid) {
          const iso = theirs.errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum);
          expect(ours.error.code).toBe(iso ? "id.checksum" : "id.iban_national_check");
        }
      }),
      { numRuns: 5000 },
    );
  });
});

/** The suggestion search written plainly: every swap, then every one-digit change, judged by checkIban. */
function bruteForceSuggestions(compact: string): string[] {
  const digits = compact.slice(2);
  const out: string[] = [];
  const take = (s: string) => {
    if (out.length < 5 && !out.includes(`BE${s}`) && checkIban(`BE${s}`, false).valid)
      out.push(`BE${s}`);
  };
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] !== digits[i + 1])
      take(`${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`);
  }
  for (let step = 1; step <= digits.length; step++) {
    const k = step % digits.length;
    for (let x = 0; x <= 9; x++) {
      if (String(x) !== digits[k]) take(`${digits.slice(0, k)}${x}${digits.slice(k + 1)}`);
    }
  }
  return out;
}

describe("IBAN typo suggestions (residues per digit, no division of the 14-digit value)", () => {
  it("property: the same suggestions, in the same order, as the plain search", () => {
    const mistyped = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 2, max: 15 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
      )
      .map(([bank, account, at, delta, swap]) => {
        const s = belgianIban(String(bank).padStart(3, "0"), account);
        if (swap && at < 15) return `${s.slice(0, at)}${s[at + 1]}${s[at]}${s.slice(at + 2)}`;
        return `${s.slice(0, at)}${(Number(s[at]) + delta) % 10}${s.slice(at + 1)}`;
      });
    fc.assert(
      fc.property(mistyped, (input) => {
        const r = checkIban(input);
        const expected = r.valid ? [] : bruteForceSuggestions(input);
        expect(r.valid ? [] : r.suggestions).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("bicOfBankCode (read from the cell, compact or in groups)", () => {
  it("gives the BIC of the compact IBAN for both spellings", () => {
    for (const bank of ["001", "068", "363", "539", "737", "102", "999"]) {
      const compact = belgianIban(bank, 1234567);
      const spaced = compact.replace(/(.{4})(?!$)/g, "$1 ");
      expect(bicOfBankCode(compact, 4)).toBe(bicOfBelgianIban(compact));
      expect(bicOfBankCode(spaced, 5)).toBe(bicOfBelgianIban(compact));
      // validateRow takes the bank code cleanBelgianIban read, for either spelling.
      for (const cell of [compact, spaced, spaced.toLowerCase()]) {
        expect(cleanBelgianIban(cell)).toBe(compact);
        expect(bicOfBankNumber(lastCleanBankCode())).toBe(bicOfBelgianIban(compact));
      }
    }
    expect(bicOfBankCode(`${belgianIban("363", 42).slice(0, 4)} 3630`, 5)).toBe("BBRUBEBB");
    expect(bicOfBankCode("BE00 0010", 5)).toBe("GEBABEBB");
  });

  it("refuses check digits 01 (≡ 98) in the fast path and among suggestions, as the plain check does", () => {
    expect(cleanBelgianIban("BE01315057212193")).toBeNull();
    expect(checkIban("BE01315057212193").valid).toBe(false);
    const r = checkIban("BE08315057212193");
    expect(r.valid ? [] : r.suggestions).toEqual(["BE98315057212193"]);
  });
});
