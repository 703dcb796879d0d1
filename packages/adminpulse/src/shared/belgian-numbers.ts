/**
 * Belgian numbers as the mapping needs them, checked through core's `checkId`, so the validation
 * rules exist once, in packages/core (the stand-in generates its numbers in its own package).
 */
import { checkId } from "@pulsebridge/core";

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

/** A national register or BIS number (INSZ), full rule including the birth date, via core's `checkId`. */
export function checkNationalNumber(
  input: string,
): { ok: true; normalized: string } | { ok: false } {
  const c = checkId("insz", input);
  return c.valid ? { ok: true, normalized: c.normalized } : { ok: false };
}
