/**
 * The review step: the worker's four buckets (POST /v1/reconcile) and the user's choices. Like
 * Accounton's import screen and Silverfin's "use the data from" bar, nothing in the target is
 * overwritten unless the user chose it. Each difference carries its origin since the pull:
 * the user's own edits (`sheet`) are proposed for overwrite; AdminPulse's changes (`source`) are
 * never offered as an overwrite (the sheet holds the old value: refresh those cells instead);
 * conflicts (`both`) wait for a choice per client; `unknown` (no version) keeps.
 */
import {
  type Client,
  clientFingerprint,
  duplicateIssue,
  type ImportRow,
  type KnownRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
  type PullScope,
  type ReconcileResult,
  validateRow,
} from "@pulsebridge/core";
import type { Api } from "../../api/client.js";
import { splitParts } from "../push/push.js";

/**
 * Rows in full per request (the worker caps a request at 10,000 rows and 16 MB; a pulled row is
 * ~1 KB of JSON). Known rows (~100 bytes each) fill the rest of a request up to 10,000.
 */
export const reconcileBatch = 5_000;

type Match = ReconcileResult["matching"][number];

/** The pane's own validation of a row (undefined when invalid); validateRow when not given. */
export type ClientOf = (row: ImportRow) => Client | undefined;
const validated: ClientOf = (row) => {
  const r = validateRow(row);
  return r.ok ? r.client : undefined;
};

/**
 * A pulled row (id or AdminPulse id, and its version) that is valid goes as a known row: its id,
 * version and the fingerprint of its cells (issue 14: a 10,000-row review in ≤ 5 MB). The worker
 * reviews it as the version it was pulled at when the fingerprints agree, else asks for it whole.
 */
async function asKnown(row: ImportRow, clientOf: ClientOf): Promise<KnownRow | null> {
  const version = row.version?.trim();
  const id = row.id?.trim();
  const adminpulseId = row.sourceIds?.adminpulseId?.trim();
  if (!version || !/^\d{1,15}$/.test(version) || !(id || adminpulseId)) return null;
  const client = clientOf(row);
  if (!client) return null;
  return {
    ref: row.ref,
    ...(id ? { id } : { adminpulseId }),
    version,
    fingerprint: await clientFingerprint(client),
  };
}

/**
 * The review of `rows` (POST /v1/reconcile, compact answers): pulled rows the sheet did not change
 * as known rows, the rest in full, in as few requests as the limits allow; rows the worker could
 * not confirm are sent again in full. Buckets come back in the rows' order.
 */
export async function fetchReview(
  api: Api,
  rows: ImportRow[],
  signal?: AbortSignal,
  scope?: PullScope,
  clientOf: ClientOf = validated,
): Promise<ReconcileResult> {
  const known = await Promise.all(rows.map((row) => asKnown(row, clientOf)));
  const parts: ReconcileResult[] = [];
  const ask = async (full: ImportRow[], knownRows: KnownRow[]) => {
    for (const { rows: batch, known: kBatch } of reviewRequests(full, knownRows)) {
      parts.push(
        await api.reconcile(
          {
            rows: batch,
            ...(kBatch.length > 0 ? { known: kBatch } : {}),
            ...(scope ? { scope } : {}),
            // One list of clients only in PulseBridge is enough: the first answer's (see mergeParts).
            ...(parts.length > 0 ? { onlyInTarget: false } : {}),
            answer: "compact",
          },
          signal,
        ),
      );
    }
  };
  await ask(
    rows.filter((_, i) => known[i] === null),
    known.filter((k): k is KnownRow => k !== null),
  );
  const resend = new Set(parts.flatMap((p) => p.resend ?? []));
  if (resend.size > 0)
    await ask(
      rows.filter((r) => resend.has(r.ref)),
      [],
    );
  return mergeParts(parts, rows);
}

/**
 * The requests of a review: rows in full split by rows (`maxFull`), links and bytes as a push's
 * parts are (the worker refuses more than `maxLinksPerRequest` links in one request, issue 11),
 * known rows filling each request up to `maxRowsPerRequest`, then requests of known rows alone.
 */
export function reviewRequests(
  full: ImportRow[],
  known: KnownRow[],
  maxFull = reconcileBatch,
  maxLinks = maxLinksPerRequest,
): { rows: ImportRow[]; known: KnownRow[] }[] {
  const requests = splitParts(full, maxFull, undefined, maxLinks).map((rows) => ({
    rows,
    known: [] as KnownRow[],
  }));
  let k = 0;
  for (const r of requests) {
    r.known = known.slice(k, k + maxRowsPerRequest - r.rows.length);
    k += r.known.length;
  }
  for (; k < known.length; k += maxRowsPerRequest)
    requests.push({ rows: [], known: known.slice(k, k + maxRowsPerRequest) });
  return requests;
}

/**
 * One review from several answers. A client is only in the target when no answer claimed it (a
 * match, or an invalid row naming it by id). Sets, not a search per answer per client: linear.
 */
function mergeParts(parts: ReconcileResult[], rows: ImportRow[]): ReconcileResult {
  if (parts.length === 1) {
    const { resend: _, ...only } = parts[0] as ReconcileResult;
    return only;
  }
  const claimed = new Set<string>();
  for (const p of parts) {
    for (const m of p.matching) claimed.add(m.id);
    for (const r of p.invalid) if (r.id) claimed.add(r.id);
  }
  const order = new Map(rows.map((r, i) => [r.ref, i]));
  const inOrder = <T extends { ref: string }>(list: T[]) =>
    list.sort((a, b) => (order.get(a.ref) ?? 0) - (order.get(b.ref) ?? 0));
  // Two rows of different requests claiming one client are duplicates, as they would be in one
  // request (the push, one request, refuses them too): both become invalid, neither is merged.
  const byId = new Map<string, Match[]>();
  for (const p of parts) for (const m of p.matching) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  const duplicates = parts.flatMap((p) => p.duplicates);
  const invalid = parts.flatMap((p) => p.invalid);
  const twice = new Set<Match>();
  for (const [id, ms] of byId) {
    if (ms.length < 2) continue;
    const key = `existing:${id}`;
    duplicates.push({ key, refs: ms.map((m) => m.ref) });
    for (const m of ms) {
      twice.add(m);
      const others = ms.filter((o) => o !== m).map((o) => o.ref);
      invalid.push({ ref: m.ref, id, issues: [duplicateIssue(key, others.join(", "))] });
    }
  }
  return {
    onlyInImport: inOrder(parts.flatMap((p) => p.onlyInImport)),
    onlyInTarget: (parts[0]?.onlyInTarget ?? []).filter((e) => !claimed.has(e.id)),
    matching: inOrder(parts.flatMap((p) => p.matching).filter((m) => !twice.has(m))),
    invalid: inOrder(invalid),
    duplicates,
  };
}

/** A match's or new client's name and numbers, from a compact answer or the full records. */
