import { z } from "@hono/zod-openapi";

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
        "`deletions_held`: the run finished, but the clients it no longer found exceed " +
          "SYNC_DELETE_MAX_PERCENT of the office; they stay live until an admin confirms " +
          "(POST /v1/sync/runs/{id}/confirm-deletions) or a later run sees them again.",
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
    errorCount: z.number().int(),
    lastError: z.string().nullable().describe("The last error's stable code and text, if any."),
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
  errorCount: 0,
  lastError: null,
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
}) {
  const { problemCounts, ...rest } = r;
  return {
    ...rest,
    problems: JSON.parse(problemCounts) as Record<string, number>,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}
