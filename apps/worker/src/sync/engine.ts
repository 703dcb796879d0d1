import type { Config } from "../config.js";
import { runBatch } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { syncRunAuditStatement } from "../db/queries/audit.js";
import {
  bumpOfficeSeqStatement,
  type ClientRow,
  existingHashes,
  markNotFoundUpstreamStatement,
  type SourceProblemRecord,
  toClient,
} from "../db/queries/clients.js";
import { markConnectionInvalid } from "../db/queries/connections.js";
import { clearPendingStatement } from "../db/queries/pending-clients.js";
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
import { feedEventStatement } from "../webhooks/events.js";
import { contentHash } from "./content-hash.js";
import { type CallBudget, finishDeletions } from "./deletions.js";
import { LeaseLost, type LeaseWriter, leaseWriter } from "./lease.js";
import { nameLinks, nameLinksAcrossPages, type PendingNames, targetsFor } from "./link-names.js";
import { maxPayloadBytes, pageStatements, templatesForPage } from "./page-write.js";
import { loadPendingNames, pendingStatements, rememberPending, writePending } from "./pending.js";
import { nextRead, pageReader, readAheadMost, upcomingReads } from "./read-ahead.js";
import { failRunStatements, placeOf } from "./run-end.js";
import { problemCounts, scanProblemOf, taskPageProblem, withoutRepeats } from "./scan-proof.js";
import type { RelationSource, SourceError, SourceErrorKind, SourceRecord } from "./source.js";

export { pageStatements } from "./page-write.js";

export interface SyncDeps {
  db: Db;
  now: () => number;
  config: Pick<Config, "SYNC_PAGE_SIZE" | "SYNC_LEASE_SECONDS" | "SYNC_DELETE_MAX_PERCENT">;
  source: RelationSource;
  /**
   * Called after every batch the step commits (never awaited, never throwing): the webhook
   * outbox rows that batch wrote are announced at once (issue 16: within 5 s of the commit).
   */
  afterCommit?: () => void;
}

export type StepOutcome =
  | { status: "busy" }
  | { status: "idle" }
  | { status: "progress"; runId: string; pages: number; taskPages: number }
  | { status: "completed"; runId: string; pages: number; taskPages: number }
  | { status: "error"; runId: string; kind: SourceErrorKind; message: string }
  /** The step outlived its lease (another took over): it stopped without writing. */
  | { status: "lease_lost"; runId: string | null };

export interface StepOptions {
  /** Start a new full run when none is open (else only continue). */
  start: boolean;
  trigger: "cron" | "manual";
  /** The key that asked for this step (audited with the run's start, end or failure); none: cron. */
  actor?: { keyId: string; name: string };
  /**
   * AdminPulse pages this step may fetch, relation and task pages together: the bound on
   * subrequests and CPU of one invocation.
   */
  maxPages: number;
  /**
   * Milliseconds (by `deps.now`) after which the step starts no new page; it always fetches at
   * least one, so every step makes progress. Absent: pages alone bound the step.
   */
  maxMs?: number;
  /**
   * Relations this step may read and write (whole pages, at least one): default
   * `relationsPerStep`. The step's heap grows with its relation pages, not its task pages.
   */
  maxRelations?: number;
  /** Tombstone statements this step may write (each covers up to `tombstoneChunk` clients). */
  maxTombstoneBatches?: number;
  /** Template-apply statements this step may write (each covers up to `templateChunk` clients). */
  maxTemplateBatches?: number;
}

type RunAudit = ReturnType<typeof runAudit>;

/** The audit event of a run's start, end or failure, by this step's actor (issue 11). */
function runAudit(deps: SyncDeps, officeId: string, opts: StepOptions) {
  const actor = opts.actor ?? { keyId: null, name: opts.trigger === "cron" ? "cron" : "manual" };
  return (
    runId: string,
    action: "sync.started" | "sync.finished" | "sync.failed",
    details: Record<string, string> = {},
  ) => syncRunAuditStatement(deps.db, { officeId, runId, at: deps.now(), actor, action, details });
}

/**
 * Relations one step reads and writes at most (10 pages of 400): each relation page leaves its
 * AdminPulse text and its D1 batch (large strings, half a megabyte each) until V8's next full
 * collection, so the isolate's heap grows with the relation pages a step writes. At 20 pages a
 * step's committed heap reached 60–100 MB (issue 17, bench:heap); at 10, under 50 (BENCHMARKS.md).
 * Task pages keep only their links and still count against `maxPages` alone.
 */
export const relationsPerStep = 4_000;

