/**
 * National register number (NRN), BIS number and INSZ/NISS (either): 11 digits YYMMDD SSS CC.
 * Hand-written: no package applies the rules chosen in docs/identifiers.md (day 00 accepted,
 * real calendar dates, no future dates, check 00 refused, NRN and BIS months kept apart).
 */

import type { IdCode } from "./messages.js";
import { type CheckIdOptions, fail, ok } from "./result.js";
import { lookalikeSuggestion, mod97Suggestions, paddedSuggestion } from "./suggestions.js";
import type { IdCheck } from "./types.js";
import { SCAN_EMPTY, SCAN_OK, scan, scanDigits, scannedDigits } from "./unicode.js";

export const NRN = 1;
export const BIS = 2;
export const INSZ = NRN | BIS;

const DAY_MS = 86_400_000;
/**
 * Dates are taken in UTC+2, Brussels summer time: a person born today in Belgium is never "in the
 * future", at the cost of accepting a birth date up to one hour early in winter.
 */
const BRUSSELS_OFFSET_MS = 2 * 3_600_000;

function ymdOf(ms: number): number {
  const d = new Date(ms + BRUSSELS_OFFSET_MS);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

let cachedYmd = 0;
let cachedUntil = 0;

/** Today as yyyymmdd; the real date is cached until the next (shifted) midnight. */
function todayYmd(today: Date | undefined): number {
  if (today) return ymdOf(today.getTime());
  const now = Date.now();
  if (now >= cachedUntil) {
    cachedYmd = ymdOf(now);
    cachedUntil =
      (Math.floor((now + BRUSSELS_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - BRUSSELS_OFFSET_MS;
  }
  return cachedYmd;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 2·10⁹ mod 97: the born-in-2000-or-later check puts a 2 in front of the 9-digit base. */
const TWO_PREFIX = 68;
const CENTURY_OFFSETS = [0, TWO_PREFIX] as const;

/**
 * The first rule a number breaks, or null when it is valid. The check digits come first (as in
 * python-stdnum): a typo anywhere, the month included, then reads as "check digits" with suggestions.
 */
function personError(
  value: number,
  mask: number,
  today: Date | undefined,
  clock?: { ymd: number },
): IdCode | null {
  // `| 0`: the parts fit in int32, and int32 arithmetic is far cheaper than float64 remainders.
  const base = Math.floor(value / 100) | 0;
  const check = (value - base * 100) | 0;
  const r = base % 97;
  let century: number;
  if (r + check === 97) century = 1900;
  else if (((r + TWO_PREFIX) % 97) + check === 97) century = 2000;
  else return "id.checksum";
  const mm = ((base / 100_000) | 0) % 100;
  let month = mm;
  if (mm <= 12) {
    if ((mask & NRN) === 0) return "id.nrn_month";
  } else if ((mm >= 20 && mm <= 32) || (mm >= 40 && mm <= 52)) {
    if ((mask & BIS) === 0) return "id.bis_month";
    month = mm % 20;
  } else return "id.month";
  const year = century + ((base / 10_000_000) | 0);
  const dd = ((base / 1000) | 0) % 100;
  // Month 00: unknown date or an exhausted day counter, so any day. Day 00: unknown day.
  if (month !== 0 && dd !== 0 && dd > daysInMonth(year, month)) return "id.not_a_date";
  if (year >= 2000) {
    const earliest = year * 10_000 + month * 100 + (month === 0 ? 0 : dd);
    // Reading the clock costs ~100 ns here. Today only moves forward, so a date on or before the
    // cached today needs no read; a suggestion search reads it at most once (`clock`).
    if (clock) {
      if (clock.ymd === 0) clock.ymd = todayYmd(today);
      if (earliest > clock.ymd) return "id.future_date";
    } else if ((today || earliest > cachedYmd) && earliest > todayYmd(today)) {
      return "id.future_date";
    }
  }
  return null;
}

/** `85.07.30-033.28` (one fromCharCode call: cheaper than slicing and concatenating) */
export function formatNationalNumberDigits(n: string): string {
  return String.fromCharCode(
    n.charCodeAt(0),
    n.charCodeAt(1),
    46,
    n.charCodeAt(2),
    n.charCodeAt(3),
    46,
    n.charCodeAt(4),
    n.charCodeAt(5),
    45,
    n.charCodeAt(6),
    n.charCodeAt(7),
    n.charCodeAt(8),
    46,
    n.charCodeAt(9),
    n.charCodeAt(10),
  );
}

/** `suggest: false` skips the suggestion search: used when judging a candidate itself. */
export function checkPersonNumber(
  input: string,
  mask: number,
  options?: CheckIdOptions,
  suggest = true,
): IdCheck {
  const status = scanDigits(input, false);
  if (status === SCAN_EMPTY) return fail("id.empty");
  if (status !== SCAN_OK) {
    const fix = (c: string) => checkPersonNumber(c, mask, options, false);
    return fail("id.characters", suggest ? lookalikeSuggestion(input, fix) : []);
  }
  const value = scan.value;
  let count = scan.count;
  let padded = false;
  if (count < 11 && options?.fromNumericCell) {
    count = 11;
    padded = true;
  }
  const today = options?.today;
  if (count !== 11) {
    if (count > 11 || !suggest) return fail("id.length");
    const digits = scannedDigits(input, count);
    return fail(
      "id.length",
      paddedSuggestion(digits, 11, (s) => checkPersonNumber(s, mask, { today }, false).valid),
    );
  }
  if (value === 0) return fail("id.all_zeros");
  const code = personError(value, mask, today);
  if (code === null) {
    const normalized = scan.clean && input.length === 11 ? input : scannedDigits(input, 11);
    const warnings: string[] = padded ? ["id.padded_leading_zero"] : [];
    const base = Math.floor(value / 100) | 0;
    const mm = ((base / 100_000) | 0) % 100;
    const serial = base % 1000;
    if (mm <= 12 && (serial === 0 || serial === 999)) warnings.push("id.serial_000_999");
    return ok(normalized, formatNationalNumberDigits(normalized), warnings);
  }
  if (suggest && code === "id.checksum") {
    const normalized = scan.clean && input.length === 11 ? input : scannedDigits(input, 11);
    const clock = { ymd: 0 };
    return fail(
      code,
      mod97Suggestions(
        normalized,
        value,
        CENTURY_OFFSETS,
        (v) => personError(v, mask, today, clock) === null,
      ),
    );
  }
  return fail(code);
}
