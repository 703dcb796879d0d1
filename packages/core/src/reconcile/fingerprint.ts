/**
 * A row's fingerprint, so that a review can send a pulled row the sheet has not changed as its
 * id, version and fingerprint instead of every cell (issue 14: 10,000 rows in ≤ 5 MB). The worker
 * rebuilds the client at that version, fingerprints it the same way and, when they agree, reviews
 * the row as that version; when they do not, it asks for the whole row (`resend`). The pane's
 * claim is never trusted for content: a wrong fingerprint only costs a resend.
 *
 * The text hashed holds every comparable field the way `differences` compares it (postcodes
 * normalised, links as an unordered set with names folded, the responsible user by name, fields
 * added later read as empty), so two clients share a fingerprint exactly when a row carrying
 * every column shows no difference between them.
 */
import { checkPostcode } from "../identifiers/postcode.js";
import type { Client } from "../model/client.js";
import { linkKey } from "./differences.js";

function postcodeKey(p: string | null): string | null {
  if (p === null) return null;
  const check = checkPostcode(p);
  return check.valid ? check.normalized : p;
}

/** The comparable content of a client as one string (JSON of a fixed-order array). */
export function comparableText(c: Client): string {
  const a = c.address;
  return JSON.stringify([
    c.kind,
    c.name,
    c.enterpriseNumber,
    c.nationalNumber,
    c.vatNumber,
    c.legalForm,
    c.language,
    c.email,
    c.phone,
    c.firstName ?? null,
    c.lastName ?? null,
    c.iban ?? null,
    c.bic ?? null,
    a?.street ?? null,
    a?.number ?? null,
    a?.box ?? null,
    postcodeKey(a?.postalCode ?? null),
    a?.city ?? null,
    a?.country ?? null,
    c.generalMeetingDate,
    c.responsibleUser?.name ?? null,
    c.links.map(linkKey).sort(),
  ]);
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 128 bits of SHA-256 (Web Crypto: the same in the browser, workerd, Node and Bun), base64url. */
export async function clientFingerprint(c: Client): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(comparableText(c)));
  return base64url(new Uint8Array(digest, 0, 16));
}

/** The shape of a fingerprint: 22 base64url characters. */
export const fingerprintPattern = /^[A-Za-z0-9_-]{22}$/;
