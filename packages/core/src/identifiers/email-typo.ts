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
/** Known domains by length and first letter: an address is matched against them in place. */
const knownByShape = new Map<number, string[]>();
for (const d of knownMailDomains) {
  const key = d.length * 128 + d.charCodeAt(0);
  knownByShape.set(key, [...(knownByShape.get(key) ?? []), d]);
}

/** True when the domain after `at` is a known one as written: compared in place, no slice. */
function knownAsWritten(address: string, at: number): boolean {
  const length = address.length - at - 1;
  const candidates = knownByShape.get(length * 128 + address.charCodeAt(at + 1));
  if (!candidates) return false;
  for (const d of candidates) if (address.endsWith(d)) return true;
  return false;
}

/**
 * The address with its domain corrected when the domain looks like a typo of a known provider's,
 * else null. Works on invalid addresses too (`jan@telenet.b`).
 */
export function suggestEmail(address: string): string | null {
  const at = address.lastIndexOf("@");
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
