/**
 * Field-level differences between an imported client and the target's, over `comparableFields`.
 * Only fields the import actually carries are compared: a column missing from the sheet
 * (`undefined` in the row) says nothing, while an empty cell (`""`) says "empty" and is compared.
 */

import { checkPostcode } from "../identifiers/postcode.js";
import type { Client, ClientLink, ImportRow } from "../model/client.js";
import { noAddress } from "./blank.js";
import { normalizeName } from "./name-key.js";
import type { FieldDifference } from "./types.js";

/**
 * A link's identity for set comparison. The relation is its code when known; a name alone is
 * compared folded, since a sheet rarely spells it exactly as the source does. When the code is
 * there the display name is ignored: it is resolved from the code, not data of the link.
 */
export function linkKey(l: ClientLink): string {
  const who = l.relationIdentifier ? `#${l.relationIdentifier}` : `@${normalizeName(l.name ?? "")}`;
  return `${l.role}|${who}|${l.startDate ?? ""}|${l.endDate ?? ""}|${l.shares ?? ""}|${l.votingRights ?? ""}|${l.comment ?? ""}`;
}

/** Same links in any order (a multiset comparison through sorted keys). */
export function sameLinks(a: ClientLink[], b: ClientLink[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  // One link each, the common case: no keys to build when the values are identical.
  if (a.length === 1 && sameValues(a[0] as ClientLink, b[0] as ClientLink)) return true;
  const ka = a.map(linkKey).sort();
  const kb = b.map(linkKey).sort();
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return false;
  return true;
}

function sameValues(a: ClientLink, b: ClientLink): boolean {
  return (
    a.role === b.role &&
    a.relationIdentifier === b.relationIdentifier &&
    a.name === b.name &&
    a.startDate === b.startDate &&
    a.endDate === b.endDate &&
    a.shares === b.shares &&
    a.votingRights === b.votingRights &&
    a.comment === b.comment
  );
}

/**
 * Postcodes compared as validateRow writes them: the cache keeps AdminPulse's spelling ("B-9000")
 * while a row's postcode is normalised ("9000"), and the same place is no difference (else every
 * pulled "B-" postcode came back as the user's edit and was pushed over the source).
 */
function samePostcode(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ca = checkPostcode(a);
  const cb = checkPostcode(b);
  return ca.valid && cb.valid && ca.normalized === cb.normalized;
}

function add(
  out: FieldDifference[],
  field: FieldDifference["field"],
  imported: unknown,
  existing: unknown,
): void {
  // The origin is set by withOrigins once the row's version is known (origins.ts).
  out.push({ field, imported, existing, origin: "unknown" });
}

// Written out field by field rather than looped over names: this runs once per matching client,
// and monomorphic property reads keep a 100,000-row reconcile fast (bench/reconcile.ts).
export function differences(row: ImportRow, imported: Client, existing: Client): FieldDifference[] {
  const out: FieldDifference[] = [];
  const i = imported;
  const e = existing;
  if (row.kind !== undefined && i.kind !== e.kind) add(out, "kind", i.kind, e.kind);
  if (row.name !== undefined && i.name !== e.name) add(out, "name", i.name, e.name);
  if (row.enterpriseNumber !== undefined && i.enterpriseNumber !== e.enterpriseNumber) {
    add(out, "enterpriseNumber", i.enterpriseNumber, e.enterpriseNumber);
  }
  if (row.nationalNumber !== undefined && i.nationalNumber !== e.nationalNumber) {
    add(out, "nationalNumber", i.nationalNumber, e.nationalNumber);
  }
  if (row.vatNumber !== undefined && i.vatNumber !== e.vatNumber)
    add(out, "vatNumber", i.vatNumber, e.vatNumber);
  if (row.legalForm !== undefined && i.legalForm !== e.legalForm)
    add(out, "legalForm", i.legalForm, e.legalForm);
  if (row.language !== undefined && i.language !== e.language)
    add(out, "language", i.language, e.language);
  if (row.email !== undefined && i.email !== e.email) add(out, "email", i.email, e.email);
  if (row.phone !== undefined && i.phone !== e.phone) add(out, "phone", i.phone, e.phone);
  // Fields added after the first clients were stored: absent there, so undefined reads as empty.
  if (row.firstName !== undefined && (i.firstName ?? null) !== (e.firstName ?? null))
    add(out, "firstName", i.firstName ?? null, e.firstName ?? null);
  if (row.lastName !== undefined && (i.lastName ?? null) !== (e.lastName ?? null))
    add(out, "lastName", i.lastName ?? null, e.lastName ?? null);
  if (row.iban !== undefined && (i.iban ?? null) !== (e.iban ?? null))
    add(out, "iban", i.iban ?? null, e.iban ?? null);
  if ((row.iban !== undefined || row.bic !== undefined) && (i.bic ?? null) !== (e.bic ?? null))
    add(out, "bic", i.bic ?? null, e.bic ?? null);
  const ra = row.address;
  if (ra) {
    const ia = i.address ?? noAddress;
    const ea = e.address ?? noAddress;
    if (ra.street !== undefined && ia.street !== ea.street)
      add(out, "address.street", ia.street, ea.street);
    if (ra.number !== undefined && ia.number !== ea.number)
      add(out, "address.number", ia.number, ea.number);
    if (ra.box !== undefined && ia.box !== ea.box) add(out, "address.box", ia.box, ea.box);
    if (ra.postalCode !== undefined && !samePostcode(ia.postalCode, ea.postalCode)) {
      add(out, "address.postalCode", ia.postalCode, ea.postalCode);
    }
    if (ra.city !== undefined && ia.city !== ea.city) add(out, "address.city", ia.city, ea.city);
    if (ra.country !== undefined && ia.country !== ea.country) {
      add(out, "address.country", ia.country, ea.country);
    }
  }
  if (row.generalMeetingDate !== undefined && i.generalMeetingDate !== e.generalMeetingDate) {
    add(out, "generalMeetingDate", i.generalMeetingDate, e.generalMeetingDate);
  }
  // The sheet carries the user's name only; the target's user id is not the import's business.
  if (
    row.responsibleUser !== undefined &&
    (imported.responsibleUser?.name ?? null) !== (existing.responsibleUser?.name ?? null)
  ) {
    add(out, "responsibleUser", imported.responsibleUser, existing.responsibleUser);
  }
  if (row.links !== undefined && !sameLinks(imported.links, existing.links)) {
    add(out, "links", imported.links, existing.links);
  }
  return out;
}
