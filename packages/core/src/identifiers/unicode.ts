/**
 * Character classes shared by the identifier scanners. Excel exports and copies from PDFs bring
 * non-breaking spaces, look-alike dashes and fullwidth digits; the scanners fold them by char code
 * (no regex, no allocation) because checkId runs millions of times per import.
 */

/** Returned by `classify` for a character that is neither a digit nor a separator. */
export const OTHER = -1;
/** Returned by `classify` for whitespace (incl. NBSP, narrow NBSP, zero-width space, BOM). */
export const SPACE = -2;
/** Returned by `classify` for `.` and its fullwidth form. */
export const DOT = -3;
/** Returned by `classify` for `-`, U+2010–U+2015, U+2212, the soft hyphen and small/fullwidth hyphens. */
export const DASH = -4;
/** Returned by `classify` for `/` and its fullwidth form. */
export const SLASH = -5;

/**
 * The digit value 0–9 of `c` (ASCII or fullwidth), or one of the negative classes above.
 * ASCII digits are tested first: they are nearly every character we see.
 */
export function classify(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c === 32 || c === 46 || c === 45) return c === 32 ? SPACE : c === 46 ? DOT : DASH;
  if (c === 47) return SLASH;
  if (c < 128) return c === 9 || c === 10 || c === 11 || c === 12 || c === 13 ? SPACE : OTHER;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10; // fullwidth digits
  if (c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x1680 || c === 0x205f) return SPACE;
  if ((c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029) return SPACE;
  if (c === 0x3000 || c === 0xfeff || c === 0x2060) return SPACE;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xad) return DASH;
  if (c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return DASH;
  if (c === 0xff0e) return DOT;
  if (c === 0xff0f) return SLASH;
  return OTHER;
}

/** True for the whitespace class (used by trimming in the text kinds). */
export function isSpace(c: number): boolean {
  return c !== 46 && c !== 45 && c !== 47 && classify(c) === SPACE;
}

/** Trim with the wider whitespace set above (String#trim misses U+200B and friends). */
export function trimWide(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && isSpace(input.charCodeAt(start))) start++;
  while (end > start && isSpace(input.charCodeAt(end - 1))) end--;
  return start === 0 && end === input.length ? input : input.slice(start, end);
}

/**
 * Folds look-alikes to ASCII and drops whitespace and the listed separator classes; keeps every
 * other character. Used by the kinds that are not on the hot path (IBAN, postcode).
 */
export function foldAndStrip(input: string, drop: readonly number[]): string {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const k = classify(c);
    if (k >= 0) out += String.fromCharCode(48 + k);
    else if (k === OTHER) out += input[i];
    else if (k !== SPACE && !drop.includes(k)) out += k === DOT ? "." : k === DASH ? "-" : "/";
  }
  return out;
}

/**
 * Scan result shared by the digit scanners. A singleton, not a returned object, so the hot path
 * allocates nothing; it is read immediately after each scan (JS is single-threaded).
 */
export const scan = {
  /** Number of digits seen. */
  count: 0,
  /** The digits read as an integer (exact for up to 15 digits; further digits are not added). */
  value: 0,
  /** True when the input was exactly the digits, nothing folded or dropped. */
  clean: true,
};

/** Scratch space for the digits of a non-clean input. */
const BUF = new Uint8Array(16);

/**
 * A scanner keeps no digits while the input is clean (the common case: the input is its own
 * normalised form). At the first other character it copies the digits read so far, which are
 * the ASCII digits at the start of the input, and keeps every later digit.
 */
function backfill(input: string, count: number): void {
  for (let j = 0; j < count && j < 16; j++) BUF[j] = input.charCodeAt(j) - 48;
}

/**
 * The digits of the last successful scan of `input` as a string, left-padded with
 * zeros to `length` (≥ scan.count, ≤ 16). One String.fromCharCode call: printing the number
 * (String(value)) costs several times more.
 */
export function scannedDigits(input: string, length: number): string {
  // A clean input is nothing but ASCII digits (a 9-digit or numeric-cell number needs padding).
  if (scan.clean) return input.padStart(length, "0");
  const count = scan.count;
  const pad = length - count;
  if (pad === 0 && length === 10) {
    const b = BUF;
    return String.fromCharCode(
      48 + b[0]!,
      48 + b[1]!,
      48 + b[2]!,
      48 + b[3]!,
      48 + b[4]!,
      48 + b[5]!,
      48 + b[6]!,
      48 + b[7]!,
      48 + b[8]!,
      48 + b[9]!,
    );
  }
  if (pad === 1 && length === 10) {
    // the 9-digit notation
    const b = BUF;
    return `0${String.fromCharCode(
      48 + b[0]!,
      48 + b[1]!,
      48 + b[2]!,
      48 + b[3]!,
      48 + b[4]!,
      48 + b[5]!,
      48 + b[6]!,
      48 + b[7]!,
      48 + b[8]!,
    )}`;
  }
  if (pad === 0 && length === 11) {
    const b = BUF;
    return String.fromCharCode(
      48 + b[0]!,
      48 + b[1]!,
      48 + b[2]!,
      48 + b[3]!,
      48 + b[4]!,
      48 + b[5]!,
      48 + b[6]!,
      48 + b[7]!,
      48 + b[8]!,
      48 + b[9]!,
      48 + b[10]!,
    );
  }
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(i < pad ? 48 : 48 + BUF[i - pad]!);
  return out;
}

