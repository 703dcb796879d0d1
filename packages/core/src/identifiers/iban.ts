/**
 * Belgian IBAN: ibantools does the ISO 13616 check and the Belgian national check (BBAN: first
 * 10 digits mod 97, 0 → 97, equals the last 2). We only normalise first (ibantools strips spaces
 * and `-` but not `.`) and insist on BE: the kind `iban` means a Belgian account.
 */
import { friendlyFormatIBAN, ValidationErrorsIBAN, validateIBAN } from "ibantools";
import { fail, ok } from "./result.js";
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

/**
 * The weight mod 97 of each of the 14 digits (kk, then the BBAN) in the two checks: in the ISO
 * number (BBAN · 10⁶ + 111400 + kk, which must be ≡ 1) and in the first ten BBAN digits (whose
 * residue, 0 read as 97, must equal the last two). A changed digit moves each check by δ·weight,
 * so a candidate is judged on small integers without dividing its 14-digit value.
 */
const ISO_WEIGHT: number[] = [];
const FIRST10_WEIGHT: number[] = [];
for (let p = 0; p < 14; p++) {
  ISO_WEIGHT.push(p < 2 ? (p === 0 ? 10 : 1) : ((10 ** (13 - p) % 97) * POW6) % 97);
  FIRST10_WEIGHT.push(p >= 2 && p < 12 ? 10 ** (11 - p) % 97 : 0);
}
const LAST2_WEIGHT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1];

/**
 * Neighbouring digits swapped, then one digit wrong (positions left to right, the first digit
 * last): the corrected IBANs that pass both checks, most likely first, at most 5.
 */
/** Check digits (the 3rd and 4th characters) in the issued range 02–98. */
function validKk(compact: string): boolean {
  const kk = (compact.charCodeAt(2) - 48) * 10 + compact.charCodeAt(3) - 48;
  return kk >= 2 && kk <= 98;
}

function typoFix(compact: string): string[] {
  const d: number[] = [];
  let iso = 111_400 % 97;
  let first10 = 0;
  let last2 = 0;
  for (let p = 0; p < 14; p++) {
    const x = compact.charCodeAt(p + 2) - 48;
    d.push(x);
    iso += x * ISO_WEIGHT[p]!;
    first10 += x * FIRST10_WEIGHT[p]!;
    last2 += x * LAST2_WEIGHT[p]!;
  }
  const out: string[] = [];
  // A candidate differs from the input by δ at position p (and −δ at q for a swap).
  const fits = (p: number, dp: number, q: number, dq: number): boolean => {
    let i = iso + dp * ISO_WEIGHT[p]! + dq * ISO_WEIGHT[q]!;
    let f = first10 + dp * FIRST10_WEIGHT[p]! + dq * FIRST10_WEIGHT[q]!;
    const l = last2 + dp * LAST2_WEIGHT[p]! + dq * LAST2_WEIGHT[q]!;
    i = ((i % 97) + 97) % 97;
    f = ((f % 97) + 97) % 97;
    return i === 1 && (f || 97) === l;
  };
  const take = (candidate: string): boolean => {
    // Check digits 00, 01 and 99 satisfy the sum as 97, 98 and 02 do, but are never issued.
    if (!validKk(candidate)) return false;
    if (!out.includes(candidate)) out.push(candidate);
    return out.length >= 5;
  };
  for (let p = 0; p + 1 < 14; p++) {
    const a = d[p]!;
    const b = d[p + 1]!;
    if (a !== b && fits(p, b - a, p + 1, a - b)) {
      const s = `${compact.slice(0, p + 2)}${b}${a}${compact.slice(p + 4)}`;
      if (take(s)) return out;
    }
  }
  for (let step = 1; step <= 14; step++) {
    const p = step % 14;
    const old = d[p]!;
    for (let x = 0; x <= 9; x++) {
      if (x !== old && fits(p, x - old, 0, 0)) {
        if (take(`${compact.slice(0, p + 2)}${x}${compact.slice(p + 3)}`)) return out;
      }
    }
  }
  return out;
}

/**
 * `BE` + 14 digits, possibly in groups of four separated by single spaces (`BE56 3631 2345 6788`),
 * that pass both checks: the compact IBAN, else null (checkIban then decides, with the same
 * result). Most IBANs in a sheet look like this; ibantools takes ~15 µs each, this well under one.
 * Both checks run on small integers as the digits go by (mod 97 of the first ten digits, then of
 * the whole BBAN), so no digit string is built.
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
  let first10 = 0; // first ten BBAN digits mod 97
  let last2 = 0;
  for (let i = 2; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 32 && n === 19 && (i === 4 || i === 9 || i === 14)) continue;
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    if (digits < 2) kk = kk * 10 + d;
    else if (digits < 12) first10 = (first10 * 10 + d) % 97;
    else last2 = last2 * 10 + d;
    digits++;
  }
  // Check digits 00, 01 and 99 satisfy the sum as 97, 98 and 02 do, but are never issued.
  if (digits !== 14 || (first10 || 97) !== last2 || kk < 2 || kk > 98) return null;
  // ISO 7064: BBAN + "1114" + kk ≡ 1 (mod 97), with BBAN mod 97 = (first10 × 100 + last2) mod 97.
  if ((((first10 * 100 + last2) % 97) * POW6 + 111_400 + kk) % 97 !== 1) return null;
  if (n === 16) {
    return input.charCodeAt(0) === 66 && input.charCodeAt(1) === 69 ? input : `BE${input.slice(2)}`;
  }
  // One string from char codes (groups at 2, 5, 10, 15): slices and a template build five.
  const at = (i: number) => input.charCodeAt(i);
  return String.fromCharCode(
    66,
    69,
    at(2),
    at(3),
    at(5),
    at(6),
    at(7),
    at(8),
    at(10),
    at(11),
    at(12),
    at(13),
    at(15),
    at(16),
    at(17),
    at(18),
  );
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
