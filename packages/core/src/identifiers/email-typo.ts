/**
 * Likely typos in the domain of an e-mail address (`gmial.com` → `gmail.com`, `telenet.b` →
 * `telenet.be`), by @zootools/email-spell-checker (a maintained mailcheck) over the providers
 * Belgian clients use. Only the domain matters, and a sheet repeats few domains, so answers are
 * remembered per domain (bounded).
 */
import spellChecker from "@zootools/email-spell-checker";
import { localPartSource } from "./email.js";

/** Mail providers common in Belgium and its neighbours; a domain that is one of these is never a typo. */
export const knownMailDomains = [
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.be",
  "hotmail.fr",
  "hotmail.nl",
  "outlook.com",
  "outlook.be",
  "outlook.fr",
  "live.com",
  "live.be",
  "live.fr",
  "live.nl",
  "msn.com",
  "yahoo.com",
  "yahoo.fr",
  "icloud.com",
  "me.com",
  "telenet.be",
  "skynet.be",
  "proximus.be",
  "belgacom.net",
  "pandora.be",
  "scarlet.be",
  "base.be",
  "voo.be",
  "orange.be",
  "edpnet.be",
  "gmx.com",
  "gmx.net",
  "proton.me",
  "protonmail.com",
  "orange.fr",
  "free.fr",
  "wanadoo.fr",
  "ziggo.nl",
  "kpnmail.nl",
];
const topLevelDomains = ["be", "com", "net", "org", "eu", "fr", "nl", "de", "lu", "me"];
const secondLevelDomains = [...new Set(knownMailDomains.map((d) => d.slice(0, d.indexOf("."))))];
const known = new Set(knownMailDomains);
/** Answers by domain as written; the known domains answer null from the start. */
const memo = new Map<string, string | null>(knownMailDomains.map((d) => [d, null]));
/** Longest known domain + 1: the shape table below covers lengths below it. */
const shapeLengths = 32;
/**
 * Known domains by `length × 128 + first letter` (an array index: no Map hashing per row): an
 * address is matched against them in place.
 */
const knownByShape: (string[] | undefined)[] = new Array(shapeLengths * 128).fill(undefined);
for (const d of knownMailDomains) {
  if (d.length >= shapeLengths) throw new Error(`known mail domain too long: ${d}`);
  const key = d.length * 128 + d.charCodeAt(0);
  knownByShape[key] = [...(knownByShape[key] ?? []), d];
}

/**
 * True when the domain after `at` is a known one as written. The candidates have the domain's
 * length, so `endsWith` compares exactly the domain: V8's builtin reads the code units directly,
 * cheaper than a charCodeAt per unit on both strings from optimised code (valgrind, BENCHMARKS).
 */
function knownAsWritten(address: string, at: number): boolean {
  const length = address.length - at - 1;
  const first = address.charCodeAt(at + 1);
  if (length >= shapeLengths || first >= 128) return false;
  const candidates = knownByShape[length * 128 + first];
  if (candidates === undefined) return false;
  for (let k = 0; k < candidates.length; k++) {
    if (address.endsWith(candidates[k] as string)) return true;
  }
  return false;
}

/** Shortest known domain: an address up to 65 characters longer has its "@" at 64 or before. */
const shortestKnown = Math.min(...knownMailDomains.map((d) => d.length));
/** A clean local part (email.ts' CLEAN), "@" and a known domain exactly as written, in one pattern. */
const cleanAtKnown = new RegExp(
  `^${localPartSource}@(?:${knownMailDomains.map((d) => d.replaceAll(".", "\\.")).join("|")})$`,
);

/**
 * True when `address` is clean as written (cleanEmailAt ≥ 0) and its domain a known provider's as
 * written, so suggestEmailAt has nothing to say: one pattern (V8 runs it as machine code) instead
 * of the clean-address pattern, a search for the "@" and a comparison of the domain. Most
 * addresses of a sheet at a known provider; false says nothing (the caller takes the full path).
 * email-typo.test.ts holds it to cleanEmailAt and the known list.
 */
