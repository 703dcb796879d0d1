/**
 * Belgian postcode: four digits, first digit 1–9 (`^[1-9]\d{3}$`). No package fits: the npm
 * validators only test `^\d{4}$` (they accept 0999) and do not trim. A legacy `B-` / `BE-` prefix
 * is stripped because client lists still carry it.
 */

import { fail, ok } from "./result.js";
import type { IdCheck } from "./types.js";
import { classify, DASH, trimWide } from "./unicode.js";

/** The highest assigned postcode (9992 Middelburg); 9993–9999 pass the format with a warning. */
const HIGHEST = 9992;

function prefixLength(s: string): number {
  const c0 = s.charCodeAt(0) | 0x20; // lower-case ASCII letters
  if (c0 !== 98) return 0; // "b"
  if (classify(s.charCodeAt(1)) === DASH) return 2;
  if ((s.charCodeAt(1) | 0x20) === 101 && classify(s.charCodeAt(2)) === DASH) return 3;
  return 0;
}

/**
 * `input` itself when it is already a normalised, assigned postcode (four ASCII digits,
 * 1000–9992, nothing to trim), else null: checkPostcode then decides, with the same result.
 */
export function cleanPostcode(input: string): string | null {
  if (input.length !== 4) return null;
  const a = input.charCodeAt(0) - 48;
  const b = input.charCodeAt(1) - 48;
  const c = input.charCodeAt(2) - 48;
  const d = input.charCodeAt(3) - 48;
  // `>>> 0 > 9` rejects both non-digits above "9" and, through the unsigned wrap, those below "0".
  if (a >>> 0 > 9 || b >>> 0 > 9 || c >>> 0 > 9 || d >>> 0 > 9 || a === 0) return null;
  return a * 1000 + b * 100 + c * 10 + d > HIGHEST ? null : input;
}

export function checkPostcode(input: string): IdCheck {
  return cleanPostcode(input) !== null ? ok(input, input, []) : checkPostcodeGeneral(input);
}

/** Every spelling; checkPostcode gives the same result, faster for a clean postcode. */
export function checkPostcodeGeneral(input: string): IdCheck {
  let s = trimWide(input);
  s = s.slice(prefixLength(s));
  if (s === "") return fail("id.empty");
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const d = classify(s.charCodeAt(i));
    if (d < 0) return fail("id.characters");
    value = value * 10 + d;
  }
  if (s.length !== 4) return fail("id.length");
  if (value < 1000) return fail("id.postcode_range");
  const normalized = String(value);
  return ok(normalized, normalized, value > HIGHEST ? ["id.postcode_above_range"] : []);
}
