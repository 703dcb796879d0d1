import type { Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import {
  deletePendingPartStatement,
  firstPendingPart,
  pendingNames,
  stagePendingStatement,
} from "../db/queries/pending-clients.js";
import { addToRunStatement, type SyncStateRow } from "../db/queries/sync.js";
import type { LeaseWriter } from "./lease.js";
import { nameLinks, PendingNames, targetsFor } from "./link-names.js";
import { chunkByBytes, maxPayloadBytes, pageStatements, templatesForPage } from "./page-write.js";
import { problemCounts } from "./scan-proof.js";
import type { SourceRecord } from "./source.js";

/**
 * Clients a relation page defers to finalize (ADR 0025): new or changed relations with a link whose
 * target this run has not read yet. Written there once, with every name known, instead of now and
 * again when the name arrives.
 */

const utf8 = new TextEncoder();
const nameOf = (r: SourceRecord) =>
  [r.client.sourceIds.uniqueIdentifier ?? null, r.adminpulseId, r.client.name] as const;

/** This run's deferred clients' names, read once per step (a few bytes per deferred client). */
export async function loadPendingNames(
  db: Db,
  officeId: string,
  runId: string,
): Promise<PendingNames> {
  const names = new PendingNames();
  for (const [uid, id, name] of await pendingNames(db, officeId, runId)) names.add(uid, id, name);
  return names;
}

/**
 * The statements that store one page's deferred records (in parts under D1's row cap) for the
 * page's batch; a record too large for a row is not stored (the page reports it, as it would a
 * record too large to write). `names` learns the stored ones once the batch is written.
 */
export function pendingStatements(
  db: Db,
  officeId: string,
  runId: string,
  page: number,
  deferred: SourceRecord[],
): { statements: Statement[]; stored: SourceRecord[]; tooLarge: string[] } {
  const { chunks, tooLarge } = chunkByBytes(
    deferred,
    (r) => utf8.encode(JSON.stringify(r)).length + utf8.encode(JSON.stringify(nameOf(r))).length,
    maxPayloadBytes,
  );
  return {
    statements: chunks.map((c, part) =>
      stagePendingStatement(db, officeId, runId, {
        page,
        part,
        records: JSON.stringify(c),
        names: JSON.stringify(c.map(nameOf)),
      }),
    ),
    stored: chunks.flat(),
    tooLarge: tooLarge.map((r) => r.adminpulseId),
  };
}

export function rememberPending(names: PendingNames, stored: SourceRecord[]) {
  for (const r of stored) names.add(...nameOf(r));
}

/**
 * Finalize's first pass: each stored part of deferred clients, its links named (every relation of
 * the run is read by now), written like a relation page and removed in the same batch — so a step
 * killed here resumes with the next part. Returns false when the budget ran out with parts left.
 */
export async function writePending(
  deps: { db: Db; now: () => number },
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  maxBatches: number,
): Promise<boolean> {
  const { db } = deps;
  const runId = state.runId!;
  let names: PendingNames | undefined;
  for (let i = 0; i < maxBatches; i++) {
    const part = await firstPendingPart(db, officeId, runId);
    if (!part) return true;
    names ??= await loadPendingNames(db, officeId, runId);
    const stored = JSON.parse(part.records) as SourceRecord[];
    const { records } = nameLinks(stored, await targetsFor(db, officeId, runId, stored, names));
    const { statements, added, updated, tooLarge } = await pageStatements(
      deps,
      officeId,
      runId,
      records,
      [],
      await templatesForPage(db, officeId, state, records),
    );
    await w.write(runId, [
      ...statements,
      deletePendingPartStatement(db, officeId, runId, part),
      addToRunStatement(db, runId, {
        added,
        updated,
        problems: problemCounts({ records: [] }, tooLarge.length),
      }),
    ]);
  }
  return (await firstPendingPart(db, officeId, runId)) === null;
}
