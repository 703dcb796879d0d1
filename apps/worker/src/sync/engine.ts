import type { Config } from "../config.js";
import { runBatch, type Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import {
  bumpOfficeSeqStatement,
  type ClientRow,
  type ClientWrite,
  existingHashes,
  markSeenStatement,
  toClient,
  tombstoneStatement,
  unseenClients,
  upsertClientsStatement,
} from "../db/queries/clients.js";
import { markConnectionInvalid } from "../db/queries/connections.js";
import {
  acquireLease,
  addToRunStatement,
  finishRunStatement,
  insertRunStatement,
  recordRunError,
  releaseLeaseStatement,
  type SyncStateRow,
  updateStateStatement,
} from "../db/queries/sync.js";
import {
  clearTaskLinksStatement,
  stageTaskLinksStatement,
  templateDrift,
  updateTemplatesStatement,
} from "../db/queries/task-links.js";
import { contentHash, searchTextOf } from "./content-hash.js";
import type { RelationSource, SourceError, SourceErrorKind, SourceRecord } from "./source.js";

export interface SyncDeps {
  db: Db;
  now: () => number;
  config: Pick<Config, "SYNC_PAGE_SIZE" | "SYNC_LEASE_SECONDS">;
  source: RelationSource;
}

export type StepOutcome =
  | { status: "busy" }
  | { status: "idle" }
  | { status: "progress"; runId: string; pages: number; taskPages: number }
  | { status: "completed"; runId: string; pages: number; taskPages: number }
  | { status: "error"; runId: string; kind: SourceErrorKind; message: string };

export interface StepOptions {
  /** Start a new full run when none is open (else only continue). */
  start: boolean;
  trigger: "cron" | "manual";
  /**
   * AdminPulse pages this step may fetch, relation and task pages together: the bound on
   * subrequests and CPU of one invocation.
   */
  maxPages: number;
  /** Tombstone statements this step may write (each covers up to `tombstoneChunk` clients). */
  maxTombstoneBatches?: number;
  /** Template-apply statements this step may write (each covers up to `templateChunk` clients). */
  maxTemplateBatches?: number;
}

const tombstoneChunk = 200;
/** As many clients as one relation page upserts: a statement size D1 is known to take. */
const templateChunk = 400;

/**
 * One bounded step of an office's full sync (a resumable state machine, ADR 0004):
 * lease → [start run] → relation pages… → task pages… (each page + checkpoint in one batch) →
 * finalize (tombstones, only after a complete pass with a stable row count; task templates, only
 * after a complete task scan, ADR 0012) → release. Dying anywhere loses nothing: the next step
 * resumes from the last committed checkpoint, and re-writing a page is a no-op.
 */
export async function syncStep(
  deps: SyncDeps,
  officeId: string,
  opts: StepOptions,
): Promise<StepOutcome> {
  const { db, now } = deps;
  const owner = crypto.randomUUID();
  const leaseMs = deps.config.SYNC_LEASE_SECONDS * 1000;
  const leased = await acquireLease(db, officeId, owner, now(), leaseMs);
  if (!leased) return { status: "busy" };
  let state: SyncStateRow = leased;
  try {
    if (state.runId === null) {
      if (!opts.start) return { status: "idle" };
      state = await startRun(deps, officeId, owner, opts.trigger, state);
    }
    const runId = state.runId!;
    let pages = 0;
    let taskPages = 0;
    const budgetLeft = () => pages + taskPages < opts.maxPages;
    while (state.phase === "paging" && budgetLeft()) {
      const res = await deps.source.listPage(state.nextPage, deps.config.SYNC_PAGE_SIZE);
      if (!res.ok) return await stepFailed(deps, officeId, owner, runId, res.error);
      const page = res.value;
      const next = state.nextPage + 1;
      const done = next >= page.pageCount || page.seenIds.length === 0;
      const totalStable =
        state.totalStable && (state.totalRows === null || state.totalRows === page.totalRowCount);
      const set = {
        nextPage: next,
        pageCount: page.pageCount,
        totalRows: state.totalRows ?? page.totalRowCount,
        totalStable,
        phase: done ? ("tasks" as const) : ("paging" as const),
        leaseUntil: now() + leaseMs,
      };
      const { statements, added, updated } = await pageStatements(
        deps,
        officeId,
        runId,
        page.records,
        page.seenIds,
      );
      await runBatch(db, [
        ...statements,
        addToRunStatement(db, runId, { pages: 1, added, updated }),
        updateStateStatement(db, officeId, owner, set),
      ]);
      state = { ...state, ...set };
      pages++;
    }
    while (state.phase === "tasks" && budgetLeft()) {
      const res = await deps.source.listTaskPage(state.taskNextPage, deps.config.SYNC_PAGE_SIZE);
      if (!res.ok) {
        if (res.error.kind !== "unauthorized")
          return await stepFailed(deps, officeId, owner, runId, res.error);
        state = await skipTasks(deps, officeId, owner, state, res.error);
        break;
      }
      const page = res.value;
      const next = state.taskNextPage + 1;
      const done = next >= page.pageCount || page.taskCount === 0;
      const set = {
        taskNextPage: next,
        taskPageCount: page.pageCount,
        taskTotalRows: state.taskTotalRows ?? page.totalRowCount,
        taskTotalStable:
          state.taskTotalStable &&
          (state.taskTotalRows === null || state.taskTotalRows === page.totalRowCount),
        tasksScanned: done,
        phase: done ? ("finalizing" as const) : ("tasks" as const),
        leaseUntil: now() + leaseMs,
      };
      await runBatch(db, [
        ...(page.links.length > 0
          ? [stageTaskLinksStatement(db, officeId, runId, page.links)]
          : []),
        addToRunStatement(db, runId, { taskPages: 1 }),
        updateStateStatement(db, officeId, owner, set),
      ]);
      state = { ...state, ...set };
      taskPages++;
    }
    if (state.phase === "finalizing") {
      const finished = await finalize(deps, officeId, owner, state, {
        tombstones: opts.maxTombstoneBatches ?? 4,
        templates: opts.maxTemplateBatches ?? 10,
      });
      if (finished) return { status: "completed", runId, pages, taskPages };
    }
    return { status: "progress", runId, pages, taskPages };
  } finally {
    await releaseLeaseStatement(db, officeId, owner);
  }
}

async function startRun(
  deps: SyncDeps,
  officeId: string,
  owner: string,
  trigger: "cron" | "manual",
  state: SyncStateRow,
): Promise<SyncStateRow> {
  const runId = crypto.randomUUID();
  const set = {
    runId,
    phase: "paging" as const,
    nextPage: 0,
    pageCount: null,
    totalRows: null,
    totalStable: true,
    taskNextPage: 0,
    taskPageCount: null,
    taskTotalRows: null,
    taskTotalStable: true,
    tasksScanned: false,
  };
  await runBatch(deps.db, [
    // Staged links of an abandoned run must not leak into this one's template sets.
    clearTaskLinksStatement(deps.db, officeId),
    insertRunStatement(deps.db, {
      id: runId,
      officeId,
      kind: "full",
      trigger,
      status: "running",
      startedAt: deps.now(),
    }),
    updateStateStatement(deps.db, officeId, owner, set),
  ]);
  return { ...state, ...set };
}

async function stepFailed(
  deps: SyncDeps,
  officeId: string,
  owner: string,
  runId: string,
  error: SourceError,
): Promise<StepOutcome> {
  await recordRunError(deps.db, runId, `${error.kind}: ${error.message}`);
  if (error.kind === "unauthorized") {
    // A refused credential will not heal by retrying: end the run and flag the connection.
    await markConnectionInvalid(
      deps.db,
      officeId,
      deps.now(),
      "unauthorized: AdminPulse refused the stored credential (401)",
    );
    await runBatch(deps.db, [
      finishRunStatement(deps.db, runId, "failed", deps.now()),
      updateStateStatement(deps.db, officeId, owner, { runId: null, phase: "idle", nextPage: 0 }),
      clearTaskLinksStatement(deps.db, officeId),
    ]);
  }
  // Anything else (429, 5xx, timeout): keep the checkpoint; the next step resumes this page.
  return { status: "error", runId, kind: error.kind, message: error.message };
}

/**
 * `GET /tasks` refused (401) right after the same credential read every relation page: the key
 * lacks `tasks.read` (AdminPulse answers a missing scope with 401, adminpulse-api.md §2.2), not a
 * revoked credential — that would have failed the relation pages. Relations still sync; the
 * templates stay as earlier runs left them, and the run says why. A credential that really was
 * revoked fails the next run's first relation page and is flagged there.
 */
async function skipTasks(
  deps: SyncDeps,
  officeId: string,
  owner: string,
  state: SyncStateRow,
  error: SourceError,
): Promise<SyncStateRow> {
  const scope = error.missingScope ?? "tasks.read";
  await recordRunError(
    deps.db,
    state.runId!,
    `tasks_unreadable: ${error.message} (missing ${scope}?); task templates not refreshed`,
  );
  const set = { phase: "finalizing" as const, tasksScanned: false };
  await runBatch(deps.db, [updateStateStatement(deps.db, officeId, owner, set)]);
  return { ...state, ...set };
}

/**
 * The statements that write one page: upsert only the records whose content hash changed (one
 * json_each statement), bump the office's change counter by that many, and mark the whole page seen.
 */
export async function pageStatements(
  deps: Pick<SyncDeps, "db" | "now">,
  officeId: string,
  runId: string | null,
  records: SourceRecord[],
  seenIds: string[],
): Promise<{ statements: Statement[]; added: number; updated: number }> {
  const { db } = deps;
  const now = deps.now();
  const unique = new Map(records.map((r) => [r.adminpulseId, r]));
  const existing = await existingHashes(db, officeId, [...unique.keys()]);
  const writes: ClientWrite[] = [];
  let added = 0;
  let updated = 0;
  for (const r of unique.values()) {
    const old = existing.get(r.adminpulseId);
    // A relation does not carry its task templates: keep what the last task scan stored.
    const taskTemplates = old ? (JSON.parse(old.task_templates) as string[]) : [];
    const hash = await contentHash(r.client, taskTemplates);
    if (old && old.content_hash === hash && old.deleted_at === null) continue;
    if (!old || old.deleted_at !== null) added++;
    else updated++;
    writes.push({
      id: old?.id ?? crypto.randomUUID(),
      adminpulseId: r.adminpulseId,
      client: r.client,
      taskTemplates,
      searchText: searchTextOf(r.client),
      contentHash: hash,
      k: writes.length + 1,
    });
  }
  const statements: Statement[] = [];
  if (writes.length > 0) {
    statements.push(upsertClientsStatement(db, officeId, runId, now, writes));
    statements.push(bumpOfficeSeqStatement(db, officeId, writes.length));
  }
  if (seenIds.length > 0) statements.push(markSeenStatement(db, officeId, runId, now, seenIds));
  return { statements, added, updated };
}

async function finalize(
  deps: SyncDeps,
  officeId: string,
  owner: string,
  state: SyncStateRow,
  budget: { tombstones: number; templates: number },
): Promise<boolean> {
  const { db } = deps;
  const runId = state.runId!;
  const maxBatches = budget.tombstones;
  // Relations added or removed while we paged shift AdminPulse's offset paging, so a relation
  // could be skipped; a changed total means this pass cannot prove absence. Defer deletions.
  if (state.totalStable) {
    for (let i = 0; i < maxBatches; i++) {
      const gone = await unseenClients(db, officeId, runId, tombstoneChunk);
      if (gone.length === 0) break;
      const ids = gone.map((g) => g.id);
      await runBatch(db, [
        tombstoneStatement(db, officeId, deps.now(), ids),
        bumpOfficeSeqStatement(db, officeId, ids.length),
        addToRunStatement(db, runId, { deleted: ids.length }),
      ]);
      if (gone.length === tombstoneChunk && i === maxBatches - 1) return false;
    }
  }
  // Tombstones first, so a deleted relation is not also rewritten for its vanished templates.
  if (state.tasksScanned && !(await applyTemplates(deps, officeId, state, budget.templates)))
    return false;
  if (!state.totalStable)
    await recordRunError(db, runId, "row_count_changed: deletions deferred to the next full run");
  if (state.tasksScanned && !state.taskTotalStable)
    await recordRunError(
      db,
      runId,
      "task_count_changed: template removals deferred to the next full run",
    );
  const t = deps.now();
  await runBatch(db, [
    clearTaskLinksStatement(db, officeId),
    finishRunStatement(db, runId, "completed", t),
    updateStateStatement(db, officeId, owner, {
      runId: null,
      phase: "idle",
      nextPage: 0,
      lastCompletedAt: t,
      lastFullAt: t,
      lastTotalRows: state.totalRows,
    }),
  ]);
  return true;
}

/**
 * Give every live client the template set this run's task scan found for it, writing only clients
 * whose set changed — each such write is a change in the feed (new hash, new change_seq). With a
 * task count that moved during the scan a task may have been skipped, so templates are only added,
 * never removed, until a stable pass. Returns false when the budget ran out with work left.
 */
async function applyTemplates(
  deps: SyncDeps,
  officeId: string,
  state: SyncStateRow,
  maxBatches: number,
): Promise<boolean> {
  const { db } = deps;
  const runId = state.runId!;
  const removals = state.taskTotalStable;
  for (let i = 0; i < maxBatches; i++) {
    const drift = await templateDrift(db, officeId, runId, { removals, limit: templateChunk });
    if (drift.length === 0) return true;
    const writes = [];
    for (const { client, staged } of drift) {
      const found = JSON.parse(staged) as string[];
      const stored = JSON.parse(client.taskTemplates) as string[];
      const taskTemplates = [...new Set(removals ? found : [...stored, ...found])].sort();
      writes.push({
        id: client.id,
        taskTemplates,
        contentHash: await contentHash(toClient(client), taskTemplates),
        k: writes.length + 1,
      });
    }
    await runBatch(db, [
      updateTemplatesStatement(db, officeId, deps.now(), writes),
      bumpOfficeSeqStatement(db, officeId, writes.length),
      addToRunStatement(db, runId, { updated: writes.length }),
    ]);
    if (drift.length < templateChunk) return true;
  }
  return false;
}

/**
 * Refresh one client from AdminPulse (on-demand read, POST /v1/sync {clientId}). `record` null
 * means AdminPulse no longer has it: the cached row becomes a tombstone.
 */
export async function refreshOne(
  deps: Pick<SyncDeps, "db" | "now">,
  officeId: string,
  record: SourceRecord | null,
  cached: ClientRow | null,
): Promise<"added" | "updated" | "unchanged" | "deleted"> {
  const { db } = deps;
  if (!record) {
    if (!cached || cached.deletedAt !== null) return "unchanged";
    await runBatch(db, [
      tombstoneStatement(db, officeId, deps.now(), [cached.id]),
      bumpOfficeSeqStatement(db, officeId, 1),
    ]);
    return "deleted";
  }
  const { statements, added, updated } = await pageStatements(
    deps,
    officeId,
    null,
    [record],
    [record.adminpulseId],
  );
  await runBatch(db, statements);
  return added ? "added" : updated ? "updated" : "unchanged";
}
