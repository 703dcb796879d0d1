/**
 * The BIC of a Belgian account from its bank code (the first three digits of the BBAN), by the
 * National Bank's list of bank identification codes. Source and date of the copy shipped here:
 * data/SOURCES.md. Code 102 and unassigned codes have no BIC; the list changes over time, so an
 * unknown code is at most a warning.
 */
import banks from "./data/banks-be.json" with { type: "json" };

const bicByCode: Readonly<Record<string, string>> = banks;
/** The same list indexed by the bank code as a number: read from char codes, no key string built. */
const bicByNumber: (string | null)[] = Array.from(
  { length: 1000 },
  (_, code) => bicByCode[String(code).padStart(3, "0")] ?? null,
);

/** BIC of a normalised Belgian IBAN (`BE68539007547034`), or null when the list has none. */
export function bicOfBelgianIban(iban: string): string | null {
  if (iban.length !== 16 || iban.charCodeAt(0) !== 66 || iban.charCodeAt(1) !== 69) return null;
  return bicOfBankCode(iban, 4);
}

/**
 * BIC of the bank code whose three digits start at `at` in `s` (4 in a compact IBAN, 5 in one
 * printed in groups), or null: validateRow reads it from the cell, before the compact IBAN is built.
 */
export function bicOfBankCode(s: string, at: number): string | null {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  const c = s.charCodeAt(at + 2) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return null;
  return bicOfBankNumber(a * 100 + b * 10 + c);
}

/** BIC of a bank code given as its number (0–999), or null. */
export function bicOfBankNumber(code: number): string | null {
  return bicByNumber[code] ?? null;
}

/** BIC format (ISO 9362): 4 letters bank, 2 letters country, 2 letters/digits place, optional 3 branch. */
export const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
