import { z } from "@hono/zod-openapi";
import { importRowResourceSchema, importSummarySchema } from "@pulsebridge/core";

export const importIdParamSchema = z.strictObject({ id: z.string().min(1).max(64) });
export const idempotencyHeaderSchema = z.object({
  "idempotency-key": z.string().min(1).max(200).optional(),
});

export const importListResponseSchema = z.object({
  data: z.array(importSummarySchema),
  nextCursor: z.string().nullable(),
});

export const importRowsResponseSchema = z.object({
  data: z.array(importRowResourceSchema),
  nextCursor: z.string().nullable(),
});

export function toImportSummary(h: {
  id: string;
  source: string;
  createdBy: string;
  createdAt: number;
  status: "accepted" | "partially_accepted" | "rejected";
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
    status: h.status,
    counts: {
      rows: h.rowCount,
      created: h.created,
      updated: h.updated,
      unchanged: h.unchanged,
      rejected: h.rejected,
    },
  };
}
