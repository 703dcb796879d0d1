/**
 * Belgian IBAN: the ISO 13616 check and the Belgian national check (BBAN: first 10 digits mod 97,
 * 0 → 97, equals the last 2), as ibantools makes them but on small integers: ibantools' generic
 * validateIBAN (~15 µs) was most of validateRow's time on a mistyped IBAN, and iban-fast.test.ts
 * holds the two to the same verdicts. We normalise first and insist on BE: the kind `iban` means a
 * Belgian account.
 */
import { friendlyFormatIBAN } from "ibantools";
import { digitCode } from "./digit-code.js";
import { POW6, typoFix } from "./iban-typos.js";
import { fail, ok } from "./result.js";
import type { IdCheck } from "./types.js";
import { DASH, DOT, foldAndStrip } from "./unicode.js";

/** 10⁵ mod 97: the first ten BBAN digits are read as two halves of five. */
const POW5 = 100_000 % 97;

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
 * Both checks of a compact Belgian IBAN (`BE` + 14 digits), as ibantools' validateIBAN makes
 * them (iban-fast.test.ts compares the two): the ISO 7064 sum with check digits 02–98, and the
 * national check. ibantools takes ~15 µs; this, on two numbers, well under one.
 */
function belgianChecks(compact: string): { iso: boolean; national: boolean } {
  const kk = Number(compact.slice(2, 4));
  const first10 = Number(compact.slice(4, 14)) % 97;
  const last2 = Number(compact.slice(14));
  const iso =
    kk >= 2 && kk <= 98 && (((first10 * 100 + last2) % 97) * POW6 + 111_400 + kk) % 97 === 1;
  return { iso, national: (first10 || 97) === last2 };
}

/** The bank code (first three BBAN digits) of the IBAN cleanBelgianIban accepted last. */
let cleanBank = 0;

/** The bank code of the last IBAN cleanBelgianIban accepted: its BIC without reading the cell again. */
export function lastCleanBankCode(): number {
  return cleanBank;
}

/**
 * The fourteen digits of the last cell cleanBelgianIban found Belgian-shaped (see isBelgianShape),
 * as check digits, the BBAN's first and second five and its last two; `shaped` false when the last
 * cell was not. A shaped cell that fails a check is then judged from them (lastShapedCheck), with
 * no second read of the cell.
 */
let shaped = false;
let lastKk = 0;
let lastHigh = 0;
let lastLow = 0;
let lastLast2 = 0;

/** `BE` and the fourteen digits, from their values (no code unit of a cell read again). */
function compactOf(kk: number, high: number, low: number, last2: number): string {
  return String.fromCharCode(
    66,
    69,
    digitCode(kk, 10),
    digitCode(kk, 1),
    digitCode(high, 10_000),
    digitCode(high, 1000),
    digitCode(high, 100),
    digitCode(high, 10),
    digitCode(high, 1),
    digitCode(low, 10_000),
    digitCode(low, 1000),
    digitCode(low, 100),
    digitCode(low, 10),
    digitCode(low, 1),
    digitCode(last2, 10),
    digitCode(last2, 1),
  );
}

/**
 * `BE` + 14 digits, possibly in groups of four separated by single spaces (`BE56 3631 2345 6788`),
 * that pass both checks: the compact IBAN, else null (checkIban then decides, with the same
 * result). Most IBANs in a sheet look like this; ibantools takes ~15 µs each, this well under one.
 * Both checks run on small integers (mod 97 of the first ten digits, then of the whole BBAN): no
 * digit string is built. The digits are read in one loop, not at fourteen fixed places: the
 * unrolled reads made ~6 KB of machine code run per IBAN, which with the other checks put the
 * code a row runs past a 32 KB instruction cache; the loop is also fewer instructions where the
 * benchmark loads this module through tsx (BENCHMARKS, "validateRow, session 11").
 */
