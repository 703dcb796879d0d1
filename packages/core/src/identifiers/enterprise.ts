/**
 * Enterprise number (KBO/BCE, also the BE VAT number) and establishment unit number: 10 digits,
 * check = 97 − (first 8 digits mod 97), first digit 0–1 (enterprise) or 2–8 (establishment unit).
 * Hand-written because no package applies the first-digit rule (see docs/identifiers.md).
 */

import { digitCode } from "./digit-code.js";
import { fail, ok } from "./result.js";
import { lookalikeSuggestion, mod97Suggestions, paddedSuggestion } from "./suggestions.js";
import type { IdCheck } from "./types.js";
import {
  SCAN_EMPTY,
  SCAN_OK,
  SCAN_PREFIX,
  scan,
  scanEnterprise,
  scannedDigits,
} from "./unicode.js";

/** The enterprise check has one rule (no century variant). */
const ENTERPRISE_OFFSETS = [0] as const;

function firstDigitFits(value: number, establishment: boolean): boolean {
  const first = Math.floor(value / 1e9);
  return establishment ? first >= 2 && first <= 8 : first <= 1;
}

function normalizedOf(input: string): string {
  return scan.clean && input.length === 10 ? input : scannedDigits(input, 10);
}

/** `0403.019.261` (one fromCharCode call: cheaper than slicing and concatenating) */
export function formatEnterpriseDigits(n: string): string {
  return String.fromCharCode(
    n.charCodeAt(0),
    n.charCodeAt(1),
    n.charCodeAt(2),
    n.charCodeAt(3),
    46,
    n.charCodeAt(4),
    n.charCodeAt(5),
    n.charCodeAt(6),
    46,
    n.charCodeAt(7),
    n.charCodeAt(8),
    n.charCodeAt(9),
  );
}

/** `2.297.964.444` (the belgif notation) */
export function formatEstablishmentDigits(n: string): string {
  return `${n[0]}.${n.slice(1, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
}

function typoFix(normalized: string, value: number, establishment: boolean): string[] {
  // The check already matches for every candidate mod97Suggestions passes on.
  return mod97Suggestions(normalized, value, ENTERPRISE_OFFSETS, (v) =>
    firstDigitFits(v, establishment),
  );
}

/** The enterprise rules on the parts: first digit 0 or 1, base (first 8 digits) and check match. */
function validParts(first: number, base: number, check: number): boolean {
  return first >>> 0 <= 1 && (base % 97) + check === 97;
}

/**
 * The normalised number when `input` is a valid enterprise number in one of the two spellings
 * nearly every sheet uses, its normalised form (`0403019261`) or its display form
 * (`0403.019.261`), else null. One pass over the characters, no scanner state; for anything else
 * (and every invalid number) checkEnterpriseNumber decides, giving the same result for these.
 */
export function cleanEnterprise(input: string): string | null {
  const n = input.length;
  const dotted = n === 12;
  if (n !== 10 && !dotted) return null;
  // The digits in one loop, as two halves of five (small integers): reads at fixed places made a
  // few hundred bytes of machine code each, run on every row (BENCHMARKS, "Session 12 —
  // validateRow code size").
  let high = 0;
  let low = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (dotted && (i === 4 || i === 8)) {
      if (c !== 46) return null;
      continue;
    }
    const d = c - 48;
    // `>>> 0 > 9` rejects non-digits on both sides of "0"–"9" in one comparison.
    if (d >>> 0 > 9) return null;
    if (digits++ < 5) high = high * 10 + d;
    else low = low * 10 + d;
  }
  // base = the first 8 digits, check = the last 2
  const base = high * 1000 + ((low / 100) | 0);
  if (!validParts((high / 10_000) | 0, base, low % 100)) return null;
  return dotted ? digitsOf(high, low) : input;
}

/** `0403019261` from its two halves of five digits (one fromCharCode call, no code unit read again). */
function digitsOf(high: number, low: number): string {
  return String.fromCharCode(
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
  );
}

/** `suggest: false` skips the suggestion search: used when judging a candidate itself. */
export function checkEnterpriseNumber(
  input: string,
  establishment: boolean,
  suggest = true,
): IdCheck {
  if (!establishment) {
    const clean = cleanEnterprise(input);
    if (clean !== null) {
      // The display form is the input itself when that is how it was written.
      return ok(clean, clean === input ? formatEnterpriseDigits(clean) : input, []);
    }
  }
  return checkEnterpriseScanned(input, establishment, suggest);
}

/** Every spelling, through the scanner; checkEnterpriseNumber gives the same result, faster. */
export function checkEnterpriseScanned(
  input: string,
  establishment: boolean,
  suggest = true,
): IdCheck {
  const status = scanEnterprise(input);
  if (status !== SCAN_OK) {
    if (status === SCAN_EMPTY) return fail("id.empty");
    if (status === SCAN_PREFIX) return fail("id.prefix");
    const fix = (c: string) => checkEnterpriseNumber(c, establishment, false);
    return fail("id.characters", suggest ? lookalikeSuggestion(input, fix) : []);
  }
  let count = scan.count;
  const value = scan.value;
  let padded = false;
  // A 9-digit number is the pre-2003 notation (or a cell that lost its 0): the 0 in front is implied.
  if (count === 9 && !establishment) {
    count = 10;
    padded = true;
  }
  if (count !== 10) {
    if (count === 0 || count > 10 || !suggest) return fail("id.length");
    const digits = scannedDigits(input, count);
    return fail(
      "id.length",
      paddedSuggestion(digits, 10, (s) => checkEnterpriseNumber(s, establishment, false).valid),
    );
  }
  if (value === 0) return fail("id.all_zeros");
  // `| 0`: the parts fit in int32, and int32 remainder is far cheaper than a float64 one.
  const base = Math.floor(value / 100) | 0;
  const check = (value - base * 100) | 0;
  const matches = (base % 97) + check === 97;
  const first = (base / 1e7) | 0;
  const ownSeries = establishment ? first >= 2 && first <= 8 : first <= 1;
  if (ownSeries && matches) {
    const normalized = normalizedOf(input);
    return ok(
      normalized,
      establishment ? formatEstablishmentDigits(normalized) : formatEnterpriseDigits(normalized),
      padded ? ["id.padded_leading_zero"] : [],
    );
  }
  const normalized = scan.clean && input.length === 10 ? input : scannedDigits(input, 10);
  if (ownSeries) {
    if (check === 0 && base % 97 === 0) {
      // python-stdnum lets "00" through here; the official formula gives 97.
      const fixed = `${normalized.slice(0, 8)}97`;
      const valid = suggest && checkEnterpriseNumber(fixed, establishment, false).valid;
      return fail("id.checksum_00", valid ? [fixed] : []);
    }
    return fail("id.checksum", suggest ? typoFix(normalized, value, establishment) : []);
  }
  if (matches && first <= 8) {
    return fail(establishment ? "id.enterprise_number" : "id.establishment_unit");
  }
  return fail("id.first_digit", suggest ? typoFix(normalized, value, establishment) : []);
}
