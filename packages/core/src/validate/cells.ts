/**
 * Readers for the free-text cells of an import row: kind, language, country, role, dates and
 * numbers, in the spellings Belgian offices use in nl, fr and en. Each returns the canonical
 * value or null when the cell cannot be read; the caller turns null into a row issue.
 */
import { digitCode } from "../identifiers/digit-code.js";
import type { ClientKind, Language, LinkRole } from "../model/client.js";
import { fold, foldedTable } from "./fold.js";

const kindTable = foldedTable<ClientKind>({
  company: [
    "vennootschap",
    "bedrijf",
    "onderneming",
    "rechtspersoon",
    "vereniging",
    "société",
    "entreprise",
    "personne morale",
    "association",
    "legal entity",
    "legal person",
    "corporation",
    "organisation",
    "organization",
  ],
  soleProprietor: [
    "sole proprietor",
    "sole proprietorship",
    "sole trader",
    "self-employed",
    "eenmanszaak",
    "eenmansbedrijf",
    "zelfstandige",
    "natuurlijk persoon met onderneming",
    "entreprise individuelle",
    "entreprise personne physique",
    "indépendant",
    "personne physique avec entreprise",
  ],
  person: [
    "persoon",
    "particulier",
    "natuurlijk persoon",
    "privépersoon",
    "privé",
    "personne physique",
    "personne",
    "individual",
    "private person",
    "natural person",
  ],
});

/**
 * A reader's remembered answers. Kind, language, country and role cells repeat the same few
 * spellings down a whole sheet: the first few are compared with `===` (a cell from Office.js is a
 * fresh string, whose hash a Map lookup would compute on every row), the rest go through a Map
 * (bounded, so odd input cannot grow it without limit).
 */
interface Memo<T> {
  recent: string[];
  answers: (T | null)[];
  byCell: Map<string, T | null>;
}

function memo<T>(): Memo<T> {
  return { recent: [], answers: [], byCell: new Map() };
}

/** Spellings compared with `===` before the Map: a sheet uses a handful per column. */
const recentSpellings = 8;

/** What lookup needs of a table: its answer for a folded spelling. */
type Table<T> = Pick<ReadonlyMap<string, T>, "get">;

function lookup<T>(cell: string, table: Table<T>, m: Memo<T>): T | null {
  const recent = m.recent;
  for (let i = 0; i < recent.length; i++) {
    if (recent[i] === cell) return m.answers[i] as T | null;
  }
  let value = m.byCell.get(cell);
  if (value === undefined) {
    value = lookupPlain(cell, table);
    if (m.byCell.size < 1000) m.byCell.set(cell, value);
  }
  if (recent.length < recentSpellings) {
    recent.push(cell);
    m.answers.push(value);
  }
  return value;
}

/** lookup without its memory: what every remembered answer must equal (cells.test.ts). */
export function lookupPlain<T>(cell: string, table: Table<T>): T | null {
  return table.get(fold(cell)) ?? null;
}

const kindMemo = memo<ClientKind>();
export function readKind(cell: string): ClientKind | null {
  return lookup(cell, kindTable, kindMemo);
}

const languageTable = foldedTable<Language>({
  nl: ["n", "nld", "dut", "nederlands", "dutch", "néerlandais", "vlaams", "flemish", "nl-BE"],
  fr: ["f", "fra", "fre", "français", "frans", "french", "fr-BE"],
  en: ["e", "eng", "engels", "english", "anglais"],
  de: ["d", "deu", "ger", "duits", "deutsch", "german", "allemand", "de-BE"],
});

const languageMemo = memo<Language>();
export function readLanguage(cell: string): Language | null {
  return lookup(cell, languageTable, languageMemo);
}

