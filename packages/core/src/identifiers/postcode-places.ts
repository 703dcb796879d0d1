/**
 * Postcode ↔ municipality, from bpost's list of Belgian postcodes (source and date of the copy:
 * data/SOURCES.md). bpost's list names each place once, mostly in the language of its region; the
 * other official names of the municipalities that have them (Brussels' 19 in Dutch, Walloon and
 * Flemish cities' Dutch, French and German names) are added by hand below, so "Luik", "Liège" and
 * "Lüttich" all fit 4000.
 */

import { fold } from "../validate/fold.js";
import { postcodesPacked } from "./data/postcodes-be.packed.js";

type Places = Readonly<Record<string, readonly string[]>>;

/**
 * The table of data/postcodes-be.json, read from its packed form ("<postcode − previous>|name|…",
 * ";" between: ~3 KB gzip less in the task pane) in the JSON's key order, so every answer, and the
 * order of suggestions, is the same. A test compares it with the JSON entry by entry.
 */
export function unpackPostcodes(packed: string): Places {
  const out: Record<string, string[]> = {};
  let code = 0;
  for (const line of packed.split(";")) {
    const [delta, ...names] = line.split("|");
    code += Number(delta);
    out[String(code).padStart(4, "0")] = names;
  }
  return out;
}

/** Unpacked on first use (the first check, or municipalityOf). */
let places: Places | null = null;
const byPostcode = (): Places => (places ??= unpackPostcodes(postcodesPacked));

/** Other official names (nl / fr / de) of places in the list, by the name bpost uses. */
export const otherNames: Readonly<Record<string, readonly string[]>> = {
  Bruxelles: ["Brussel", "Brüssel", "Brussels"],
  Anderlecht: [],
  Ixelles: ["Elsene"],
  Schaerbeek: ["Schaarbeek"],
  "Saint-Gilles": ["Sint-Gillis"],
  "Molenbeek-Saint-Jean": ["Sint-Jans-Molenbeek"],
  "Berchem-Sainte-Agathe": ["Sint-Agatha-Berchem"],
  "Woluwe-Saint-Pierre": ["Sint-Pieters-Woluwe"],
  "Woluwe-Saint-Lambert": ["Sint-Lambrechts-Woluwe"],
  "Saint-Josse-Ten-Noode": ["Sint-Joost-ten-Node"],
  "Watermael-Boitsfort": ["Watermaal-Bosvoorde"],
  Auderghem: ["Oudergem"],
  Uccle: ["Ukkel"],
  Forest: ["Vorst"],
  Laeken: ["Laken"],
  Antwerpen: ["Anvers", "Antwerp"],
  Gent: ["Gand", "Ghent"],
  Brugge: ["Bruges"],
  Leuven: ["Louvain"],
  Mechelen: ["Malines"],
  Kortrijk: ["Courtrai"],
  Oostende: ["Ostende"],
  Aalst: ["Alost"],
  Dendermonde: ["Termonde"],
  "Sint-Niklaas": ["Saint-Nicolas"],
  Tongeren: ["Tongres"],
  Ieper: ["Ypres"],
  Oudenaarde: ["Audenarde"],
  Ronse: ["Renaix"],
  Halle: ["Hal"],
  "Sint-Truiden": ["Saint-Trond"],
  Liège: ["Luik", "Lüttich"],
  Namur: ["Namen"],
  Mons: ["Bergen"],
  Tournai: ["Doornik"],
  Arlon: ["Aarlen"],
  Nivelles: ["Nijvel"],
  Wavre: ["Waver"],
  Huy: ["Hoei"],
  Mouscron: ["Moeskroen"],
  Enghien: ["Edingen"],
  Lessines: ["Lessen"],
  Jodoigne: ["Geldenaken"],
  Waremme: ["Borgworm"],
  Soignies: ["Zinnik"],
  Ath: ["Aat"],
  Comines: ["Komen"],
  "Comines-Warneton": ["Komen-Waasten"],
  Visé: ["Wezet"],
  Eupen: [],
  "Braine-l'Alleud": ["Eigenbrakel"],
  "Braine-le-Comte": ["'s-Gravenbrakel"],
  Hannut: ["Hannuit"],
  Verviers: [],
  Charleroi: [],
};

const foldedOther = new Map<string, string[]>(
  Object.entries(otherNames).map(([k, v]) => [fold(k), v.map(fold)]),
);

/**
 * Folded names that fit each postcode asked so far. Built per postcode on first use, not for the
 * whole list at once: folding every place name of the list (~2,800) cost about 74 million
 * instructions on the first check, most of it V8 compiling the loop, where a sheet meets a few
 * hundred postcodes.
 */
const fits = new Map<string, Set<string>>();
/** Postcodes by folded place name asked so far, for "did you mean 2000 Antwerpen". */
const postcodesOf = new Map<string, string[]>();
/** Bounds the two memories above (a postcode or town per distinct cell, at most). */
const remember = 5000;

/** The folded names of a place: its own and its other official names. */
function namesOf(folded: string): readonly string[] {
  const other = foldedOther.get(folded);
  return other ? [folded, ...other] : [folded];
}

