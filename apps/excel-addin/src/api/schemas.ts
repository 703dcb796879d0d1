/**
 * Response schemas the add-in reads that core does not publish (the worker keeps them beside its
 * routes). Only the fields the pane uses; extra fields are ignored, missing ones are an error.
 */
import { importRowResourceSchema } from "@pulsebridge/core";
import { z } from "zod";

/** GET /v1/imports/{id}/rows: one page of an import's rows with their outcome. */
export const importRowsPageSchema = z.object({
  data: z.array(importRowResourceSchema),
  nextCursor: z.string().nullable(),
});

/** One run of the AdminPulse sync (GET /v1/sync/runs), as far as the pane shows it. */
export const syncRunSchema = z.object({
  id: z.string(),
  kind: z.enum(["full", "client"]),
  status: z.enum(["running", "completed", "failed", "deletions_held"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  deleted: z.number().int(),
  deletionsHeld: z.number().int(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const syncRunsSchema = z.object({ data: z.array(syncRunSchema) });

/** POST /v1/sync/runs/{id}/confirm-deletions. */
export const confirmDeletionsSchema = z.object({ run: syncRunSchema, deleted: z.number().int() });