/** As many clients as one relation page upserts: a statement size D1 is known to take. */
const templateChunk = 400;

/**
 * Parts of deferred clients (each up to a page) a failing run still writes before it ends; more
 * (a first sync dying late in a very large office) come with the next run that reads them.
 */
const failFlushParts = 25;

/** A page that fails this many times in a row (not counting 429) ends the run: no endless loop. */
export const maxPageTries = 5;

/**
 * One bounded step of an office's full sync (a resumable state machine, ADR 0004):
 * lease → [start run] → task pages… → relation pages… (each page + checkpoint in one batch; a
 * relation page writes its clients with the templates the task scan found, ADR 0023) → finalize
 * (deletions only on proof, ADR 0013; leftover template drift, ADR 0012) → release. Dying anywhere loses nothing: the next step resumes from the last committed
 * checkpoint, and re-writing a page is a no-op. Every batch is guarded by the lease.
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
  const w = leaseWriter(deps, officeId, owner);
  const audit = runAudit(deps, officeId, opts);
  try {
    if (state.runId === null) {
      if (!opts.start) return { status: "idle" };
      state = await startRun(deps, w, officeId, opts.trigger, state, audit);
    }
    const runId = state.runId!;
    // The office's known users (ADR 0026): `/users` is read only for an id not among them, once a run.
    deps.source.userNames?.use(
      state.knownUsers ? JSON.parse(state.knownUsers) : null,
      !state.usersReadInRun,
    );
    let usersStored = false;
    let pages = 0;
    let taskPages = 0;
    /** Relations asked for by key before deletion (finalize): the same budget as pages. */
    let keyChecks = 0;
    /** This run's deferred clients' names (ADR 0025), read at the step's first relation page. */
    let pending: PendingNames | undefined;
    const reads = pageReader(deps.source, deps.config.SYNC_PAGE_SIZE);
    const startedAt = now();
    const budgetLeft = () => {
      const calls = reads.calls + keyChecks;
      return (
        calls < opts.maxPages &&
        (calls === 0 || opts.maxMs === undefined || now() - startedAt < opts.maxMs)
      );
    };
    const relationPages = Math.max(
      1,
      Math.floor((opts.maxRelations ?? relationsPerStep) / deps.config.SYNC_PAGE_SIZE),
    );
    /** Relation pages this step may still start: taken (`pages`) and read ahead count. */
    const relationPageLeft = () => pages + reads.ahead("relations") < relationPages;
    /** The pages after this one are read while this one is written, within the budget (ADR 0026). */
    const readNext = (after: Parameters<typeof upcomingReads>[0]) =>
      reads.readAhead(
        upcomingReads(after, readAheadMost),
        (read) => budgetLeft() && (read.kind === "tasks" || relationPageLeft()),
      );
    /** A page read ahead is taken even past the time budget: it was a call already made. */
    const mayRead = () =>
      reads.has(nextRead(state)) ||
      (budgetLeft() && (state.phase !== "paging" || relationPageLeft()));
    while (state.phase === "tasks" && mayRead()) {
      const res = await reads.tasks(state.taskNextPage);
      if (!res.ok) {
        // A missing tasks.read scope skips the templates; an expired key ends the run.
        if (res.error.kind !== "unauthorized" || res.error.expired)
          return await stepFailed(deps, w, officeId, state, res.error, audit);
        state = await skipTasks(deps, w, officeId, state, res.error);
        break;
      }
      const page = res.value;
      const next = state.taskNextPage + 1;
      // As for relations (ADR 0013): only the largest page count any page reported ends the scan,
      // not an empty page or a smaller count. Anything odd keeps every stored template (additions
      // only): an empty page, a page count that moved, a task that could not be read.
      const pageCount = Math.max(state.taskPageCount ?? 0, page.pageCount);
      const done = next >= pageCount;
      const odd = taskPageProblem(state, page, done);
      const set = {
        taskNextPage: next,
        taskPageCount: pageCount,
        taskTotalRows: state.taskTotalRows ?? page.totalRowCount,
        taskTotalStable:
          state.taskTotalStable &&
          odd === null &&
          page.totalRowCount !== null &&
          (state.taskTotalRows === null || state.taskTotalRows === page.totalRowCount),
        tasksScanned: done,
        pageFailures: 0,
        phase: done ? afterTasks(state) : ("tasks" as const),
        leaseUntil: now() + leaseMs,
      };
      readNext({ ...state, ...set });
      await w.write(runId, [
        ...(page.links.length > 0
          ? [stageTaskLinksStatement(db, officeId, runId, page.links)]
          : []),
        addToRunStatement(db, runId, { taskPages: 1, ...(odd ? { problems: { [odd]: 1 } } : {}) }),
        updateStateStatement(db, officeId, owner, set),
      ]);
      state = { ...state, ...set };
      taskPages++;
    }
    while (state.phase === "paging" && mayRead()) {
      const res = await reads.relations(state.nextPage);
      if (!res.ok) return await stepFailed(deps, w, officeId, state, res.error, audit);
      pages++; // counted as taken, so the page in hand counts against the relation budget
      // The page's stored rows, read once: they tell which relations this run has listed already,
      // and the page's write compares against them. A relation already seen is left out of the
      // page (its first listing stands) and counted: the scan then cannot prove absence.
      const stored = await existingHashes(db, officeId, res.value.seenIds);
      const seenBefore = new Set<string>();
      for (const [id, row] of stored) if (row.last_seen_run === runId) seenBefore.add(id);
      const page = withoutRepeats(res.value, seenBefore);
      const next = state.nextPage + 1;
      // Neither an empty page nor a smaller pageCount ends the scan: only the largest page count
      // any page reported does. Whatever looks odd is recorded and forbids deletions (ADR 0013).
      const pageCount = Math.max(state.pageCount ?? 0, page.pageCount);
      const done = next >= pageCount;
      const seenOnPage = page.seenIds.length + (page.unkeyed ?? 0);
      // An empty page before the last is read again (a hiccup passes; U4 leaves it open), up to
      // `maxPageTries` reads; after that the scan goes on with the page flagged, deleting nothing.
      if (seenOnPage === 0 && !done && state.pageFailures + 1 < maxPageTries) {
        const failures = { pageFailures: state.pageFailures + 1, leaseUntil: now() + leaseMs };
        readNext(state);
        await w.write(runId, [
          addToRunStatement(db, runId, { problems: { "page.empty_reread": 1 } }),
          updateStateStatement(db, officeId, owner, failures),
        ]);
        state = { ...state, ...failures };
        continue;
      }
      // A list this step read from `/users` is kept for the run's later steps and later runs.
      const users = usersStored ? undefined : deps.source.userNames?.read();
      const set = {
        ...(users
          ? { knownUsers: JSON.stringify(users), usersReadAt: now(), usersReadInRun: true }
          : {}),
        nextPage: next,
        pageCount,
        totalRows: state.totalRows ?? page.totalRowCount,
        totalStable:
          state.totalStable && (state.totalRows === null || state.totalRows === page.totalRowCount),
        seenRows: state.seenRows + seenOnPage,
        // A repeat is named only when nothing else explains it (relations added mid-run shift the
        // pages and repeat some: row_count_changed says why).
        scanProblem:
          state.scanProblem ??
          scanProblemOf(state, page, done) ??
          (page.repeated > 0
            ? `duplicate_id: page ${state.nextPage} listed ${page.repeated} relation(s) already seen in this run`
            : null),
        pageFailures: 0,
        phase: done ? ("finalizing" as const) : ("paging" as const),
        leaseUntil: now() + leaseMs,
      };
      readNext({ ...state, ...set });
      // Links named after their targets on this page, deferred clients or the cache; a new or
      // changed client whose link may still be renamed in this run waits for finalize (ADR 0025).
      pending ??= await loadPendingNames(db, officeId, runId);
      const { records, unsettled } = nameLinks(
        page.records,
        await targetsFor(db, officeId, runId, page.records, pending),
      );
      const { statements, added, updated, tooLarge, deferred } = await pageStatements(
        deps,
        officeId,
        runId,
        records,
        page.seenIds,
        await templatesForPage(db, officeId, state, records),
        maxPayloadBytes,
        unsettled,
        stored,
      );
      const later = pendingStatements(db, officeId, runId, state.nextPage, deferred);
      const problems = problemCounts(page, tooLarge.length + later.tooLarge.length);
      if (page.repeated > 0) problems["relation.duplicate_id"] = page.repeated;
      await w.write(runId, [
        ...statements,
        ...later.statements,
        addToRunStatement(db, runId, { pages: 1, added, updated, problems }),
        updateStateStatement(db, officeId, owner, set),
      ]);
      rememberPending(pending, later.stored);
      if (users) usersStored = true;
      state = { ...state, ...set };
    }
    if (state.phase === "finalizing") {
      const finished = await finalize(deps, w, officeId, state, audit, {
        tombstones: opts.maxTombstoneBatches ?? 4,
        templates: opts.maxTemplateBatches ?? 10,
        // What is left of the page and time budget pays for asking about each deletion (ADR 0013).
        calls: {
          take: () => {
            if (!budgetLeft()) return false;
            keyChecks++;
            return true;
          },
        },
      });
      if (finished) return { status: "completed", runId, pages, taskPages };
    }
    return { status: "progress", runId, pages, taskPages };
  } catch (e) {
    if (e instanceof LeaseLost) return { status: "lease_lost", runId: state.runId };
    throw e;
  } finally {
    await releaseLeaseStatement(db, officeId, owner);
  }
}