const roleTable = foldedTable<LinkRole>({
  contact: ["contactpersoon", "personne de contact", "contact person"],
  beneficiary: [
    "uiteindelijke begunstigde",
    "begunstigde",
    "UBO",
    "bénéficiaire effectif",
    "bénéficiaire",
    "beneficial owner",
  ],
  trustee: ["fiduciaris", "trust"],
  director: [
    "bestuurder",
    "zaakvoerder",
    "gedelegeerd bestuurder",
    "dagelijks bestuurder",
    "administrateur",
    "administrateur délégué",
    "gérant",
    "managing director",
    "manager",
    "owner/director",
  ],
  partner: ["vennoot", "associé"],
  shareholder: ["aandeelhouder", "actionnaire", "aandelen", "shareholder"],
  auditor: [
    "commissaris",
    "revisor",
    "bedrijfsrevisor",
    "commissaire",
    "réviseur",
    "réviseur d'entreprises",
  ],
  controlOther: [
    "control other",
    "andere zeggenschap",
    "zeggenschap op andere wijze",
    "contrôle par d'autres moyens",
    "autre contrôle",
    "control by other means",
  ],
  accountant: ["boekhouder", "comptable", "expert-comptable", "accountant-belastingconsulent"],
  bank: ["banque"],
  child: ["kind", "enfant"],
  holding: [],
  insurer: ["verzekeraar", "assureur", "insurance"],
  lawyer: ["advocaat", "avocat"],
  member: ["lid", "membre"],
  notary: ["notaris", "notaire"],
  representative: [
    "vertegenwoordiger",
    "vaste vertegenwoordiger",
    "représentant",
    "représentant permanent",
    "permanent representative",
  ],
  vatUnit: ["btw-eenheid", "unité TVA", "VAT unit", "vat group"],
  other: ["ander", "andere", "autre", "overige"],
});

const roleMemo = memo<LinkRole>();
export function readRole(cell: string): LinkRole | null {
  return lookup(cell, roleTable, roleMemo);
}

/**
 * Countries by ISO code or by their name in nl, fr, en or de. The names come from the runtime's
 * ICU data (Intl.DisplayNames exists in Node, Workers, Bun and browsers), so no list is kept here.
 */
let countryTable: Map<string, string> | null = null;
// Groupings and private-use codes, then withdrawn ones (DD and FX share names with DE and FR).
const notCountries = new Set(
  ["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"].concat([
    "AN",
    "BU",
    "CS",
    "DD",
    "FX",
    "NT",
    "SU",
    "TP",
    "YD",
    "YU",
    "ZR",
  ]),
);
const countryAliases: Record<string, string> = { uk: "GB", el: "GR", belgie: "BE", holland: "NL" };

