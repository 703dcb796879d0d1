/**
 * E-mail address, by the policy in docs/identifiers.md: the WHATWG "valid e-mail address" grammar,
 * tightened for client data (dot-atoms only, at least two domain labels, alphabetic TLD, 64/254
 * length limits). Hand-written rather than validator.isEmail because isEmail also accepts quoted
 * local parts, non-ASCII local parts and IDN top-level domains, which this policy refuses; the
 * tests check that both agree on every vector in the rules.
 */

import { fail, ok } from "./result.js";
import type { IdCheck } from "./types.js";
import { trimWide } from "./unicode.js";

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^[a-z]{2,63}$/;

/** 1 for the ASCII characters of LOCAL's atoms (RFC 5322 atext). */
const ATEXT = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-") {
  ATEXT[c.charCodeAt(0)] = 1;
}

/**
 * The index of the "@" when `s` is an address the policy accepts exactly as written (nothing to
 * trim, domain already lower case, pure ASCII), else -1. Then checkEmailGeneral(s) is
 * ok(s, s, []), found in one pass with no slicing, splitting or regex; validateRow hands the "@"
 * on to the domain typo check. Anything else (including every invalid input) takes the general
 * path, which owns the error codes; a differential property test (email.test.ts) checks that both
 * paths agree.
 */
export function cleanEmailAt(s: string): number {
  const n = s.length;
  if (n > 254) return -1;
  // Local part: atoms of atext joined by single dots.
  let i = 0;
  let afterDot = true; // at the start, as after a dot, an atom must begin
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 64) break; // "@"
    if (c === 46) {
      if (afterDot) return -1;
      afterDot = true;
    } else if (c < 128 && ATEXT[c] === 1) afterDot = false;
    else return -1;
  }
  if (i === n || afterDot || i > 64) return -1;
  // Domain: labels of [a-z0-9-], 1–63 long, no "-" at either end; the last one letters only, ≥ 2.
  let labels = 0;
  let start = i + 1;
  let letters = true;
  for (let j = start; j <= n; j++) {
    const c = j < n ? s.charCodeAt(j) : 46; // the end closes the last label like a dot
    if (c === 46) {
      const len = j - start;
      if (len === 0 || len > 63 || s.charCodeAt(start) === 45 || s.charCodeAt(j - 1) === 45) {
        return -1;
      }
      labels++;
      if (j === n) return labels >= 2 && letters && len >= 2 ? i : -1;
      start = j + 1;
      letters = true;
    } else if ((c >= 48 && c <= 57) || c === 45) letters = false;
    else if (c < 97 || c > 122) return -1; // upper case, a second "@", anything else
  }
  return -1;
}

/** cleanEmailAt(s) ≥ 0: the address needs no normalising. */
export function isCleanEmail(s: string): boolean {
  return cleanEmailAt(s) >= 0;
}

/** The full policy: trims, lower-cases the domain, and names the first rule an input breaks. */
export function checkEmailGeneral(input: string): IdCheck {
  const s = trimWide(input);
  if (s === "") return fail("id.empty");
  if (s.includes("<") || s.includes(">")) return fail("id.email_display_name");
  const at = s.indexOf("@");
  if (at < 0 || s.indexOf("@", at + 1) >= 0) return fail("id.email_at");
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (s.length > 254 || local.length > 64) return fail("id.email_length");
  if (!LOCAL.test(local)) return fail("id.email_local");
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels.at(-1) ?? "")) {
    return fail("id.email_domain");
  }
  // The local part is case-sensitive in principle, so only the domain is lower-cased.
  const normalized = `${local}@${domain}`;
  return ok(normalized, normalized, []);
}

export function checkEmail(input: string): IdCheck {
  // Most addresses in client data are already clean: the input is its own normalised form.
  return isCleanEmail(input) ? ok(input, input, []) : checkEmailGeneral(input);
}
