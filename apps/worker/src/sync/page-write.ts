import type { Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import {
  bumpOfficeSeqStatement,
  type ClientWrite,
  clientWriteEntry,
  type ExistingHashes,
  existingHashes,
  markSeenStatement,
  type SourceProblemRecord,
  upsertClientsStatement,
} from "../db/queries/clients.js";
import type { SyncStateRow } from "../db/queries/sync.js";
import { stagedTemplates } from "../db/queries/task-links.js";
import { feedEventStatement } from "../webhooks/events.js";
import { contentHash, searchTextOf } from "./content-hash.js";
import type { SourceRecord } from "./source.js";

/**
 * Bytes of one bound JSON payload, below D1's 2,000,000-byte cap on a string value (and a row,
 * platform-limits §2.1) with room for the statement's other values. Counted in UTF-8 bytes: a name
 * of 4-byte characters weighs four times its length.
 */
export const maxPayloadBytes = 1_900_000;

const utf8 = new TextEncoder();

/**
 * Writes cut into groups whose serialized payload stays under `maxBytes`. A single write above it
 * (a record D1 could not store in one row anyway) comes back in `tooLarge` instead.
 */
export function chunkByBytes<T>(
  items: T[],
  sizeOf: (item: T) => number,
  maxBytes: number,
): { chunks: T[][]; tooLarge: T[] } {
  const chunks: T[][] = [];
  const tooLarge: T[] = [];
  let current: T[] = [];
  let bytes = 2; // the array's brackets
  for (const item of items) {
    const size = sizeOf(item) + 1; // and its comma
    if (size + 2 > maxBytes) {
      tooLarge.push(item);
      continue;
    }
    if (bytes + size > maxBytes && current.length > 0) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, tooLarge };
}

/** UTF-8 size of a write exactly as the upsert binds it. */
export const writeBytes = (w: ClientWrite): number =>
  utf8.encode(JSON.stringify(clientWriteEntry(w))).length;

/**
 * Template sets a page writes with its clients, by relation `unique_identifier` (ADR 0023). Without
 * `removals` (the task count moved during the scan) stored templates are kept and only added to.
 */
export interface PageTemplates {
  staged: Map<string, string[]>;
  removals: boolean;
}

/** The template set a client gets from this page: stored, or stored and staged merged (ADR 0012). */
function templatesOf(r: SourceRecord, stored: string[], templates?: PageTemplates): string[] {
  if (!templates) return stored;
  const uid = r.client.sourceIds.uniqueIdentifier;
  const found = (uid !== null && uid !== undefined && templates.staged.get(uid)) || [];
  return [...new Set(templates.removals ? found : [...stored, ...found])].sort();
}

/**
 * The statements that write one page: upsert only the records whose content hash changed (json_each
 * statements, each payload under `maxBytes`), bump the office's change counter by that many, and
 * mark the whole page seen. A record too large for one D1 row is not written; it is still seen (so
 * never deleted) and reported in `tooLarge`. A changed record named in `defer` (a link name may
 * still change in this run) is not written either but returned in `deferred` (ADR 0025).
 */
export async function pageStatements(
  deps: { db: Db; now: () => number },
  officeId: string,
  runId: string | null,
  records: SourceRecord[],
  seenIds: string[],
  templates?: PageTemplates,
  maxBytes = maxPayloadBytes,
  defer?: ReadonlySet<string>,
  /** The stored rows of these records, when the caller has read them already (the paging has). */
  known?: ExistingHashes,
): Promise<{
  statements: Statement[];
  added: number;
  updated: number;
  tooLarge: string[];
  deferred: SourceRecord[];
}> {
  const { db } = deps;
  const now = deps.now();
  const unique = new Map(records.map((r) => [r.adminpulseId, r]));
  const existing = known ?? (await existingHashes(db, officeId, [...unique.keys()]));
  const candidates: (ClientWrite & { isNew: boolean })[] = [];
  const deferred: SourceRecord[] = [];
  for (const r of unique.values()) {
    const old = existing.get(r.adminpulseId);
    // A relation does not carry its task templates: this run's task scan (read before the relation
    // pages) brings them, or the last scan's stay — so the client is written once, with them.
    const stored = old ? (JSON.parse(old.task_templates) as string[]) : [];
    const taskTemplates = templatesOf(r, stored, templates);
    const sourceProblems: SourceProblemRecord[] = r.problems ?? [];
    const hash = await contentHash(r.client, taskTemplates, sourceProblems);
    if (old && old.content_hash === hash && old.deleted_at === null) continue;
    if (defer?.has(r.adminpulseId)) {
      deferred.push(r);
      continue;
    }
    candidates.push({
      id: old?.id ?? crypto.randomUUID(),
      adminpulseId: r.adminpulseId,
      client: r.client,
      taskTemplates,
      searchText: searchTextOf(r.client),
      contentHash: hash,
      sourceProblems,
      k: 0,
      isNew: !old || old.deleted_at !== null,
    });
  }
  const { chunks, tooLarge } = chunkByBytes(candidates, writeBytes, maxBytes);
  const statements: Statement[] = [];
  let k = 0;
  let added = 0;
  for (const chunk of chunks) {
    // change_seq = office counter (bumped once, after every chunk) + k: gap-free across chunks.
    for (const w of chunk) {
      w.k = ++k;
      if (w.isNew) added++;
    }
    statements.push(upsertClientsStatement(db, officeId, runId, now, chunk));
  }
  if (k > 0)
    statements.push(
      bumpOfficeSeqStatement(db, officeId, k),
      // The webhook outbox row commits with the page (ADR 0022): one event per page, not per client.
      feedEventStatement(db, { officeId, now, count: k, runId }),
    );
  if (seenIds.length > 0) statements.push(markSeenStatement(db, officeId, runId, now, seenIds));
  return {
    statements,
    added,
    updated: k - added,
    tooLarge: tooLarge.map((w) => w.adminpulseId),
    deferred,
  };
}

/**
 * The template sets a relation page writes with its clients (ADR 0023): after a complete task
 * scan, the staged set of each relation (only additions while the task count moved, as in
 * `applyTemplates`); without one (tasks unreadable), none — the page keeps the stored templates.
 */
export async function templatesForPage(
  db: Db,
  officeId: string,
  state: SyncStateRow,
  records: SourceRecord[],
): Promise<PageTemplates | undefined> {
  if (!state.tasksScanned) return undefined;
  const uids = records.flatMap((r) => r.client.sourceIds.uniqueIdentifier ?? []);
  return {
    staged: await stagedTemplates(db, officeId, state.runId!, uids),
    removals: state.taskTotalStable,
  };
}
