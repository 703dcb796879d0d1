/**
 * Phone numbers: parsed and validated by libphonenumber-js (its "max" metadata, which knows which
 * Belgian prefixes are landlines and mobiles), stored in E.164 (`+3292234567`), shown the Belgian
 * way (`09 223 45 67`, `0470 12 34 56`) for Belgian numbers and internationally for others.
 *
 * A sheet holds mostly Belgian numbers, and libphonenumber takes several microseconds each. For
 * Belgium, validity, type and layout depend only on the length and the first four digits of the
 * national number (see the BE patterns in the metadata), so the answer for one number is reused
 * for every number of the same shape. phone.test.ts checks this against libphonenumber itself.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { digitCode } from "./digit-code.js";
import { fail, ok } from "./result.js";
import type { IdCheck } from "./types.js";

/** The national number's layout for a shape: digit-group lengths of the display form, or invalid. */
type Shape = { groups: number[] } | null;
/** Shapes by `length × 10,000 + first four digits` of the national number: a number key, no string built. */
const shapes = new Map<number, Shape>();

/** Digits of a Belgian number written nationally (`09 223 45 67`, `0470/12.34.56`) or with +32/0032, else null. */
function belgianDigits(input: string): string | null {
  let digits = "";
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += input[i];
    // Spaces, ".", "/", "-" separate groups; "+" may only open the number.
    else if (c === 43 ? i !== 0 : c !== 32 && c !== 46 && c !== 47 && c !== 45) return null;
  }
  let national: string | null = null;
  if (input.charCodeAt(0) === 43) national = digits.startsWith("32") ? digits.slice(2) : null;
  else if (digits.startsWith("0032")) national = digits.slice(4);
  else if (digits.startsWith("0") && !digits.startsWith("00")) national = digits.slice(1);
  // "+32 0…" keeps a trunk zero after the country code: libphonenumber decides what it means.
  return national?.startsWith("0") ? null : national;
}

/**
 * The national number of a common Belgian spelling as an integer (8 or 9 digits, not starting
 * with 0), or -1: the same reading as belgianDigits for those spellings, in one pass over char
 * codes with no string built (validateRow reads a phone on most rows).
 */
function belgianNational(input: string): number {
  const n = input.length;
  let i = 0;
  // Prefix: "0" (trunk), "+32" or "0032"; separators may follow it.
  const c0 = input.charCodeAt(0);
  if (c0 === 43) {
    if (input.charCodeAt(1) !== 51 || input.charCodeAt(2) !== 50) return -1;
    i = 3;
  } else if (c0 === 48) {
    if (input.charCodeAt(1) === 48) {
      if (input.charCodeAt(2) !== 51 || input.charCodeAt(3) !== 50) return -1;
      i = 4;
    } else i = 1;
  } else return -1;
  let value = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0 && c === 48) return -1; // "+32 0…": libphonenumber decides
      value = value * 10 + (c - 48);
      if (++digits > 9) return -1;
    } else if (c !== 32 && c !== 46 && c !== 47 && c !== 45) return -1;
  }
  return digits >= 8 ? value : -1;
}

function shapeOf(national: string): Shape {
  return shapeOfNumber(national.length, Number(national.slice(0, 4)), national);
}

function shapeOfNumber(length: number, first4: number, national: string | number): Shape {
  const key = length * 10_000 + first4;
  let shape = shapes.get(key);
  if (shape !== undefined) return shape;
  const parsed = parsePhoneNumberFromString(`+32${national}`);
  shape = null;
  if (parsed?.isValid()) {
    shape = {
      groups: parsed
        .formatNational()
        .split(" ")
        .map((g) => g.length),
    };
  }
  shapes.set(key, shape);
  return shape;
}

/**
 * shapeOfNumber(…) !== null, without the display layout when the shape is not known yet: the
 * E.164 form needs only validity, and formatNational took about half of libphonenumber's time
 * for a new shape (a sheet's phones meet hundreds of shapes, each asked once per process).
 */
