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
/** LOCAL without its anchors, for patterns that go on past the "@" (CLEAN, email-typo's known domains). */
export const localPartSource = LOCAL.source.slice(1, -1);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^[a-z]{2,63}$/;

/**
 * A clean address as one pattern: atoms of atext joined by single dots, "@", lower-case labels
 * of 1–63 characters with no "-" at either end, and a last label of 2–63 letters. V8 runs it as
 * machine code, cheaper than reading each code unit with charCodeAt (valgrind, BENCHMARKS).
 */
const CLEAN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The index of the "@" when `s` is an address the policy accepts exactly as written (nothing to
 * trim, domain already lower case, pure ASCII), else -1. Then checkEmailGeneral(s) is
 * ok(s, s, []), found by one pattern with no slicing or splitting; validateRow hands the "@" on
 * to the domain typo check. Anything else (including every invalid input) takes the general
 * path, which owns the error codes; a differential property test (email.test.ts) checks that both
 * paths agree.
 */
export function cleanEmailAt(s: string): number {
  if (s.length > 254 || !CLEAN.test(s)) return -1;
  const at = s.indexOf("@");
  return at > 64 ? -1 : at;
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