function buildCountryTable(): Map<string, string> {
  const table = new Map<string, string>();
  const namers = ["en", "nl", "fr", "de"].map(
    (lang) => new Intl.DisplayNames([lang], { type: "region", fallback: "none" }),
  );
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(65 + i, 65 + j);
      if (notCountries.has(code) || namers[0]?.of(code) === undefined) continue;
      table.set(code.toLowerCase(), code);
      for (const namer of namers) {
        const name = namer.of(code);
        // The first code to claim a name keeps it.
        if (name && !table.has(fold(name))) table.set(fold(name), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(countryAliases)) table.set(alias, code);
  return table;
}

const countryMemo = memo<string>();

/**
 * Belgium and its neighbours as a Belgian sheet writes them (folded), answered without the full
 * table: building it asks ICU for ~2,700 region names in four languages, ~190 million instructions
 * (valgrind) or a few hundred milliseconds on the first row of an import. Each answer is the full
 * table's (fast-paths.test.ts).
 */
export const commonCountries: ReadonlyMap<string, string> = new Map([
  ...["be", "belgie", "belgique", "belgium", "belgien"].map((k) => [k, "BE"] as const),
  ...["nl", "nederland", "paysbas", "netherlands", "niederlande"].map((k) => [k, "NL"] as const),
  ...["fr", "frankrijk", "france", "frankreich"].map((k) => [k, "FR"] as const),
  ...["de", "duitsland", "allemagne", "germany", "deutschland"].map((k) => [k, "DE"] as const),
  ...["lu", "luxemburg", "luxembourg"].map((k) => [k, "LU"] as const),
]);

/** The common spellings first; the full table is built only for another one. */
const countries: Table<string> = {
  get(folded) {
    const common = commonCountries.get(folded);
    if (common !== undefined) return common;
    countryTable ??= buildCountryTable();
    return countryTable.get(folded);
  },
};

/** The readers' tables, for tests that hold remembered answers to lookupPlain's. */
export const cellTables = {
  kind: kindTable,
  language: languageTable,
  role: roleTable,
  country: () => (countryTable ??= buildCountryTable()),
};
export function readCountry(cell: string): string | null {
  // The common case, an upper-case code, needs no table.
  if (cell === "BE") return "BE";
  return lookup(cell, countries, countryMemo);
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (daysInMonth[month - 1] ?? 0);
  if (day > max) return null;
  let byDay = writtenDates[year - 1800];
  if (byDay === undefined) {
    byDay = new Array<string | null>(13 * 32).fill(null);
    writtenDates[year - 1800] = byDay;
  }
  const known = byDay[month * 32 + day];
  if (known) return known;
  const iso = isoString(year, month, day);
  if (datesKept < maxDatesKept) {
    byDay[month * 32 + day] = iso;
    datesKept++;
  }
  return iso;
}

/**
 * The ISO dates already written, by year (from 1800) then `month × 32 + day`: a sheet's date
 * columns repeat a few dates (general meetings, a link's start), so each is written once and the
 * string shared, not built again on every row (building it was most of readDate's cost). Bounded.
 */
const writtenDates: ((string | null)[] | undefined)[] = new Array(1200).fill(undefined);
const maxDatesKept = 20_000;
let datesKept = 0;

/** `yyyy-mm-dd`. */
function isoString(year: number, month: number, day: number): string {
  // One fromCharCode call: a template literal builds five intermediate strings per date.
  return String.fromCharCode(
    digitCode(year, 1000),
    digitCode(year, 100),
    digitCode(year, 10),
    digitCode(year, 1),
    45,
    digitCode(month, 10),
    digitCode(month, 1),
    45,
    digitCode(day, 10),
    digitCode(day, 1),
  );
}

/** The value of `len` ASCII digits of `s` from `at`, or -1 if any is not a digit. */
function digitsAt(s: string, at: number, len: number): number {
  let n = 0;
  for (let k = at; k < at + len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const isSeparator = (c: number) => c === 47 || c === 45 || c === 46; // "/", "-", "."
// What may follow a date written by a tool that exports date-times: a midnight time, nothing else.
const midnight = /^[ T]00:00(?::00(?:\.0+)?)?Z?$/;
// Day 0 of Excel's 1900 date system, which (after Lotus) counts a 29 February 1900 that never was.
const excelEpoch = Date.UTC(1899, 11, 30);

/**
 * A date as typed in a Belgian sheet: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (day and month may have
 * one digit), yyyy-mm-dd, or the serial number Excel shows when a date cell was read as a number.
 * Day-first only: Belgium never writes the month first. Serials are limited to 5 digits
 * (1927–2173), so a bare year is never read as a date. Parsed by hand, not by regex: it runs
 * on every date cell of every row.
 */
export function readDate(cell: string): string | null {
  // dd/mm/yyyy (or with "-" or "."), the common spelling, in one loop over its ten characters (reads
  // at fixed places made a few hundred bytes of machine code each: BENCHMARKS, "Session 12 —
  // validateRow code size"); anything else on it (a non-digit) is left to the general reading.
  if (cell.length === 10) {
    let sep = 0;
    let value = 0; // ddmmyyyy
    let i = 0;
    for (; i < 10; i++) {
      const c = cell.charCodeAt(i);
      if (i === 2) {
        if (!isSeparator(c)) break;
        sep = c;
      } else if (i === 5) {
        if (c !== sep) break;
      } else if ((c - 48) >>> 0 > 9) break;
      else value = value * 10 + (c - 48);
    }
    if (i === 10) {
      return isoDate(value % 10_000, ((value / 10_000) | 0) % 100, (value / 1_000_000) | 0);
    }
  }
  return readDateGeneral(cell);
}

/** readDate without its shortcut for dd/mm/yyyy: what it must always equal (validate-row.test.ts). */
export function readDateGeneral(cell: string): string | null {
  const n = cell.length;
  // yyyy-mm-dd, optionally with a midnight time.
  if (n >= 10 && cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) {
    const y = digitsAt(cell, 0, 4);
    const m = digitsAt(cell, 5, 2);
    const d = digitsAt(cell, 8, 2);
    if (y < 0 || m < 0 || d < 0 || (n > 10 && !midnight.test(cell.slice(10)))) return null;
    return isoDate(y, m, d);
  }
  // d/m/yyyy with one- or two-digit day and month.
  const s1 = isSeparator(cell.charCodeAt(1)) ? 1 : isSeparator(cell.charCodeAt(2)) ? 2 : -1;
  if (s1 > 0) {
    const sep = cell.charCodeAt(s1);
    const s2 =
      cell.charCodeAt(s1 + 2) === sep ? s1 + 2 : cell.charCodeAt(s1 + 3) === sep ? s1 + 3 : -1;
    if (s2 < 0 || n < s2 + 5) return null;
    const d = digitsAt(cell, 0, s1);
    const m = digitsAt(cell, s1 + 1, s2 - s1 - 1);
    const y = digitsAt(cell, s2 + 1, 4);
    if (d < 0 || m < 0 || y < 0 || (n > s2 + 5 && !midnight.test(cell.slice(s2 + 5)))) return null;
    return isoDate(y, m, d);
  }
  // An Excel serial: five digits, perhaps with a zero fraction.
  if (n >= 5 && digitsAt(cell, 0, 5) >= 0 && (n === 5 || /^\.0+$/.test(cell.slice(5)))) {
    return new Date(excelEpoch + digitsAt(cell, 0, 5) * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

export type NumberReading =
  | { ok: true; value: number; ambiguousWith: number | null }
  | { ok: false; negative: boolean };

const spaces = /[\s\u00a0\u202f']/g;
const plainNumber = /^-?\d+(?:\.\d+)?$/;

/**
 * A number written with "," or "." as the decimal separator, optionally with thousands
 * separators (space, apostrophe, or the other mark). One lone separator followed by exactly three
 * digits ("1.000") is read as a decimal mark but reported as ambiguous with the thousands reading.
 */
export function readNumber(cell: string): NumberReading {
  // Fast path: digits with at most one inner "," or "." that is not followed by exactly three
  // digits (the usual share count or percentage); everything else takes the general path.
  const n = cell.length;
  let mark = -1;
  let simple = n <= 15;
  for (let k = 0; k < n && simple; k++) {
    const c = cell.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if ((c === 44 || c === 46) && mark < 0 && k > 0 && k < n - 1) mark = k;
    else simple = false;
  }
  if (simple && mark < 0) return { ok: true, value: Number(cell), ambiguousWith: null };
  if (simple && n - mark - 1 !== 3) {
    const value = Number(`${cell.slice(0, mark)}.${cell.slice(mark + 1)}`);
    return { ok: true, value, ambiguousWith: null };
  }
  let s = cell.replace(spaces, "");
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  let ambiguous = false;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both marks: the last one is the decimal separator, the other groups thousands.
    const decimal = lastComma > lastDot ? "," : ".";
    const group = decimal === "," ? "." : ",";
    s = s.split(group).join("");
    if (decimal === ",") s = s.replace(",", ".");
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? "," : ".";
    const parts = s.split(mark);
    if (parts.length > 2) {
      // "1.000.000": repeated marks can only group thousands.
      if (!parts.slice(1).every((p) => p.length === 3)) return { ok: false, negative: false };
      s = parts.join("");
    } else {
      ambiguous = parts[1]?.length === 3 && /^-?[1-9]\d{0,2}$/.test(parts[0] ?? "");
      s = `${parts[0]}.${parts[1]}`;
    }
  }
  if (!plainNumber.test(s)) return { ok: false, negative: false };
  const value = Number(s);
  if (value < 0) return { ok: false, negative: true };
  return { ok: true, value, ambiguousWith: ambiguous ? Number(s.replace(".", "")) : null };
}
