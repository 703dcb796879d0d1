import { z } from "@hono/zod-openapi";
import { importRowResourceSchema, importSummarySchema } from "@pulsebridge/core";

export const importIdParamSchema = z.strictObject({
  id: z.string().min(1).max(64).describe("The import's `id`."),
});
export const idempotencyHeaderSchema = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Required: a new UUID per push. Sending the same push again returns its first result.",
    ),
});

const nextCursor = z
  .string()
  .nullable()
  .describe("Pass back as `cursor` for the next page; null on the last page.");

export const importListResponseSchema = z.object({
  data: z.array(importSummarySchema),
  nextCursor,
});

export const importRowsResponseSchema = z.object({
  data: z.array(importRowResourceSchema),
  nextCursor,
});

export const cursorQuery = z
  .string()
  .max(300)
  .optional()
  .describe("The `nextCursor` of the previous page.");

export function toImportSummary(h: {
  id: string;
  source: string;
  createdBy: string;
  createdAt: number;
  status: "accepted" | "partially_accepted" | "rejected";
  withdrawnAt?: number | null;
  withdrawnBy?: string | null;
  withdrawReason?: string | null;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}) {
  return {
    id: h.id,
    source: h.source,
    createdBy: h.createdBy,
    createdAt: new Date(h.createdAt).toISOString(),
    status: h.withdrawnAt ? ("withdrawn" as const) : h.status,
    withdrawn: h.withdrawnAt
      ? {
          at: new Date(h.withdrawnAt).toISOString(),
          by: h.withdrawnBy ?? "",
          reason: h.withdrawReason ?? null,
        }
      : null,
    counts: {
      rows: h.rowCount,
      created: h.created,
      updated: h.updated,
      unchanged: h.unchanged,
      rejected: h.rejected,
    },
  };
}
