import { englishMessage, type IdCode } from "./messages.js";
import type { IdCheck } from "./types.js";

/** Options of checkId beyond the kind and the text. */
export interface CheckIdOptions {
  /**
   * The value came from a numeric spreadsheet cell, which drops leading zeros: left-pad a
   * national register number to 11 digits (an enterprise number's 9-digit form is always padded)
   * and warn with `id.padded_leading_zero`.
   */
  fromNumericCell?: boolean;
  /** The date that counts as today for the "not in the future" rule; defaults to the real date. */
  today?: Date;
}

export function ok(normalized: string, formatted: string, warnings: string[]): IdCheck {
  return { valid: true, normalized, formatted, warnings };
}

export function fail(code: IdCode, suggestions: string[] = []): IdCheck {
  return { valid: false, error: { code, message: englishMessage(code) }, suggestions };
}
