/**
 * The few Belgian-number rules this package needs on both sides: the stand-in generates valid (and
 * deliberately broken) numbers, the mapping checks them. Rules from shared belgian-identifiers.md
 * §1–2 ("97 minus remainder"). Kept local because core's `checkId` is written concurrently; the
 * mapping should switch to it once it lands (see the package README note).
 */

/** `97 − (base mod 97)`; never 0, so a base divisible by 97 gets 97. */
export function mod97Check(base: number): number {
  return 97 - (base % 97);
}

/** Appends the two check digits to an 8-digit enterprise-number base (first digit 0 or 1). */
export function enterpriseNumberFromBase(base8: number): string {
  const base = String(base8).padStart(8, "0");
  return `${base}${String(mod97Check(base8)).padStart(2, "0")}`;
}

export type EnterpriseNumberCheck =
  | { ok: true; normalized: string; repairedLeadingZero: boolean }
  | { ok: false; reason: "format" | "checksum" | "establishment_unit" };

/**
 * Normalizes an enterprise/VAT number: strips `BE`, separators and a `(0)` notation, restores the
 * leading zero of a 9-digit number (an official normalization, reported to the caller), then checks
 * first digit and mod-97.
 */
export function checkEnterpriseNumber(input: string): EnterpriseNumberCheck {
  let s = input
    .trim()
    .replace(/[\s.\-/\u00a0\u202f]/g, "")
    .toUpperCase();
  if (s.startsWith("BE")) s = s.slice(2);
  if (s.startsWith("(0)")) s = `0${s.slice(3)}`;
  let repairedLeadingZero = false;
  if (/^\d{9}$/.test(s)) {
    s = `0${s}`;
    repairedLeadingZero = true;
  }
  if (!/^\d{10}$/.test(s)) return { ok: false, reason: "format" };
  const base = Number(s.slice(0, 8));
  const check = Number(s.slice(8));
  if (check !== mod97Check(base)) return { ok: false, reason: "checksum" };
  if (s[0] !== "0" && s[0] !== "1") return { ok: false, reason: "establishment_unit" };
  return { ok: true, normalized: s, repairedLeadingZero };
}

/**
 * Builds a valid national register number from a birth date and serial (belgian-identifiers.md §2:
 * people born in 2000 or later get a `2` in front of the base before the mod-97).
 */
export function nationalNumberFor(
  year: number,
  month: number,
  day: number,
  serial: number,
): string {
  const base9 = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  const n = year >= 2000 ? 2_000_000_000 + Number(base9) : Number(base9);
  return `${base9}${String(mod97Check(n)).padStart(2, "0")}`;
}

/** Checksum-only check of an 11-digit national register / BIS number (either century). */
export function checkNationalNumber(
  input: string,
): { ok: true; normalized: string } | { ok: false } {
  const s = input.trim().replace(/[\s.-]/g, "");
  if (!/^\d{11}$/.test(s) || /^0+$/.test(s)) return { ok: false };
  const base = Number(s.slice(0, 9));
  const check = Number(s.slice(9));
  if (check === mod97Check(base) || check === mod97Check(2_000_000_000 + base)) {
    return { ok: true, normalized: s };
  }
  return { ok: false };
}
