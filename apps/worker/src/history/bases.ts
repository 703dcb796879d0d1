/**
 * The pieces a three-way review needs from the worker: the cache with each client's version, and
 * the pulled versions of the rows (rebuilt from client_history), as core's reconcile takes them.
 */
import {
  type Client,
  type ExistingClient,
  existingByIds,
  fieldTable,
  type ImportRow,
  type ReconcileOptions,
  setValueAt,
  valueAt,
} from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import { baseKey, basesFor } from "../db/queries/history.js";

/**
 * `baseOf` for reconcile: one query for every row that names its client (by id or AdminPulse id)
 * and was pulled at an older version than the current one.
 */
export async function loadBaseOf(
  db: Db,
  officeId: string,
  rows: ImportRow[],
  existing: ExistingClient[],
): Promise<NonNullable<ReconcileOptions["baseOf"]>> {
  const { byId, byAdminpulseId } = existingByIds(existing);
  const pairs: { clientId: string; changeSeq: number }[] = [];
  for (const row of rows) {
    const v = row.version?.trim();
    if (!v || !/^\d{1,15}$/.test(v)) continue;
    const id = row.id?.trim();
    const ap = row.sourceIds?.adminpulseId?.trim();
    const c = (id ? byId.get(id) : undefined) ?? (ap ? byAdminpulseId.get(ap) : undefined);
    if (c?.version !== undefined && Number(v) < c.version)
      pairs.push({ clientId: c.id, changeSeq: Number(v) });
  }
  const bases: Map<string, Client> = await basesFor(db, officeId, pairs);
  return (id, version) => {
    const base = bases.get(baseKey(id, version));
    const current = byId.get(id);
    return base && current ? withFieldsOf(base, current.client) : base;
  };
}

/**
 * A version written before a field existed lacks it: read it as the current value (unchanged
 * since the pull) rather than as a change, so a new field never shows as AdminPulse's news.
 */
function withFieldsOf(base: Client, current: Client): Client {
  for (const e of fieldTable)
    if (valueAt(base, e.path) === undefined) {
      if (e.path.includes(".") && !valueAt(base, e.path.slice(0, e.path.indexOf(".")))) continue;
      setValueAt(base, e.path, valueAt(current, e.path));
    }
  return base;
}