function isValidShape(length: number, first4: number, national: number): boolean {
  const shape = shapes.get(length * 10_000 + first4);
  if (shape !== undefined) return shape !== null;
  return parsePhoneNumberFromString(`+32${national}`)?.isValid() === true;
}

function layout(national: string, groups: number[]): string {
  const digits = `0${national}`;
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  return parts.join(" ");
}

/**
 * Validity of each Belgian shape by `(length − 8) × 10,000 + first four digits`: 0 not asked yet,
 * 1 valid, 2 invalid. An array index, not a Map key: validateRow asks on every row with a phone.
 */
const shapeValid = new Uint8Array(20_000);

/**
 * `+32` and the national number `value` (8 or 9 digits, the first not 0), as `+32${value}` writes
 * it: the digits are taken by int32 division into one string. `+32${value}` converts the number
 * through V8's number-to-string cache, which keeps every phone's digits alive until the next
 * garbage collection copies them; a constant prefix plus the digits would build two strings
 * (phone.test.ts holds the two equal).
 */
export function e164OfNational(value: number, nine: boolean): string {
  const v = value | 0;
  const d1 = digitCode(v, 10_000_000);
  const d2 = digitCode(v, 1_000_000);
  const d3 = digitCode(v, 100_000);
  const d4 = digitCode(v, 10_000);
  const d5 = digitCode(v, 1000);
  const d6 = digitCode(v, 100);
  const d7 = digitCode(v, 10);
  const d8 = digitCode(v, 1);
  if (!nine) return String.fromCharCode(43, 51, 50, d1, d2, d3, d4, d5, d6, d7, d8);
  const d0 = digitCode(v, 100_000_000);
  return String.fromCharCode(43, 51, 50, d0, d1, d2, d3, d4, d5, d6, d7, d8);
}

/** E.164 of a valid phone number (read as Belgian without a country code), or null. */
export function phoneE164(input: string): string | null {
  const value = belgianNational(input);
  if (value > 0) {
    const nine = value >= 100_000_000;
    const first4 = nine ? (value / 100_000) | 0 : (value / 10_000) | 0;
    const key = (nine ? 10_000 : 0) + first4;
    let valid = shapeValid[key];
    if (valid === 0) {
      valid = isValidShape(nine ? 9 : 8, first4, value) ? 1 : 2;
      shapeValid[key] = valid;
    }
    if (valid === 1) return e164OfNational(value, nine);
  }
  const national = belgianDigits(input);
  if (national !== null && national.length >= 8 && national.length <= 9 && shapeOf(national)) {
    return `+32${national}`;
  }
  const r = checkPhoneGeneral(input);
  return r.valid ? r.normalized : null;
}

/**
 * Validates a phone number; a number without a country code is read as Belgian. `normalized` is
 * E.164, `formatted` the display form.
 */
export function checkPhone(input: string): IdCheck {
  const s = input.trim();
  if (s === "") return fail("id.empty");
  const national = belgianDigits(s);
  if (national !== null && national.length >= 8 && national.length <= 9) {
    const shape = shapeOf(national);
    if (shape) return ok(`+32${national}`, layout(national, shape.groups), []);
  }
  return checkPhoneGeneral(s);
}

/** Every spelling, through libphonenumber (checkPhone takes a shortcut for common Belgian forms). */
export function checkPhoneGeneral(input: string): IdCheck {
  const s = input.trim();
  if (s === "") return fail("id.empty");
  const parsed = parsePhoneNumberFromString(s, "BE");
  if (!parsed) return fail("id.phone_invalid");
  if (!parsed.isValid()) {
    return fail(parsed.isPossible() ? "id.phone_invalid" : "id.phone_length");
  }
  const formatted =
    parsed.country === "BE" ? parsed.formatNational() : parsed.formatInternational();
  return ok(parsed.number, formatted, []);
}
