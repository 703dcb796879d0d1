/**
 * The worker's v1 HTTP contract: request and response bodies shared by the worker (which serves
 * them and generates OpenAPI from them) and the Excel add-in (which parses what it receives).
 * One definition, so the two can never drift apart.
 */
import { z } from "zod";
import { clientSchema, comparableFieldSchema, importRowSchema } from "../model/client.js";
import { reconcileChoicesSchema } from "../reconcile/types.js";
import { rowIssueSchema } from "../validate/types.js";

export const apiRoles = ["admin", "staff", "service"] as const;
export const apiRoleSchema = z.enum(apiRoles);
export type ApiRole = z.infer<typeof apiRoleSchema>;

/** RFC 9457 problem details, with our stable `code` and the offending field or row in `errors`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z
    .array(
      z.object({
        /** JSON pointer-ish path of the offending field (`rows.3.enterpriseNumber`), when a field. */
        field: z.string().optional(),
        /** Import row reference, when a row. */
        ref: z.string().optional(),
        code: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A cached client as the API serves it. */
export const clientResourceSchema = clientSchema.extend({
  id: z.string(),
  /** Position in the office's change feed when this version was written. */
  changeSeq: z.number().int(),
  updatedAt: z.string(),
  taskTemplates: z.array(z.string()),
});
export type ClientResource = z.infer<typeof clientResourceSchema>;

/** Freshness of the cache, on every read: reads keep serving when AdminPulse is down. */
export const cacheInfoSchema = z.object({
  lastSyncedAt: z.string().nullable(),
  ageSeconds: z.number().int().nullable(),
  stale: z.boolean(),
});

export const clientListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  enterpriseNumber: z.string().max(40).optional(),
  kind: z.enum(["company", "soleProprietor", "person"]).optional(),
  taskTemplate: z.string().max(200).optional(),
  responsible: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ClientListQuery = z.infer<typeof clientListQuerySchema>;

export const clientListResponseSchema = z.object({
  data: z.array(clientResourceSchema),
  nextCursor: z.string().nullable(),
  cache: cacheInfoSchema,
});
export type ClientListResponse = z.infer<typeof clientListResponseSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(
    z.discriminatedUnion("type", [
      z.object({
        type: z.enum(["added", "updated"]),
        changeSeq: z.number().int(),
        client: clientResourceSchema,
      }),
      z.object({ type: z.literal("deleted"), changeSeq: z.number().int(), id: z.string() }),
    ]),
  ),
  /** Pass back as `cursor` to get what changed after this page. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const taskTemplateListResponseSchema = z.object({
  data: z.array(z.object({ name: z.string(), clientCount: z.number().int() })),
});

export const meResponseSchema = z.object({
  office: z.object({ id: z.string(), name: z.string() }),
  key: z.object({ id: z.string(), prefix: z.string(), role: apiRoleSchema, name: z.string() }),
  adminpulse: z.object({
    connected: z.boolean(),
    /** `active`, `expired`, `invalid`, `refresh_unavailable`, … */
    status: z.string().nullable(),
    expiresAt: z.string().nullable(),
    /** Why the connection is not active (a refused refresh, a revoked token), else null. */
    reason: z.string().nullable().default(null),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Hard cap on rows per reconcile or import request; bigger imports are split by the caller. */
export const maxRowsPerRequest = 10_000;

/**
 * The rows of one request. Each row's outcome is kept by its `ref`, so two rows with one ref would
 * silently merge (issue 11): a repeated ref is refused, naming both rows.
 */
export const importRowsSchema = z
  .array(importRowSchema)
  .min(1)
  .max(maxRowsPerRequest)
  .superRefine((rows, ctx) => {
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      const seen = first.get(row.ref);
      if (seen === undefined) {
        first.set(row.ref, i);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: [i, "ref"],
        params: { code: "duplicate_ref" },
        message: `Ref "${row.ref.slice(0, 50)}" is also used by rows.${seen}.ref; refs must be unique in a request.`,
      });
    });
  });

export const reconcileRequestSchema = z.strictObject({
  rows: importRowsSchema,
});

export const importRequestSchema = z.strictObject({
  /** Where the rows came from: `excel`, or another tool's name. */
  source: z.string().min(1).max(100),
  /** The person who pushed (display name or e-mail), for the audit log. */
  createdBy: z.string().min(1).max(200),
  rows: importRowsSchema,
  choices: reconcileChoicesSchema,
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importStatusSchema = z.enum(["accepted", "partially_accepted", "rejected"]);

export const importSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  status: importStatusSchema,
  counts: z.object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importResponseSchema = importSummarySchema.extend({
  /** Rows the server refused, each with every reason, to bring back into the sheet. */
  rejected: z.array(z.object({ ref: z.string(), issues: z.array(rowIssueSchema) })),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

export const importRowResourceSchema = z.object({
  ref: z.string(),
  action: z.enum(["create", "update", "unchanged", "rejected"]),
  clientId: z.string().nullable(),
  fields: z.array(comparableFieldSchema),
  client: clientSchema.nullable(),
  issues: z.array(rowIssueSchema),
});
export type ImportRowResource = z.infer<typeof importRowResourceSchema>;