export function isCleanAtKnown(address: string): boolean {
  return address.length <= 65 + shortestKnown && cleanAtKnown.test(address);
}

/** `address.lastIndexOf("@")` by a loop over code units: lastIndexOf is a call into C++ in V8. */
function lastAt(address: string): number {
  let i = address.length - 1;
  while (i >= 0 && address.charCodeAt(i) !== 64) i--;
  return i;
}

/**
 * The address with its domain corrected when the domain looks like a typo of a known provider's,
 * else null. Works on invalid addresses too (`jan@telenet.b`).
 */
export function suggestEmail(address: string): string | null {
  return suggestEmailAt(address, lastAt(address));
}

/** suggestEmail for an address whose last "@" is at `at` (validateRow has found it already). */
export function suggestEmailAt(address: string, at: number): string | null {
  if (at < 1) return null;
  // Most domains are a known provider's, written in lower case: no string is built for them.
  if (knownAsWritten(address, at)) return null;
  const written = address.slice(at + 1);
  let fixed = memo.get(written);
  if (fixed === null) return null;
  const domain = fixed === undefined ? written.toLowerCase() : written;
  if (known.has(domain)) return null;
  if (fixed === undefined) fixed = memo.get(domain);
  if (fixed === undefined) {
    fixed = domainTypoFix(domain);
    if (memo.size < 5000) memo.set(domain, fixed);
  }
  return fixed === null ? null : `${address.slice(0, at)}@${fixed}`;
}

/** The spell checker's thresholds (domain, second- and top-level): its defaults, all 2. */
const threshold = 2;

/**
 * The spell checker's distance (sift3, as in @zootools/email-spell-checker), stopped as soon as it
 * must exceed `threshold`: it then returns a bound above it, which the checker ranks like the
 * true distance (it only keeps the closest candidate within the threshold). Each mistyped domain
 * is measured against every known one; the full loops made V8 compile sift3 for a handful of
 * domains a sheet. email-typo.test.ts holds suggestions to the library's own distance.
 */
export function boundedSift3(s1: string, s2: string): number {
  const n1 = s1.length;
  const n2 = s2.length;
  if (n1 === 0) return n2;
  if (n2 === 0) return n1;
  // Each remaining step adds at most one match: lcs can still grow by min(n1, n2) − c.
  const best = (n1 + n2) / 2 - Math.min(n1, n2);
  let c = 0;
  let offset1 = 0;
  let offset2 = 0;
  let lcs = 0;
  while (c + offset1 < n1 && c + offset2 < n2) {
    if (s1.charCodeAt(c + offset1) === s2.charCodeAt(c + offset2)) lcs++;
    else {
      if (best + c - lcs > threshold) return best + c - lcs;
      offset1 = 0;
      offset2 = 0;
      for (let i = 0; i < 5; i++) {
        if (c + i < n1 && s1.charCodeAt(c + i) === s2.charCodeAt(c)) {
          offset1 = i;
          break;
        }
        if (c + i < n2 && s1.charCodeAt(c) === s2.charCodeAt(c + i)) {
          offset2 = i;
          break;
        }
      }
    }
    c++;
  }
  return (n1 + n2) / 2 - lcs;
}

/**
 * The known domain a lower-case domain is a typo of, or null; `distance` null is the library's own
 * sift3 (what boundedSift3 must agree with). Null, not undefined: an undefined argument would
 * take the default.
 */
export function domainTypoFix(
  domain: string,
  distance: ((a: string, b: string) => number) | null = boundedSift3,
): string | null {
  if (known.has(domain)) return null;
  const found = spellChecker.run({
    email: `x@${domain}`,
    domains: knownMailDomains,
    topLevelDomains,
    secondLevelDomains,
    ...(distance ? { distanceFunction: distance } : {}),
  });
  return found && found.domain !== domain ? found.domain : null;
}

/** suggestEmail without its memory or in-place match: what it must always equal (fast-paths test). */
export function suggestEmailPlain(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at < 1) return null;
  const fixed = domainTypoFix(address.slice(at + 1).toLowerCase(), null);
  return fixed === null ? null : `${address.slice(0, at)}@${fixed}`;
}
