import { z } from "@hono/zod-openapi";
import { runErrorsKept } from "../../../db/queries/sync.js";

const runErrorSchema = z
  .object({
    code: z
      .string()
      .describe(
        "Stable code (`rate_limited`, `upstream`, `page_unreadable`, `empty_page`, " +
          "`deletions_unconfirmed`, `connection_expired` …): the message's text before its first colon.",
      ),
    message: z.string().describe("What happened, in English; never a token or a personal value."),
    at: z.string().describe("When (ISO 8601)."),
    phase: z
      .enum(["paging", "tasks", "finalizing"])
      .nullable()
      .describe(
        "The step's phase: `paging` (relation pages), `tasks` (task pages), `finalizing` " +
          "(deletions, templates, link names); null when not known.",
      ),
    page: z
      .number()
      .int()
      .nullable()
      .describe("The 0-based relation or task page being read (`paging`/`tasks`), else null."),
  })
  .meta({ id: "SyncRunError", description: "One error note of a sync run." });

/** A stored error note (`sync_runs.errors`), as written by `recordRunError`. */
const storedRunErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  at: z.number(),
  phase: z.enum(["paging", "tasks", "finalizing"]).nullable(),
  page: z.number().int().nullable(),
});

export const syncRunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["full", "client"]).describe("`full`: the whole office; `client`: one client."),
    trigger: z
      .enum(["cron", "manual", "on_demand"])
      .describe("`cron`: scheduled; `manual`: `POST /v1/sync`; `on_demand`: a stale read."),
    status: z
      .enum(["running", "completed", "failed", "deletions_held"])
      .describe(
        "`deletions_held`: the run finished, but the clients it no longer found — each asked " +
          "for by key, and answered 404 by AdminPulse — exceed SYNC_DELETE_MAX_PERCENT of the " +
          "office; they stay live until an admin confirms " +
          "(POST /v1/sync/runs/{id}/confirm-deletions) or a later run sees them again. Clients " +
          "AdminPulse still answers by key are never held: they are kept, flagged `upstream.unlisted`.",
      ),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    pages: z.number().int().describe("Relation pages read."),
    taskPages: z.number().int().describe("Task pages read (task templates come from tasks)."),
    added: z.number().int(),
    updated: z.number().int(),
    deleted: z.number().int(),
    deletionsHeld: z
      .number()
      .int()
      .describe("Deletions held for an admin's confirmation (status `deletions_held`)."),
    problems: z
      .record(z.string(), z.number().int())
      .describe(
        'Mapping problems of the relations read, by problem code (`{"language.unknown": 3}`).',
      ),
    errorCount: z
      .number()
      .int()
      .describe("Every error note of the run, including any no longer in `errors`."),
    lastError: z.string().nullable().describe("The last error's stable code and text, if any."),
    errors: z
      .array(runErrorSchema)
      .describe(
        `The run's most recent error notes, oldest first: at most ${runErrorsKept} (\`errorCount\` ` +
          "counts them all). A run that hit a rate limit on one page, then a 5xx on another, then " +
          "deferred its deletions shows all three here; `lastError` is the last one.",
      ),
  })
  .meta({ id: "SyncRun", description: "One run of the AdminPulse sync, across its steps." });

export const exampleRun: z.infer<typeof syncRunSchema> = {
  id: "01J9Z8Q4R6W3T2Y7X5V1N0M8KT",
  kind: "full",
  trigger: "manual",
  status: "running",
  startedAt: "2026-11-30T08:10:00.000Z",
  finishedAt: null,
  pages: 20,
  taskPages: 0,
  added: 12,
  updated: 301,
  deleted: 0,
  deletionsHeld: 0,
  problems: {},
  errorCount: 1,
  lastError: "rate_limited: /relations page 20: GET /relations after 4 attempt(s)",
  errors: [
    {
      code: "rate_limited",
      message: "rate_limited: /relations page 20: GET /relations after 4 attempt(s)",
      at: "2026-11-30T08:10:41.000Z",
      phase: "paging",
      page: 20,
    },
  ],
};

export const startSyncBodySchema = z
  .strictObject({
    clientId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("Refresh only this client (by `id`); absent: a step of the whole office."),
  })
  .default({});

export const startSyncResponseSchema = z.object({
  run: syncRunSchema.nullable(),
  outcome: z
    .enum(["progress", "completed", "busy", "error", "idle", "refreshed"])
    .describe(
      "`progress`: more pages to go (cron continues); `completed`; `busy`: another run holds " +
        "the lease; `refreshed`: the one client was refreshed.",
    ),
  client: z
    .enum(["added", "updated", "unchanged", "not_found_upstream"])
    .optional()
    .describe(
      "For `clientId`: what the refresh did. `not_found_upstream`: AdminPulse answered 404; the " +
        "client is flagged (its `sourceProblems` show `upstream.not_found`), never deleted: only a " +
        "complete full scan deletes.",
    ),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The stored list, read tolerantly: a note that does not parse is left out, never a 500. */
function runErrors(stored: string): z.infer<typeof runErrorSchema>[] {
  const list = z.array(z.unknown()).safeParse(JSON.parse(stored));
  if (!list.success) return [];
  return list.data.flatMap((raw) => {
    const e = storedRunErrorSchema.safeParse(raw);
    return e.success ? [{ ...e.data, at: new Date(e.data.at).toISOString() }] : [];
  });
}

export function toRunResource(r: {
  id: string;
  kind: "full" | "client";
  trigger: "cron" | "manual" | "on_demand";
  status: "running" | "completed" | "failed" | "deletions_held";
  startedAt: number;
  finishedAt: number | null;
  pages: number;
  taskPages: number;
  added: number;
  updated: number;
  deleted: number;
  deletionsHeld: number;
  problemCounts: string;
  errorCount: number;
  lastError: string | null;
  errors: string;
}): z.infer<typeof syncRunSchema> {
  // Field by field: the row also carries the engine's own columns (the deletion check's cursor).
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: iso(r.finishedAt),
    pages: r.pages,
    taskPages: r.taskPages,
    added: r.added,
    updated: r.updated,
    deleted: r.deleted,
    deletionsHeld: r.deletionsHeld,
    problems: JSON.parse(r.problemCounts) as Record<string, number>,
    errorCount: r.errorCount,
    lastError: r.lastError,
    errors: runErrors(r.errors),
  };
}
