/** The identifier kinds `checkId` knows. See shared rules in docs/identifiers.md. */
export const idKinds = [
  "enterprise",
  "establishment",
  "nrn",
  "bis",
  "insz",
  "iban",
  "postcode",
  "email",
  "phone",
] as const;
export type IdKind = (typeof idKinds)[number];

export type IdCheck =
  | {
      valid: true;
      normalized: string;
      formatted: string;
      warnings: string[];
      /** With a warning: the values the user probably meant (an e-mail domain typo's fix). */
      suggestions?: string[];
    }
  | { valid: false; error: { code: string; message: string }; suggestions: string[] };
