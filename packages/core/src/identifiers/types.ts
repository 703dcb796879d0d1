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
] as const;
export type IdKind = (typeof idKinds)[number];

export type IdCheck =
  | { valid: true; normalized: string; formatted: string; warnings: string[] }
  | { valid: false; error: { code: string; message: string }; suggestions: string[] };
