/**
 * Belgian numbers on both sides of this package: the stand-in *generates* valid (and deliberately
 * broken) numbers with the mod-97 rule below; the mapping *checks* them through core's `checkId`,
 * so the validation rules exist once, in packages/core.
 */
import { checkId } from "@pulsebridge/core";

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
 * An enterprise/VAT number as the mapping needs it, decided by core's `checkId` (the one
 * implementation of the rules): normalized, with the leading-zero repair reported, or why not.
 */
export function checkEnterpriseNumber(input: string): EnterpriseNumberCheck {
  const c = checkId("enterprise", input);
  if (c.valid) {
    return {
      ok: true,
      normalized: c.normalized,
      repairedLeadingZero: c.warnings.includes("id.padded_leading_zero"),
    };
  }
  const code = c.error.code;
  if (code === "id.establishment_unit") return { ok: false, reason: "establishment_unit" };
  if (code === "id.checksum" || code === "id.checksum_00") return { ok: false, reason: "checksum" };
  return { ok: false, reason: "format" };
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

/** A national register or BIS number (INSZ), full rule including the birth date, via core's `checkId`. */
export function checkNationalNumber(
  input: string,
): { ok: true; normalized: string } | { ok: false } {
  const c = checkId("insz", input);
  return c.valid ? { ok: true, normalized: c.normalized } : { ok: false };
}
