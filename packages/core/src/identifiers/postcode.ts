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

export function checkPostcode(input: string): IdCheck {
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