async function startRun(
  deps: SyncDeps,
  w: LeaseWriter,
  officeId: string,
  trigger: "cron" | "manual",
  state: SyncStateRow,
  audit: RunAudit,
): Promise<SyncStateRow> {
  const runId = crypto.randomUUID();
  const set = {
    runId,
    // Tasks first (ADR 0023): each relation page then writes its clients with their templates.
    phase: "tasks" as const,
    nextPage: 0,
    pageCount: null,
    totalRows: null,
    totalStable: true,
    seenRows: 0,
    scanProblem: null,
    pageFailures: 0,
    taskNextPage: 0,
    taskPageCount: null,
    taskTotalRows: null,
    taskTotalStable: true,
    tasksScanned: false,
    usersReadInRun: false,
  };
  // Guarded on "no run open" (run_id is null): the lease says we own the state row.
  await w.write(null, [
    // Staged links of an abandoned run must not leak into this one's template sets.
    clearTaskLinksStatement(deps.db, officeId),
    clearPendingStatement(deps.db, officeId),
    insertRunStatement(deps.db, {
      id: runId,
      officeId,
      kind: "full",
      trigger,
      status: "running",
      startedAt: deps.now(),
    }),
    updateStateStatement(deps.db, officeId, w.owner, set),
    audit(runId, "sync.started"),
  ]);
  return { ...state, ...set };
}

