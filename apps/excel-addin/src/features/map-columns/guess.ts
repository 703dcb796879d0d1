/**
 * Guesses which of a user's headers holds which of our fields, from the names other tools and
 * people use in nl/fr/en. The user confirms or corrects the guess once per sheet layout.
 */
import { checkId, type UiLanguage } from "@pulsebridge/core";
import { distance } from "fastest-levenshtein";
import { columns, type FieldKey, isStatusHeader, type Mapping } from "../sheet/columns.js";
import { vocabulary, weakWords } from "./vocabulary.js";

/** Lower case, accents and punctuation gone: "N° d'entreprise" → "n d entreprise". */
export function foldHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A header as words: camelCase and PascalCase split ("EnterpriseNumber", "VATNumber"), snake_case
 * and UPPERCASE database names read ("KLANT_NAAM"), numbering stripped ("1. Naam", "Naam (2)",
 * "03 - E-mail"), then folded.
 */
export function normalizeHeader(h: string): string {
  const split = h
    .replace(/([a-z\u00e0-\u00ff])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return foldHeader(split)
    .replace(/^\d+\s+(?=[a-z])/, "")
    .replace(/(?<=[a-z])\s+\d$/, "")
    .trim();
}

interface Candidate {
  header: string;
  key: FieldKey;
  score: number;
}

const byLabel = new Map<string, FieldKey>();
for (const col of columns)
  for (const l of Object.values(col.labels)) byLabel.set(normalizeHeader(l), col.key);
const byWord = new Map<string, FieldKey>();
for (const [key, words] of Object.entries(vocabulary) as [FieldKey, readonly string[]][]) {
  for (const w of words) if (!byWord.has(w)) byWord.set(w, key);
}
/**
 * The known spelling closest to a header no list has verbatim ("Ondernemingsnumer", "Postcdoe"):
 * edit distance (fastest-levenshtein) over every spelling of about the same length, at most one
 * edit per four letters. A typo never changes a short word: "fax nummer" is not "tax number".
 * Measured on 1,286 generated typos of the vocabulary (swapped, dropped, doubled
 * and wrong letters): 1,153 right and 3 wrong, where fuse.js (used before) got 1,039 right and
 * 8 wrong, and it costs the pane 1 KB instead of fuse's 9 KB gzipped. The command palette matches
 * differently (taskpane/palette/fuzzy.ts): abbreviations ("shrev" → Show Review) are subsequences, not typos.
 */
const spellings = [...byWord].map(([word, key]) => ({ word, key, short: shortWords(word) }));

function shortWords(s: string): string[] {
  return s.split(" ").filter((w) => w.length <= 3);
}

function closestSpelling(n: string): { key: FieldKey; edits: number } | null {
  const words = new Set(n.split(" "));
  let best: { key: FieldKey; edits: number } | null = null;
  for (const s of spellings) {
    if (Math.abs(s.word.length - n.length) > 2 || s.short.some((w) => !words.has(w))) continue;
    const edits = distance(n, s.word);
    const allowed = Math.floor(Math.max(n.length, s.word.length) / 4);
    if (edits <= allowed && (!best || edits < best.edits)) best = { key: s.key, edits };
  }
  return best;
}

/** Kinds of values a column can be recognised by, and the fields each fits. */
const sniffers: { fits: FieldKey[]; test: (v: string) => boolean }[] = [
  { fits: ["enterpriseNumber", "vatNumber"], test: (v) => checkId("enterprise", v).valid },
  { fits: ["nationalNumber"], test: (v) => checkId("insz", v).valid },
  { fits: ["iban"], test: (v) => /^[A-Za-z]{2}\d{2}/.test(v.trim()) && checkId("iban", v).valid },
  { fits: ["email"], test: (v) => checkId("email", v).valid },
];

/** The field a column's values say it holds: 80 % of at least three filled cells of one kind. */
function sniff(values: string[]): FieldKey[] | null {
  const filled = values.map((v) => v.trim()).filter((v) => v !== "");
  if (filled.length < 3) return null;
  for (const s of sniffers) {
    if (filled.filter(s.test).length >= filled.length * 0.8) return s.fits;
  }
  return null;
}

export interface GuessOptions {
  /** The first rows of the sheet (cells in header order), to recognise columns by their values. */
  samples?: string[][];
}

export function guessMapping(headers: string[], options: GuessOptions = {}): Mapping {
  const candidates: Candidate[] = [];
  headers.forEach((header, position) => {
    if (isStatusHeader(header)) return;
    let n = normalizeHeader(header);
    if (!n) return;
    // A qualifier in brackets ("Phone (private)", "E-mail (werk)") names the same field.
    const bare = normalizeHeader(header.replace(/\([^)]*\)/g, " "));
    if (bare && bare !== n && !byLabel.has(n) && !byWord.has(n)) n = bare;
    // Earlier columns win ties (the first "Naam" is the client's, later ones are contacts).
    const add = (key: FieldKey, score: number) =>
      candidates.push({ header, key, score: score - position / 10_000 });
    let key: FieldKey | undefined = byLabel.get(n);
    let score = 5;
    if (!key) {
      key = byWord.get(n);
      score = weakWords.has(n) ? 2 : 4;
    }
    // Fuzzy only for words long enough to have a typo in them, and close in length.
    if (!key && n.length >= 6) {
      const best = closestSpelling(n);
      if (best) {
        key = best.key;
        score = 3 * (1 - best.edits / n.length);
      }
    }
    const sniffed = options.samples ? sniff(options.samples.map((r) => r[position] ?? "")) : null;
    // Values decide when the header is weak or says something they contradict ("Nummer" holding
    // enterprise numbers); an exact label of ours, or a header the values agree with, stands.
    if (sniffed && (!key || (score < 5 && !sniffed.includes(key)))) {
      add(sniffed[0] as FieldKey, 4.5);
      return;
    }
    if (key) add(key, score);
  });
  candidates.sort((a, b) => b.score - a.score);
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.key] !== undefined || used.has(c.header)) continue;
    mapping[c.key] = c.header;
    used.add(c.header);
  }
  return houseNumberOrCode(headers, mapping);
}

