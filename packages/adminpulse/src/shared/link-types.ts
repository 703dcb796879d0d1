/**
 * AdminPulse `tos[].linkType` codes. 1–8 are seen in third-party code (adminpulse-api.md §5.1); the
 * rest are the other link types of the web UI, numbered 9+ by assumption U8 — the stand-in and the
 * mapping share this one table so they cannot drift apart.
 */
export const linkTypeCodes = {
  contact: 1,
  beneficiary: 2,
  trustee: 3,
  ownerDirector: 4,
  partner: 5,
  shareholder: 6,
  auditor: 7,
  controlOther: 8,
  accountant: 9,
  bank: 10,
  child: 11,
  holding: 12,
  insurer: 13,
  lawyer: 14,
  member: 15,
  notary: 16,
  other: 17,
  representative: 18,
  vatUnit: 19,
  /** "Director" as its own UI type, distinct from owner/director (4) — provisional, U8. */
  director: 20,
} as const;
export type LinkTypeName = keyof typeof linkTypeCodes;
