import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { offices } from "./offices.js";

/** The checkpoint and lease of an office's current sync run (one row per office). */
export const syncState = sqliteTable("sync_state", {
  officeId: text("office_id")
    .primaryKey()
    .references(() => offices.id),
  /** The unfinished run, or null when idle. */
  runId: text("run_id"),
  /** paging (relations) → tasks (task templates, ADR 0012) → finalizing → idle. */
  phase: text("phase", { enum: ["idle", "paging", "tasks", "finalizing"] })
    .notNull()
    .default("idle"),
  nextPage: integer("next_page").notNull().default(0),
  pageCount: integer("page_count"),
  /** totalRowCount AdminPulse reported on the first page; a change mid-run disables deletions. */
  totalRows: integer("total_rows"),
  totalStable: integer("total_stable", { mode: "boolean" }).notNull().default(true),
  /** Relations this run's relation pages carried (mapped or not): checked against totalRows. */
  seenRows: integer("seen_rows").notNull().default(0),
  /**
   * Why this scan cannot prove absence (`empty_page`, `page_count_changed`, `total_missing`,
   * `seen_mismatch`…): the first reason found; null while it still can. Deletions need null.
   */
  scanProblem: text("scan_problem"),
  /** Consecutive failures of the page at the checkpoint: bounded, then the run fails. */
  pageFailures: integer("page_failures").notNull().default(0),
  /** The tasks phase's own checkpoint: next 0-based page of `GET /tasks`. */
  taskNextPage: integer("task_next_page").notNull().default(0),
  taskPageCount: integer("task_page_count"),
  /** totalRowCount of `/tasks` on its first page; a change mid-run disables template removals. */
  taskTotalRows: integer("task_total_rows"),
  taskTotalStable: integer("task_total_stable", { mode: "boolean" }).notNull().default(true),
  /** Every task page of this run was read: only then may the templates be applied. */
  tasksScanned: integer("tasks_scanned", { mode: "boolean" }).notNull().default(false),
  /**
   * The responsible users' names (JSON id → name) last read from `GET /users`, kept across runs: a
   * run reads `/users` only when a relation names an id not in it (ADR 0026). The column keeps its
   * first name (it once held one run's list).
   */
  knownUsers: text("run_users"),
  /** When `knownUsers` was last read from AdminPulse (the light check refreshes an old list). */
  usersReadAt: integer("users_read_at"),
  /** This run already read `/users`: an id still unknown after that is not asked for again. */
  usersReadInRun: integer("users_read_in_run", { mode: "boolean" }).notNull().default(false),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until"),
  lastCompletedAt: integer("last_completed_at"),
  lastFullAt: integer("last_full_at"),
  lastLightAt: integer("last_light_at"),
  lastTotalRows: integer("last_total_rows"),
  /** When the cron last gave this office its turn: the least recently served go first (issue 11). */
  lastTickAt: integer("last_tick_at"),
});

export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: text("id").primaryKey(),
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    kind: text("kind", { enum: ["full", "client"] }).notNull(),
    trigger: text("trigger", { enum: ["cron", "manual", "on_demand"] }).notNull(),
    /** deletions_held: complete, but the deletions it found exceed the share an admin must confirm. */
    status: text("status", {
      enum: ["running", "completed", "failed", "deletions_held"],
    }).notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    /** Relation pages read. */
    pages: integer("pages").notNull().default(0),
    /** Task pages read (the tasks phase, ADR 0012). */
    taskPages: integer("task_pages").notNull().default(0),
    added: integer("added").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    deleted: integer("deleted").notNull().default(0),
    /** Clients this run would have deleted but held for an admin's confirmation. */
    deletionsHeld: integer("deletions_held").notNull().default(0),
    /** Mapping problems of the relations it read, by code: `{"language.unknown": 3}` (JSON). */
    problemCounts: text("problem_counts").notNull().default("{}"),
    errorCount: integer("error_count").notNull().default(0),
    lastError: text("last_error"),
    /**
     * The run's most recent errors, oldest first, at most `runErrorsKept` (JSON array of
     * `{code, message, at, phase, page}`); `errorCount` still counts them all.
     */
    errors: text("errors").notNull().default("[]"),
    /**
     * Milliseconds this run spent in its D1 write batches (summed; a batch's time is added with the
     * next one): the write part of the sync's bound (issue 17), measured in the run itself.
     */
    writeMs: integer("write_ms").notNull().default(0),
    /**
     * The per-key deletion check's cursor (ADR 0013): the id of the last unseen client asked for
     * by key and committed; null before the first. A step killed mid-check resumes after it.
     */
    deletionCheckAfter: text("deletion_check_after"),
    /**
     * When every unseen client had been asked for by key: only then may the run hold or delete,
     * and only such a held run may an admin confirm (null: a hold from before the check existed).
     */
    deletionsCheckedAt: integer("deletions_checked_at"),
  },
  (t) => [index("sync_runs_office_idx").on(t.officeId, t.startedAt)],
);

/**
 * Fixed-window call counter per key: the per-key cap on upstream refreshes of
 * `GET /v1/enterprises/{n}/client` (a yes/no per minute). AdminPulse's own budget is `rateSlots`.
 */
export const rateWindows = sqliteTable("rate_windows", {
  tokenFingerprint: text("token_fingerprint").primaryKey(),
  windowStart: integer("window_start").notNull(),
  used: integer("used").notNull(),
});

/**
 * The next free start of an AdminPulse call per token (epoch ms), shared by every invocation and
 * office: each call reserves the slot and moves it one spacing on (ADR 0026).
 */
export const rateSlots = sqliteTable("rate_slots", {
  tokenFingerprint: text("token_fingerprint").primaryKey(),
  nextAt: integer("next_at").notNull(),
});

/**
 * Staging of the tasks phase (ADR 0012): which task templates a relation (by AdminPulse
 * `uniqueIdentifier`, the key tasks carry) has tasks of, as read by one run. Written per task page
 * in the page's batch (so a resumed step never loses or doubles a page), applied to the clients when
 * the pass is complete, then cleared.
 */
export const syncTaskLinks = sqliteTable(
  "sync_task_links",
  {
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    runId: text("run_id").notNull(),
    relationUid: text("relation_uid").notNull(),
    templateName: text("template_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.runId, t.relationUid, t.templateName] })],
);

/**
 * Clients a relation page could not write yet (ADR 0025): new or changed relations with a link to
 * a relation this run has not read yet, so the link's name is unknown or may still change. One
 * row per page (its records as JSON, cut under D1's row cap), written in the page's batch; finalize
 * names the links and writes each client once, deleting the row in the same batch, then clears.
 */
export const syncPendingClients = sqliteTable(
  "sync_pending_clients",
  {
    officeId: text("office_id")
      .notNull()
      .references(() => offices.id),
    runId: text("run_id").notNull(),
    /** The relation page (0-based) and part of it, so a page written again replaces its rows. */
    page: integer("page").notNull(),
    part: integer("part").notNull(),
    /** The page's deferred `SourceRecord`s (JSON array). */
    records: text("records").notNull(),
    /** `[uniqueIdentifier, adminpulseId, name]` of each record: names for links, read without `records`. */
    names: text("names").notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.runId, t.page, t.part] })],
);