/** Result codes of the scanners (≥ 0 means success). */
export const SCAN_OK = 0;
export const SCAN_EMPTY = 1;
export const SCAN_CHARACTERS = 2;
export const SCAN_PREFIX = 3;

/**
 * Reads digits, skipping whitespace, `.` and `-` (and `/` when `allowSlash`). Any other character
 * fails with SCAN_CHARACTERS.
 */
export function scanDigits(input: string, allowSlash: boolean): number {
  let count = 0;
  // int32 halves (the first 9 digits, then up to 6 more): cheaper than a float64 running value
  let head = 0;
  let tail = 0;
  let tailPow = 1;
  let clean = true;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else {
      d = classify(c);
      if (clean) {
        clean = false;
        backfill(input, count);
      }
      if (d < 0) {
        if (d === OTHER || (d === SLASH && !allowSlash)) return SCAN_CHARACTERS;
        continue;
      }
    }
    if (count < 9) head = (head * 10 + d) | 0;
    else if (count < 15) {
      tail = (tail * 10 + d) | 0;
      tailPow *= 10;
    }
    if (!clean && count < 16) BUF[count] = d;
    count++;
  }
  scan.count = count;
  scan.value = head * tailPow + tail;
  scan.clean = clean;
  return count === 0 ? SCAN_EMPTY : SCAN_OK;
}

const ST_START = 0;
const ST_B = 1;
const ST_LETTER = 2;
const ST_AFTER_PREFIX = 3;
const ST_PAREN_OPEN = 4;
const ST_PAREN_ZERO = 5;
const ST_BODY = 6;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The enterprise-number scanner, in the order of the rules: fold look-alikes, drop whitespace and
 * `.` `-` `/`, strip ONE leading `BE` (any case), turn a leading `(0)` into `0`, then digits only.
 * Two leading letters other than BE fail with SCAN_PREFIX (a foreign VAT number).
 */
export function scanEnterprise(input: string): number {
  let state = ST_START;
  let count = 0;
  // int32 halves (the first 9 digits, then up to 6 more): cheaper than a float64 running value
  let head = 0;
  let tail = 0;
  let tailPow = 1;
  let clean = true;
  let seen = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else {
      d = classify(c);
      if (clean) {
        clean = false;
        backfill(input, count);
      }
      if (d < 0 && d !== OTHER) continue; // whitespace, dot, dash, slash
    }
    seen = true;
    if (state === ST_BODY) {
      if (d < 0) return SCAN_CHARACTERS;
    } else if (state === ST_START || state === ST_AFTER_PREFIX) {
      if (d < 0) {
        if (c === 40) {
          state = ST_PAREN_OPEN;
          continue;
        }
        if (state === ST_AFTER_PREFIX || !isLetter(c)) return SCAN_CHARACTERS;
        state = c === 66 || c === 98 ? ST_B : ST_LETTER;
        continue;
      }
      state = ST_BODY;
    } else if (state === ST_B) {
      if (c === 69 || c === 101) {
        state = ST_AFTER_PREFIX;
        continue;
      }
      return isLetter(c) ? SCAN_PREFIX : SCAN_CHARACTERS;
    } else if (state === ST_LETTER) {
      return isLetter(c) ? SCAN_PREFIX : SCAN_CHARACTERS;
    } else if (state === ST_PAREN_OPEN) {
      if (d !== 0) return SCAN_CHARACTERS;
      state = ST_PAREN_ZERO;
      continue;
    } else {
      // ST_PAREN_ZERO: only ")" completes "(0)", which stands for the digit 0
      if (c !== 41) return SCAN_CHARACTERS;
      state = ST_BODY;
      d = 0;
    }
    if (count < 9) head = (head * 10 + d) | 0;
    else if (count < 15) {
      tail = (tail * 10 + d) | 0;
      tailPow *= 10;
    }
    if (!clean && count < 16) BUF[count] = d;
    count++;
  }
  if (state === ST_B || state === ST_LETTER || state === ST_PAREN_OPEN || state === ST_PAREN_ZERO)
    return SCAN_CHARACTERS;
  scan.count = count;
  scan.value = head * tailPow + tail;
  scan.clean = clean;
  return seen ? SCAN_OK : SCAN_EMPTY;
}