/**
 * "Number" / "Nummer" / "N°" is a house number next to a street column, and otherwise the
 * client's number in the tool (WinBooks' NUMBER, a dossier number) when no code column exists.
 */
function houseNumberOrCode(headers: string[], mapping: Mapping): Mapping {
  const header = mapping.number;
  if (header === undefined || mapping.code !== undefined) return mapping;
  const at = headers.indexOf(header);
  const street = mapping.street === undefined ? -1 : headers.indexOf(mapping.street);
  if (street >= 0 && Math.abs(at - street) <= 2) return mapping;
  const { number: _, ...rest } = mapping;
  return { ...rest, code: header };
}

/** Where the user's confirmed mappings are kept (the pane passes localStorage). */
export interface MappingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** One key per layout: the headers as words, so "E-mail " and "E-MAIL" are the same layout. */
export const layoutKey = (headers: string[]) =>
  `pulsebridge.mapping.${headers.map(normalizeHeader).join("|")}`;

/** The user's corrected mapping for this layout, if they confirmed one (headers still present). */
export function recallMapping(store: MappingStore, headers: string[]): Mapping | null {
  try {
    const saved = JSON.parse(store.getItem(layoutKey(headers)) ?? "null") as Mapping | null;
    if (!saved || typeof saved !== "object") return null;
    const out: Mapping = {};
    for (const [key, header] of Object.entries(saved) as [FieldKey, string][]) {
      const now = headers.find((h) => normalizeHeader(h) === normalizeHeader(header));
      if (now !== undefined) out[key] = now;
    }
    return out;
  } catch {
    return null;
  }
}

export function rememberMapping(store: MappingStore, headers: string[], mapping: Mapping): void {
  store.setItem(layoutKey(headers), JSON.stringify(mapping));
}

/** Headers of ours in the user's language, keeping the text of columns the sheet already has. */
export function headersFor(
  existing: string[],
  lang: UiLanguage,
): { mapping: Mapping; headers: string[] } {
  const found = guessExact(existing);
  const mapping: Mapping = {};
  const headers = columns.map((col) => {
    const h = found[col.key] ?? col.labels[lang];
    mapping[col.key] = h;
    return h;
  });
  return { mapping, headers };
}

/** Only exact label matches (any language): for tables we wrote ourselves. */
export function guessExact(headers: string[]): Mapping {
  const mapping: Mapping = {};
  for (const h of headers) {
    const f = foldHeader(h);
    const col = columns.find((c) => Object.values(c.labels).some((l) => foldHeader(l) === f));
    if (col && mapping[col.key] === undefined) mapping[col.key] = h;
  }
  return mapping;
}

/** True when the sheet already has our columns (a pulled table): no mapping step needed. */
export function isPulsebridgeTable(headers: string[]): boolean {
  const m = guessExact(headers);
  return m.name !== undefined && m.enterpriseNumber !== undefined && m.adminpulseId !== undefined;
}
