/**
 * checkId: the one entry point every part of pulsebridge uses to validate and normalise Belgian
 * identifiers. Rules: docs/identifiers.md. Codes and their nl/fr/en texts: ./messages.ts.
 */
import { checkEmail } from "./email.js";
import { suggestEmail } from "./email-typo.js";
import {
  checkEnterpriseNumber,
  formatEnterpriseDigits,
  formatEstablishmentDigits,
} from "./enterprise.js";
import { checkIban } from "./iban.js";
import "./messages.js";
import { BIS, checkPersonNumber, INSZ, NRN } from "./national-number.js";
import { checkPhone } from "./phone.js";
import { checkPostcode } from "./postcode.js";
import { type CheckIdOptions, fail } from "./result.js";
import type { IdCheck, IdKind } from "./types.js";

export { ibanFromBban } from "./iban.js";
export { type IdCode, identifierCodes, identifierMessages } from "./messages.js";
export type { CheckIdOptions } from "./result.js";

/**
 * Validates `input` as an identifier of `kind` and returns its normalised and display forms, or
 * a stable error code with an English message and the likely intended values.
 */
export function checkId(kind: IdKind, input: string, options?: CheckIdOptions): IdCheck {
  // Untyped callers (a raw Excel value) may pass a number or null: judge its text, never throw.
  if (typeof input !== "string") return checkId(kind, input == null ? "" : String(input), options);
  switch (kind) {
    case "enterprise":
      return checkEnterpriseNumber(input, false);
    case "nrn":
      return checkPersonNumber(input, NRN, options);
    case "bis":
      return checkPersonNumber(input, BIS, options);
    case "insz":
      return checkPersonNumber(input, INSZ, options);
    case "establishment":
      return checkEnterpriseNumber(input, true);
    case "iban":
      return checkIban(input);
    case "postcode":
      return checkPostcode(input);
    case "email":
      return withDomainTypo(checkEmail(input), input);
    case "phone":
      return checkPhone(input);
    default:
      return fail("id.unknown_kind");
  }
}

/**
 * An e-mail check with the domain-typo suggestion added: as a warning on a valid address
 * (`jan@gmial.com`), as the suggestion of an invalid one (`jan@telenet.b`).
 */
function withDomainTypo(check: IdCheck, input: string): IdCheck {
  const fixed = suggestEmail(check.valid ? check.normalized : input.trim());
  if (!fixed) return check;
  if (!check.valid) return { ...check, suggestions: [fixed, ...check.suggestions] };
  return { ...check, warnings: [...check.warnings, "id.email_domain_typo"], suggestions: [fixed] };
}

/** The 10-digit enterprise number (`0403019261`) for any accepted spelling, or null if invalid. */
export function normalizeEnterprise(input: string): string | null {
  const r = checkEnterpriseNumber(input, false);
  return r.valid ? r.normalized : null;
}

/** `0403.019.261` for any accepted spelling of a valid enterprise number, or null if invalid. */
export function formatEnterprise(input: string): string | null {
  const n = normalizeEnterprise(input);
  return n === null ? null : formatEnterpriseDigits(n);
}

/** The VAT form `BE0403019261`, or null if not a valid enterprise number. */
export function toVatNumber(input: string): string | null {
  const n = normalizeEnterprise(input);
  return n === null ? null : `BE${n}`;
}

/** `2.297.964.444` for a valid establishment unit number, or null. */
export function formatEstablishment(input: string): string | null {
  const r = checkEnterpriseNumber(input, true);
  return r.valid ? formatEstablishmentDigits(r.normalized) : null;
}

/** The 11 digits of a valid NRN or BIS number (INSZ), or null. */
export function normalizeNationalNumber(input: string, options?: CheckIdOptions): string | null {
  const r = checkPersonNumber(input, INSZ, options);
  return r.valid ? r.normalized : null;
}

/** `YY.MM.DD-SSS.CC` for a valid NRN or BIS number (INSZ), or null. */
export function formatNationalNumber(input: string, options?: CheckIdOptions): string | null {
  const r = checkPersonNumber(input, INSZ, options);
  return r.valid ? r.formatted : null;
}