export function cleanBelgianIban(input: string): string | null {
  shaped = false;
  const n = input.length;
  if (
    (n !== 16 && n !== 19) ||
    (input.charCodeAt(0) | 0x20) !== 98 ||
    (input.charCodeAt(1) | 0x20) !== 101
  ) {
    return null;
  }
  // In groups of four: a space before the 3rd, 7th and 11th digit after the check digits.
  const grouped = n === 19;
  let kk = 0;
  let high = 0;
  let low = 0;
  let last2 = 0;
  let d = 0;
  for (let i = 2; i < n; i++) {
    const c = input.charCodeAt(i);
    if (grouped && (i === 4 || i === 9 || i === 14)) {
      if (c !== 32) return null;
      continue;
    }
    const v = c - 48;
    if (v < 0 || v > 9) return null;
    if (d < 2) kk = kk * 10 + v;
    else if (d < 7) high = high * 10 + v;
    else if (d < 12) low = low * 10 + v;
    else last2 = last2 * 10 + v;
    d++;
  }
  shaped = true;
  lastKk = kk;
  lastHigh = high;
  lastLow = low;
  lastLast2 = last2;
  const first10 = (high * POW5 + low) % 97;
  // Check digits 00, 01 and 99 satisfy the sum as 97, 98 and 02 do, but are never issued.
  if ((first10 || 97) !== last2 || kk < 2 || kk > 98) return null;
  // ISO 7064: BBAN + "1114" + kk ≡ 1 (mod 97), with BBAN mod 97 = (first10 × 100 + last2) mod 97.
  if ((((first10 * 100 + last2) % 97) * POW6 + 111_400 + kk) % 97 !== 1) return null;
  cleanBank = (high / 100) | 0;
  if (!grouped) {
    return input.charCodeAt(0) === 66 && input.charCodeAt(1) === 69 ? input : `BE${input.slice(2)}`;
  }
  // From the digits already read: reading the fourteen code units again would cost more.
  return compactOf(kk, high, low, last2);
}

/**
 * checkIban of the cell cleanBelgianIban was last given, when that cell was Belgian-shaped and
 * failed a check (the same answer: iban-fast.test.ts), else null. Read it right after that call.
 */
export function lastShapedCheck(): IdCheck | null {
  return shaped ? checkCompact(compactOf(lastKk, lastHigh, lastLow, lastLast2), true) : null;
}

/**
 * The compact form (`BE` + 14 digits) of a cell shaped like a Belgian IBAN (see isBelgianShape).
 */
function belgianCompact(input: string): string {
  if (input.length === 16) {
    return input.charCodeAt(0) === 66 && input.charCodeAt(1) === 69 ? input : `BE${input.slice(2)}`;
  }
  return `BE${input.slice(2, 4)}${input.slice(5, 9)}${input.slice(10, 14)}${input.slice(15)}`;
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
  return checkCompact(compact, suggest);
}

/**
 * `BE` (any case) + 14 digits, compact or in groups of four separated by single spaces: the cells
 * cleanBelgianIban reads, whether or not their checks pass.
 */
function isBelgianShape(input: string): boolean {
  const n = input.length;
  if ((n !== 16 && n !== 19) || (input.charCodeAt(0) | 0x20) !== 98) return false;
  if ((input.charCodeAt(1) | 0x20) !== 101) return false;
  for (let i = 2; i < n; i++) {
    const c = input.charCodeAt(i);
    if (n === 19 && (i === 4 || i === 9 || i === 14)) {
      if (c !== 32) return false;
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * checkIban(input), the same answer (iban-fast.test.ts), for a cell as validateRow meets it: a
 * mistyped Belgian IBAN is nearly always shaped like a clean one, and its compact form is then
 * read at fixed places instead of checkIban folding every character into a new string (most of
 * the cost of a mistyped IBAN's row).
 */
export function checkIbanCell(input: string): IdCheck {
  return isBelgianShape(input) ? checkCompact(belgianCompact(input), true) : checkIban(input);
}

/** The two checks of a compact Belgian IBAN (`BE` + 14 digits), with typo suggestions if asked. */
function checkCompact(compact: string, suggest: boolean): IdCheck {
  const checks = belgianChecks(compact);
  if (checks.iso && checks.national) return ok(compact, friendlyFormatIBAN(compact) ?? compact, []);
  return fail(
    checks.iso ? "id.iban_national_check" : "id.checksum",
    suggest ? typoFix(compact) : [],
  );
}
