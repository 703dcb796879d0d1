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
import { fail, ok } from "./result.js";
import type { IdCheck } from "./types.js";

/** The national number's layout for a shape: digit-group lengths of the display form, or invalid. */
type Shape = { groups: number[] } | null;
const shapes = new Map<string, Shape>();

/** Digits of a Belgian number written nationally (`09 223 45 67`, `0470/12.34.56`) or with +32/0032, else null. */
function belgianDigits(input: string): string | null {
  let digits = "";
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += input[i];
    // Spaces, ".", "/", "-" separate groups; "+" may only open the number.
    else if (c === 43 ? i !== 0 : c !== 32 && c !== 46 && c !== 47 && c !== 45) return null;
  }
  if (input.charCodeAt(0) === 43) return digits.startsWith("32") ? digits.slice(2) : null;
  if (digits.startsWith("0032")) return digits.slice(4);
  return digits.startsWith("0") && !digits.startsWith("00") ? digits.slice(1) : null;
}

function shapeOf(national: string): Shape {
  const key = `${national.length}:${national.slice(0, 4)}`;
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

/** E.164 of a valid phone number (read as Belgian without a country code), or null. */
export function phoneE164(input: string): string | null {
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
