/**
 * Likely typos in the domain of an e-mail address (`gmial.com` → `gmail.com`, `telenet.b` →
 * `telenet.be`), by @zootools/email-spell-checker (a maintained mailcheck) over the providers
 * Belgian clients use. Only the domain matters, and a sheet repeats few domains, so answers are
 * remembered per domain (bounded).
 */
import spellChecker from "@zootools/email-spell-checker";

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
 * True when the domain after `at` is a known one as written: compared in place, code unit by code
 * unit (what `endsWith` does for a candidate of the domain's length, without its call).
 */
function knownAsWritten(address: string, at: number): boolean {
  const length = address.length - at - 1;
  const first = address.charCodeAt(at + 1);
  if (length >= shapeLengths || first >= 128) return false;
  const candidates = knownByShape[length * 128 + first];
  if (candidates === undefined) return false;
  for (let k = 0; k < candidates.length; k++) {
    const d = candidates[k] as string;
    let i = 1;
    while (i < length && address.charCodeAt(at + 1 + i) === d.charCodeAt(i)) i++;
    if (i === length) return true;
  }
  return false;
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
  const at = lastAt(address);
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

/** The known domain a lower-case domain is a typo of, or null. */
function domainTypoFix(domain: string): string | null {
  if (known.has(domain)) return null;
  const found = spellChecker.run({
    email: `x@${domain}`,
    domains: knownMailDomains,
    topLevelDomains,
    secondLevelDomains,
  });
  return found && found.domain !== domain ? found.domain : null;
}

/** suggestEmail without its memory or in-place match: what it must always equal (fast-paths test). */
export function suggestEmailPlain(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at < 1) return null;
  const fixed = domainTypoFix(address.slice(at + 1).toLowerCase());
  return fixed === null ? null : `${address.slice(0, at)}@${fixed}`;
}
