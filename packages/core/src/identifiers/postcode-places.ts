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
const otherNames: Record<string, readonly string[]> = {
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

/** Folded names that fit each postcode, built on first use. */
let fits: Map<string, Set<string>> | null = null;
/** Postcodes by folded place name, for "did you mean 2000 Antwerpen". */
let postcodesOf: Map<string, string[]> | null = null;

function build(): void {
  fits = new Map();
  postcodesOf = new Map();
  for (const [postcode, names] of Object.entries(byPostcode())) {
    const set = new Set<string>();
    for (const name of names) {
      // Folded once: the build folds every place name of the list on the first check.
      const folded = fold(name);
      for (const n of [folded, ...(foldedOther.get(folded) ?? [])]) {
        set.add(n);
        const list = postcodesOf.get(n) ?? [];
        if (!list.includes(postcode)) list.push(postcode);
        postcodesOf.set(n, list);
      }
    }
    fits.set(postcode, set);
  }
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
  if (!fits) build();
  const set = fits?.get(postcode);
  const folded = fold(city);
  if (!set) return { fits: false, unknownPostcode: true };
  if (set.has(folded)) return { fits: true };
  const suggestions = [`${postcode} ${byPostcode()[postcode]?.[0] ?? ""}`];
  for (const other of postcodesOf?.get(folded) ?? []) {
    if (suggestions.length < 4) suggestions.push(`${other} ${city.trim()}`);
  }
  return { fits: false, unknownPostcode: false, suggestions };
}

/** The municipality bpost names first for a postcode, or null for an unknown postcode. */
export function municipalityOf(postcode: string): string | null {
  return byPostcode()[postcode]?.[0] ?? null;
}