/**
 * A page could not be read. 401 ends the run and flags the connection (a refused credential does
 * not heal by retrying). Anything else keeps the checkpoint so the next step resumes this page —
 * up to `maxPageTries` failures in a row (429 aside: that is pacing, not a fault); then the run
 * fails with the page named, and the next run starts from the first page instead of looping here.
 */
async function stepFailed(
  deps: SyncDeps,
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  error: SourceError,
  audit: RunAudit,
): Promise<StepOutcome> {
  const runId = state.runId!;
  const { db } = deps;
  const where =
    state.phase === "tasks"
      ? `/tasks page ${state.taskNextPage}`
      : `/relations page ${state.nextPage}`;
  const place = placeOf(state);
  await recordRunError(db, runId, `${error.kind}: ${where}: ${error.message}`, deps.now(), place);
  const failures = state.pageFailures + (error.kind === "rate_limited" ? 0 : 1);
  const end = async (message: string) => {
    // Clients this run deferred (ADR 0025) are written before it ends, named from what it read:
    // a run that keeps failing on a late page must not keep them out of the cache for good.
    await writePending(deps, w, officeId, state, failFlushParts);
    await w.write(runId, [
      // The reason's stable code (before the first colon); the message stays on the run.
      audit(runId, "sync.failed", { reason: message.slice(0, message.indexOf(":")) }),
      ...failRunStatements(db, officeId, w.owner, runId, deps.now(), message, place),
    ]);
  };
  if (error.kind === "unauthorized" && error.expired) {
    // AdminPulse says the key itself expired: the same as a passed expiry date (GET /v1/connection
    // reads `expired`), and no retry until a new key is stored.
    await markConnectionInvalid(
      db,
      officeId,
      deps.now(),
      "expired: AdminPulse answered that the key has expired (401); store a new key",
    );
    await end(`connection_expired: ${where}: AdminPulse answered that the key has expired (401)`);
  } else if (error.kind === "unauthorized") {
    await markConnectionInvalid(
      db,
      officeId,
      deps.now(),
      "unauthorized: AdminPulse refused the stored credential (401)",
    );
    await end(`unauthorized: ${where}: AdminPulse refused the stored credential (401)`);
  } else if (failures >= maxPageTries) {
    await end(
      `page_unreadable: ${where} failed ${failures} times in a row (last: ${error.kind}: ${error.message}); run stopped, nothing deleted`,
    );
  } else {
    await w.write(runId, [updateStateStatement(db, officeId, w.owner, { pageFailures: failures })]);
  }
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
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  error: SourceError,
): Promise<SyncStateRow> {
  const scope = error.missingScope ?? "tasks.read";
  await recordRunError(
    deps.db,
    state.runId!,
    `tasks_unreadable: ${error.message} (missing ${scope}?); task templates not refreshed`,
    deps.now(),
    placeOf(state),
  );
  const set = { phase: afterTasks(state), tasksScanned: false };
  await w.write(state.runId, [updateStateStatement(deps.db, officeId, w.owner, set)]);
  return { ...state, ...set };
}

