/**
 * `known` rows of a review (fingerprint.ts): a pulled row the sheet did not change, sent
 * as its client, version and fingerprint. The row becomes the client as it was at that version
 * (rebuilt from the cache or client_history) when that version's fingerprint is the one sent;
 * otherwise its ref goes back in `resend` and the pane sends the row in full.
 */
import type { KnownRow } from "../api/schemas.js";
import type { Client, ImportRow } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { clientFingerprint } from "./fingerprint.js";
import type { ReconcileOptions } from "./reconcile.js";
import type { ExistingClient } from "./types.js";

/** Known rows as rows for loadBaseOf (it needs only the id, AdminPulse id and version). */
export const knownAsRows = (known: KnownRow[]): ImportRow[] =>
  known.map((k) => ({
    ref: k.ref,
    ...(k.id ? { id: k.id } : {}),
    ...(k.adminpulseId ? { sourceIds: { adminpulseId: k.adminpulseId } } : {}),
    version: k.version,
  }));

/** The target's clients by their id and by their AdminPulse id (a row names its client by either). */
export function existingByIds(existing: ExistingClient[]) {
  const byId = new Map<string, ExistingClient>();
  const byAdminpulseId = new Map<string, ExistingClient>();
  for (const e of existing) {
    byId.set(e.id, e);
    const ap = e.client.sourceIds.adminpulseId;
    if (ap !== null) byAdminpulseId.set(ap, e);
  }
  return { byId, byAdminpulseId };
}

export async function confirmKnown(
  known: KnownRow[],
  existing: ExistingClient[],
  baseOf: NonNullable<ReconcileOptions["baseOf"]>,
): Promise<{ rows: ImportRow[]; clients: Map<string, Client>; resend: string[] }> {
  const rows: ImportRow[] = [];
  const clients = new Map<string, Client>();
  const resend: string[] = [];
  if (known.length === 0) return { rows, clients, resend };
  const { byId, byAdminpulseId } = existingByIds(existing);
  // The base of each row, then its fingerprint checked; results kept in request order.
  const bases = await Promise.all(
    known.map(async (k) => {
      const target =
        (k.id ? byId.get(k.id) : undefined) ??
        (k.adminpulseId ? byAdminpulseId.get(k.adminpulseId) : undefined);
      const version = Number(k.version);
      const current = target?.version;
      const base =
        target === undefined || current === undefined || version > current
          ? undefined
          : version === current
            ? target.client
            : baseOf(target.id, version);
      if (!target || !base || (await clientFingerprint(base)) !== k.fingerprint) return null;
      return { id: target.id, base };
    }),
  );
  known.forEach((k, i) => {
    const hit = bases[i];
    if (!hit) {
      resend.push(k.ref);
      return;
    }
    // Every column present (toImportRow), so each field is compared with the current record.
    rows.push({ ...toImportRow(hit.base, k.ref), id: hit.id, version: k.version });
    clients.set(k.ref, hit.base);
  });
  return { rows, clients, resend };
}
