/**
 * The BIC of a Belgian account from its bank code (the first three digits of the BBAN), by the
 * National Bank's list of bank identification codes. Source and date of the copy shipped here:
 * data/SOURCES.md. Code 102 and unassigned codes have no BIC; the list changes over time, so an
 * unknown code is at most a warning.
 */
import banks from "./data/banks-be.json" with { type: "json" };

const bicByCode: Readonly<Record<string, string>> = banks;

/** BIC of a normalised Belgian IBAN (`BE68539007547034`), or null when the list has none. */
export function bicOfBelgianIban(iban: string): string | null {
  if (!iban.startsWith("BE") || iban.length !== 16) return null;
  return bicByCode[iban.slice(4, 7)] ?? null;
}

/** BIC format (ISO 9362): 4 letters bank, 2 letters country, 2 letters/digits place, optional 3 branch. */
export const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