/**
 * The phase after the task scan: the relation pages, or finalize when they are already done (a run
 * started before tasks came first, ADR 0023, resumes in its tasks phase with every page read).
 */
function afterTasks(state: SyncStateRow): "paging" | "finalizing" {
  return state.pageCount !== null && state.nextPage >= state.pageCount ? "finalizing" : "paging";
}

async function finalize(
  deps: SyncDeps,
  w: LeaseWriter,
  officeId: string,
  state: SyncStateRow,
  audit: RunAudit,
  budget: { tombstones: number; templates: number; calls: CallBudget },
): Promise<boolean> {
  const { db } = deps;
  const runId = state.runId!;
  // Said before the deletions, whose reason (if any) matters more and so is the run's last error.
  if (state.tasksScanned && !state.taskTotalStable)
    await recordRunError(
      db,
      runId,
      state.taskTotalRows === null
        ? "task_total_missing: AdminPulse sent no totalRowCount for tasks; template removals deferred"
        : "task_count_changed: template removals deferred to the next full run",
      deps.now(),
      { phase: "finalizing", page: null },
    );
  // Deferred clients first (ADR 0025): seen by this run, they count as live for the deletion share.
  if (!(await writePending(deps, w, officeId, state, budget.templates))) return false;
  // Tombstones next, so a deleted relation is not also rewritten for its vanished templates.
  const deletions = await finishDeletions(
    deps,
    w,
    officeId,
    state,
    budget.tombstones,
    budget.calls,
  );
  if (deletions.status === "more") return false;
  if (state.tasksScanned && !(await applyTemplates(deps, w, officeId, state, budget.templates)))
    return false;
  if (!(await nameLinksAcrossPages(deps, w, officeId, runId, budget.templates))) return false;
  const t = deps.now();
  await w.write(runId, [
    clearTaskLinksStatement(db, officeId),
    clearPendingStatement(db, officeId),
    ...deletions.statements,
    finishRunStatement(
      db,
      runId,
      deletions.status === "held" ? "deletions_held" : "completed",
      t,
      undefined,
      deletions.status === "held" ? deletions.held : undefined,
    ),
    updateStateStatement(db, officeId, w.owner, {
      runId: null,
      phase: "idle",
      nextPage: 0,
      lastCompletedAt: t,
      lastFullAt: t,
      lastTotalRows: state.totalRows,
    }),
    audit(runId, "sync.finished", {
      status: deletions.status === "held" ? "deletions_held" : "completed",
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
  w: LeaseWriter,
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
        contentHash: await contentHash(
          toClient(client),
          taskTemplates,
          JSON.parse(client.sourceProblems) as SourceProblemRecord[],
        ),
        k: writes.length + 1,
      });
    }
    await w.write(runId, [
      updateTemplatesStatement(db, officeId, deps.now(), writes),
      bumpOfficeSeqStatement(db, officeId, writes.length),
      feedEventStatement(db, { officeId, now: deps.now(), count: writes.length, runId }),
      addToRunStatement(db, runId, { updated: writes.length }),
    ]);
    if (drift.length < templateChunk) return true;
  }
  return false;
}

/**
 * Refresh one client from AdminPulse (on-demand read, POST /v1/sync {clientId}). `record` null
 * means AdminPulse answered 404: a single 404 proves nothing (the API may not know the key we asked
 * by, or hide inactive relations), so the client is only flagged "not found upstream" until the
 * next full scan decides (ADR 0013).
 */
export async function refreshOne(
  deps: Pick<SyncDeps, "db" | "now">,
  officeId: string,
  record: SourceRecord | null,
  cached: ClientRow | null,
): Promise<"added" | "updated" | "unchanged" | "not_found_upstream"> {
  const { db } = deps;
  if (!record) {
    if (!cached || cached.deletedAt !== null) return "unchanged";
    await runBatch(db, [markNotFoundUpstreamStatement(db, officeId, cached.id, deps.now())]);
    return "not_found_upstream";
  }
  // Links named from the cache, as a full run names them: an unchanged client stays unwritten.
  const { records } = nameLinks([record], await targetsFor(db, officeId, null, [record]));
  const { statements, added, updated } = await pageStatements(deps, officeId, null, records, [
    record.adminpulseId,
  ]);
  await runBatch(db, statements);
  return added ? "added" : updated ? "updated" : "unchanged";
}