/** The folded names that fit a postcode of the list, or undefined for one bpost does not list. */
function fitsOf(postcode: string): Set<string> | undefined {
  let set = fits.get(postcode);
  if (set !== undefined || !Object.hasOwn(byPostcode(), postcode)) return set;
  set = new Set<string>();
  for (const name of byPostcode()[postcode] as readonly string[]) {
    for (const n of namesOf(fold(name))) set.add(n);
  }
  if (fits.size < remember) fits.set(postcode, set);
  return set;
}

/** Folded bpost names whose place is also called `folded` (its other official names included). */
const baseNamesOf = new Map<string, string[]>();
for (const [base, others] of foldedOther) {
  for (const n of others) baseNamesOf.set(n, [...(baseNamesOf.get(n) ?? []), base]);
}

/** The first character of `fold(name)` when `name` starts with an ASCII letter or digit, else -1. */
function foldedFirst(name: string): number {
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) return c;
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? c | 0x20 : -1;
}

/**
 * The list's place names by the first character of their folded form (-1: a name that does not
 * start with an ASCII letter or digit), each with its postcode's place in the list. Built on the
 * first mismatch: one pass over the names, none folded.
 */
let buckets: Map<number, { at: number; name: string }[]> | null = null;
let postcodeAt: string[] = [];

function nameBuckets(): Map<number, { at: number; name: string }[]> {
  if (buckets) return buckets;
  buckets = new Map();
  const table = byPostcode();
  postcodeAt = Object.keys(table);
  for (let at = 0; at < postcodeAt.length; at++) {
    for (const name of table[postcodeAt[at] as string] as readonly string[]) {
      const first = foldedFirst(name);
      let bucket = buckets.get(first);
      if (bucket === undefined) {
        bucket = [];
        buckets.set(first, bucket);
      }
      bucket.push({ at, name });
    }
  }
  return buckets;
}

/**
 * The postcodes (in the list's order) one of whose names, or their other names, folds to
 * `folded`: what a table of every folded name would answer, found by folding only the names that
 * can fold to one of them (those starting with the same letter or digit, or with neither).
 */
function postcodesNamed(folded: string): string[] {
  let list = postcodesOf.get(folded);
  if (list !== undefined) return list;
  const targets = [folded, ...(baseNamesOf.get(folded) ?? [])];
  const all = nameBuckets();
  const firsts = new Set([-1, ...targets.map((t) => foldedFirst(t))]);
  const found: number[] = [];
  for (const first of firsts) {
    for (const { at, name } of all.get(first) ?? []) {
      if (!found.includes(at) && targets.includes(fold(name))) found.push(at);
    }
  }
  list = found.sort((a, b) => a - b).map((at) => postcodeAt[at] as string);
  if (postcodesOf.size < remember) postcodesOf.set(folded, list);
  return list;
}

export type PlaceCheck =
  | { fits: true }
  | { fits: false; unknownPostcode: true }
  | { fits: false; unknownPostcode: false; suggestions: string[] };

/**
 * Remembered answers by postcode number: the towns asked with it (as written) and their answers.
 * A sheet repeats a few spellings per postcode; comparing the town with `===` needs no hash of
 * the cell (cells from Office.js are fresh strings whose hash no Map has computed yet).
 */
// Filled to its length up front: a sparse array would fall back to slow dictionary elements.
const remembered: ({ towns: string[]; answers: PlaceCheck[] } | undefined)[] = new Array(
  10_000,
).fill(undefined);
const townsPerPostcode = 16;

/** The value of a 4-digit postcode, or -1 for anything else (those are not remembered). */
function postcodeNumber(postcode: string): number {
  if (postcode.length !== 4) return -1;
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const d = postcode.charCodeAt(i) - 48;
    if (d >>> 0 > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Whether `city` is a name of a place with `postcode` (case, accents and punctuation ignored).
 * When not: "9000 Gent" (the postcode's municipality) and "2000 Antwerpen" (the town's postcode).
 */
export function checkPlace(postcode: string, city: string): PlaceCheck {
  const n = postcodeNumber(postcode);
  if (n < 0) return checkPlacePlain(postcode, city);
  let seen = remembered[n];
  if (seen) {
    const towns = seen.towns;
    for (let i = 0; i < towns.length; i++) {
      if (towns[i] === city) return seen.answers[i] as PlaceCheck;
    }
  }
  const result = checkPlacePlain(postcode, city);
  seen ??= remembered[n] = { towns: [], answers: [] };
  if (seen.towns.length < townsPerPostcode) {
    seen.towns.push(city);
    seen.answers.push(result);
  }
  return result;
}

/** checkPlace without its memory: what every answer it remembers must equal (fast-paths test). */
export function checkPlacePlain(postcode: string, city: string): PlaceCheck {
  const set = fitsOf(postcode);
  const folded = fold(city);
  if (!set) return { fits: false, unknownPostcode: true };
  if (set.has(folded)) return { fits: true };
  const suggestions = [`${postcode} ${byPostcode()[postcode]?.[0] ?? ""}`];
  for (const other of postcodesNamed(folded)) {
    if (suggestions.length < 4) suggestions.push(`${other} ${city.trim()}`);
  }
  return { fits: false, unknownPostcode: false, suggestions };
}

/** The municipality bpost names first for a postcode, or null for an unknown postcode. */
export function municipalityOf(postcode: string): string | null {
  return byPostcode()[postcode]?.[0] ?? null;
}
