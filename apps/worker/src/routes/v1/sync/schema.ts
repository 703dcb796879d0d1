import { z } from "@hono/zod-openapi";

export const syncRunSchema = z.object({
  id: z.string(),
  kind: z.enum(["full", "client"]),
  trigger: z.enum(["cron", "manual", "on_demand"]),
  status: z.enum(["running", "completed", "failed"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Relation pages read. */
  pages: z.number().int(),
  /** Task pages read (task templates come from tasks, ADR 0012). */
  taskPages: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  errorCount: z.number().int(),
  lastError: z.string().nullable(),
});

export const startSyncBodySchema = z
  .strictObject({ clientId: z.string().min(1).max(64).optional() })
  .default({});

export const startSyncResponseSchema = z.object({
  run: syncRunSchema.nullable(),
  /** progress: more pages to go (cron continues); completed; busy: another run holds the lease. */
  outcome: z.enum(["progress", "completed", "busy", "error", "idle", "refreshed"]),
  /** For `{clientId}`: what the refresh did. */
  client: z.enum(["added", "updated", "unchanged", "deleted"]).optional(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export function toRunResource(r: {
  id: string;
  kind: "full" | "client";
  trigger: "cron" | "manual" | "on_demand";
  status: "running" | "completed" | "failed";
  startedAt: number;
  finishedAt: number | null;
  pages: number;
  taskPages: number;
  added: number;
  updated: number;
  deleted: number;
  errorCount: number;
  lastError: string | null;
}) {
  return { ...r, startedAt: new Date(r.startedAt).toISOString(), finishedAt: iso(r.finishedAt) };
}
