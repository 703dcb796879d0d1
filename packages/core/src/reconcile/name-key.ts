/**
 * The key for matching clients that carry no identifier: their name, folded so that spelling
 * differences between tools do not matter, plus the postcode.
 */
import { nonAscii } from "../validate/fold.js";

const combiningMarks = /[\u0300-\u036f]/g;
// Dots and apostrophes join ("N.V." → "nv", "d'Hondt" → "dhondt"); other punctuation separates.
const joiners = /[.'’`´]/g;
const separators = /[^a-z0-9]+/;

/**
 * Belgian legal-form abbreviations in nl, fr, de (current code of companies and the pre-2019 forms),
 * plus a few foreign ones seen in client lists. They are dropped because one tool writes
 * "Bakkerij Peeters BV" and another "BAKKERIJ PEETERS".
 */
const legalForms = new Set([
  "bv",
  "bvba",
  "ebvba",
  "nv",
  "cv",
  "cvba",
  "cvoa",
  "comm",
  "commv",
  "commva",
  "gcv",
  "vof",
  "vzw",
  "ivzw",
  "ezw",
  "esv",
  "sprl",
  "sprlu",
  "srl",
  "sa",
  "sc",
  "scrl",
  "scri",
  "scs",
  "sca",
  "snc",
  "asbl",
  "aisbl",
  "fup",
  "sfs",
  "gie",
  "ese",
  "gmbh",
  "ag",
  "ltd",
]);

/** "Bakkerij Peeters B.V." and "bakkerij  PEETERS" give the same key; word order does not matter. */
export function normalizeName(name: string): string {
  let s = name.toLowerCase();
  if (nonAscii.test(s)) s = s.normalize("NFD").replace(combiningMarks, "");
  const words = s.replace(joiners, "").split(separators);
  const kept: string[] = [];
  for (const w of words) if (w !== "" && !legalForms.has(w)) kept.push(w);
  // A name made only of legal-form words keeps them, rather than matching every other such name.
  if (kept.length === 0) for (const w of words) if (w !== "") kept.push(w);
  return kept.sort().join(" ");
}

export function nameKey(name: string, postalCode: string | null | undefined): string {
  return `${normalizeName(name)}|${postalCode ?? ""}`;
}

/**
 * The name a client is matched on: a person's first and last name when it has them (so "Peeters
 * Jan" from a split-name sheet meets "Jan Peeters" from AdminPulse), else its display name.
 */
export function matchName(c: {
  kind: string;
  name: string;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
}): string {
  if (c.kind === "company" || (!c.firstName && !c.lastName)) return c.name;
  return `${c.lastName ?? ""} ${c.firstName ?? ""}`;
}
