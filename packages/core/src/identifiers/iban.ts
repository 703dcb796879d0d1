/**
 * Belgian IBAN: ibantools does the ISO 13616 check and the Belgian national check (BBAN: first
 * 10 digits mod 97, 0 → 97, equals the last 2). We only normalise first (ibantools strips spaces
 * and `-` but not `.`) and insist on BE: the kind `iban` means a Belgian account.
 */
import { friendlyFormatIBAN, ValidationErrorsIBAN, validateIBAN } from "ibantools";
import { fail, ok } from "./result.js";
import { typoSuggestions } from "./suggestions.js";
import type { IdCheck } from "./types.js";
import { DASH, DOT, foldAndStrip } from "./unicode.js";

/** 10⁶ mod 97: "BE" (1114) and the check digits follow the BBAN in the ISO rearrangement. */
const POW6 = 1_000_000 % 97;

function isoResidue(bban: number, kk: number): number {
  return ((((bban % 97) * POW6) % 97) + 111_400 + kk) % 97;
}

function nationalCheckMatches(bban: number): boolean {
  const first10 = Math.floor(bban / 100);
  return (first10 % 97 || 97) === bban - first10 * 100;
}

/** kk = 98 − ((BBAN + "111400") mod 97). */
export function ibanFromBban(bban: string): string {
  const kk = 98 - isoResidue(Number(bban), 0);
  return `BE${String(kk).padStart(2, "0")}${bban}`;
}

function allDigits(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > from;
}

function isLetter(c: number): boolean {
  return c >= 65 && c <= 90;
}

function typoFix(compact: string): string[] {
  return typoSuggestions(
    compact.slice(2),
    (v) => {
      const kk = Math.floor(v / 1e12);
      const bban = v - kk * 1e12;
      return isoResidue(bban, kk) === 1 && nationalCheckMatches(bban);
    },
    (s) => checkIban(`BE${s}`, false).valid,
  ).map((s) => `BE${s}`);
}

/**
 * `BE` + 14 digits, possibly in groups of four separated by single spaces (`BE56 3631 2345 6788`),
 * that pass both checks: the compact IBAN, else null (checkIban then decides, with the same
 * result). Most IBANs in a sheet look like this; ibantools takes ~15 µs each, this well under one.
 */
export function cleanBelgianIban(input: string): string | null {
  const n = input.length;
  if (
    (n !== 16 && n !== 19) ||
    (input.charCodeAt(0) | 0x20) !== 98 ||
    (input.charCodeAt(1) | 0x20) !== 101
  ) {
    return null;
  }
  let digits = 0;
  let kk = 0;
  let bban = 0;
  for (let i = 2; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 32 && n === 19 && (i === 4 || i === 9 || i === 14)) continue;
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    if (digits < 2) kk = kk * 10 + d;
    else bban = bban * 10 + d;
    digits++;
  }
  if (digits !== 14 || isoResidue(bban, kk) !== 1 || !nationalCheckMatches(bban)) return null;
  const compact = n === 16 ? input : input.replace(/ /g, "");
  return compact.charCodeAt(0) === 66 && compact.charCodeAt(1) === 69
    ? compact
    : `BE${compact.slice(2)}`;
}

/** `suggest: false` skips the suggestion search: used when judging a candidate itself. */
export function checkIban(input: string, suggest = true): IdCheck {
  const compact = foldAndStrip(input, [DOT, DASH]).toUpperCase();
  if (compact === "") return fail("id.empty");
  if (compact.length === 12 && allDigits(compact, 0)) {
    // An old account number (123-4567890-02): not an IBAN, but its IBAN is a safe suggestion.
    const iban = nationalCheckMatches(Number(compact)) ? ibanFromBban(compact) : "";
    return fail("id.iban_bban", iban && checkIban(iban, false).valid ? [iban] : []);
  }
  if (!(isLetter(compact.charCodeAt(0)) && isLetter(compact.charCodeAt(1)))) {
    return fail(allDigits(compact, 0) ? "id.length" : "id.format");
  }
  if (!compact.startsWith("BE")) return fail("id.iban_country");
  if (!allDigits(compact, 2)) return fail(compact.length === 2 ? "id.length" : "id.characters");
  if (compact.length !== 16) return fail("id.length");
  const result = validateIBAN(compact);
  if (result.valid) return ok(compact, friendlyFormatIBAN(compact) ?? compact, []);
  if (result.errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) {
    return fail("id.checksum", suggest ? typoFix(compact) : []);
  }
  if (result.errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return fail("id.iban_national_check", suggest ? typoFix(compact) : []);
  }
  return fail("id.format");
}
