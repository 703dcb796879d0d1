/**
 * AdminPulse `tos[].linkType` codes the stand-in generates. 1–8 are seen in third-party code
 * (adminpulse-api.md §5.1); the rest are the other link types of the web UI, numbered 9+ by
 * assumption U8. The client's mapping table reads the same codes as data (its `codes.linkRole`);
 * a test in packages/adminpulse (mapping/link-codes.test.ts) keeps the two in step, since the fake
 * server must not import the client it is there to test.
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
