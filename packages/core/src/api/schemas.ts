/**
 * The worker's v1 HTTP contract: request and response bodies shared by the worker (which serves
 * them and generates OpenAPI from them) and the Excel add-in (which parses what it receives).
 * One definition, so the two can never drift apart.
 */
import { z } from "zod";
// Names and describes the model's schemas for the OpenAPI document (side effect on zod's registry).
import "./components.js";
import { clientSchema, comparableFieldSchema, importRowSchema } from "../model/client.js";
import { fingerprintPattern } from "../reconcile/fingerprint.js";
import { reconcileChoicesSchema } from "../reconcile/types.js";
import { rowIssueSchema } from "../validate/types.js";
import { apiErrorCodeSchema } from "./error-codes.js";

export const apiRoles = ["admin", "staff", "service"] as const;
export const apiRoleSchema = z
  .enum(apiRoles)
  .describe("`admin`: everything; `staff`: read, sync and push imports; `service`: read only.");
export type ApiRole = z.infer<typeof apiRoleSchema>;

/** RFC 9457 problem details, with our stable `code` and the offending field or row in `errors`. */
export const problemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem; one per `code`."),
    title: z.string().describe("Short English summary of the kind of problem."),
    status: z.number().int().describe("The HTTP status, repeated."),
    detail: z.string().describe("What went wrong with this request, in English."),
    code: apiErrorCodeSchema.describe(
      "Stable machine-readable code, one of a closed list (`validation_failed`, `not_found`, …).",
    ),
    requestId: z.string().optional().describe("The `X-Request-Id` of the request, for support."),
    errors: z
      .array(
        z.object({
          field: z
            .string()
            .optional()
            .describe("Dotted path of the offending field (`rows.3.enterpriseNumber`)."),
          ref: z.string().optional().describe("The offending import row's `ref`."),
          code: z.string().describe("Stable code of this error."),
          message: z.string().describe("What is wrong with it, in English."),
        }),
      )
      .optional()
      .describe("Each offending field or row, for bad input."),
  })
  .meta({
    id: "Problem",
    description: "An RFC 9457 problem (`application/problem+json`) with our stable `code`.",
  });
export type Problem = z.infer<typeof problemSchema>;

/**
 * Something AdminPulse sent for this client that the mapping could not use as-is (the rest was
 * mapped). `seen` says what arrived — a JSON type, an unknown code, a format — never the value of a
 * personal field. `upstream.not_found`: an on-demand refresh got 404 (the client is kept until a
 * complete full scan decides).
 */
export const sourceProblemSchema = z
  .object({
    code: z.string().describe("Stable problem code (`type.unexpected`, `language.unknown`, …)."),
    field: z.string().describe("The AdminPulse field (path) it concerns."),
    seen: z
      .string()
      .describe("What arrived: a JSON type, a code or a format; never a personal value."),
  })
  .meta({
    id: "SourceProblem",
    description: "A field AdminPulse sent that could not be mapped as-is.",
  });
export type SourceProblem = z.infer<typeof sourceProblemSchema>;

/** A cached client as the API serves it. */
export const clientResourceSchema = clientSchema
  .extend({
    id: z.string().describe("pulsebridge's id of the client (stable across syncs)."),
    changeSeq: z
      .number()
      .int()
      .describe("Position in the office's change feed when this version was written."),
    updatedAt: z.string().describe("When this version was written to the cache (ISO 8601)."),
    taskTemplates: z
      .array(z.string())
      .describe("Names of the AdminPulse task templates the client has tasks from."),
    sourceProblems: z
      .array(sourceProblemSchema)
      .optional()
      .describe(
        "What AdminPulse sent for this client that could not be mapped as-is (the rest was " +
          "mapped); always sent by the worker, [] when none.",
      ),
  })
  .meta({ id: "Client", description: "A client (AdminPulse relation) as the cache holds it." });
export type ClientResource = z.infer<typeof clientResourceSchema>;

/** Freshness of the cache, on every read: reads keep serving when AdminPulse is down. */
export const cacheInfoSchema = z
  .object({
    lastSyncedAt: z
      .string()
      .nullable()
      .describe("When the office's last sync (or this client's refresh) finished; null if never."),
    ageSeconds: z.number().int().nullable().describe("Seconds since `lastSyncedAt`."),
    stale: z
      .boolean()
      .describe("True when older than the server's staleness limit (`CACHE_STALE_SECONDS`)."),
  })
  .meta({
    id: "CacheInfo",
    description: "How fresh the cache is; reads keep serving when AdminPulse is down.",
  });

export type CacheInfo = z.infer<typeof cacheInfoSchema>;

export const clientListQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe("Search in names, case- and accent-insensitive."),
  enterpriseNumber: z
    .string()
    .max(40)
    .optional()
    .describe("Enterprise number in any spelling (`BE 0403.019.261`, `403019261`)."),
  kind: z.enum(["company", "soleProprietor", "person"]).optional().describe("Only this kind."),
  taskTemplate: z
    .string()
    .max(200)
    .optional()
    .describe("Only clients with tasks from this task template (exact name)."),
  responsible: z
    .string()
    .max(200)
    .optional()
    .describe("Only clients of this responsible user (exact name)."),
  cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe("Clients per page (1–1000)."),
});
export type ClientListQuery = z.infer<typeof clientListQuerySchema>;

const nextCursor = z
  .string()
  .nullable()
  .describe("Pass back as `cursor` for the next page; null on the last page.");

export const clientListResponseSchema = z.object({
  data: z.array(clientResourceSchema),
  nextCursor,
  cache: cacheInfoSchema,
});
export type ClientListResponse = z.infer<typeof clientListResponseSchema>;

export const changeSchema = z
  .discriminatedUnion("type", [
    z.object({
      type: z.enum(["added", "updated"]),
      changeSeq: z.number().int().describe("Position of this change in the office's feed."),
      client: clientResourceSchema,
    }),
    z.object({
      type: z.literal("deleted"),
      changeSeq: z.number().int().describe("Position of this change in the office's feed."),
      id: z.string().describe("The deleted client's id."),
    }),
  ])
  .meta({
    id: "Change",
    description:
      "One entry of the change feed: a client added or updated (its new version), or deleted.",
  });

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema).describe("Each client once, at its latest change, in feed order."),
  nextCursor: z
    .string()
    .describe("Pass back as `cursor` to get what changed after this page (also when empty)."),
  hasMore: z.boolean().describe("True when more changes follow: ask again at once."),
  epoch: z
    .string()
    .describe(
      "The feed's epoch (also in `nextCursor`). It changes when the feed cannot continue where a " +
        "mirror left it (a restored database); a cursor of another epoch is a 410 `change_feed_reset`.",
    ),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const taskTemplateListResponseSchema = z.object({
  data: z.array(
    z.object({
      name: z.string().describe("The task template's name in AdminPulse."),
      clientCount: z.number().int().describe("Cached clients with tasks from it."),
    }),
  ),
});

export const meResponseSchema = z.object({
  office: z.object({ id: z.string(), name: z.string() }),
  key: z.object({ id: z.string(), prefix: z.string(), role: apiRoleSchema, name: z.string() }),
  adminpulse: z.object({
    connected: z.boolean(),
    status: z
      .string()
      .nullable()
      .describe("`active`, `expired`, `invalid`, `refresh_unavailable`; null when not connected."),
    expiresAt: z.string().nullable().describe("When the stored credential expires, if known."),
    expiry: z
      .object({
        status: z.enum(["ok", "expiring", "expired"]),
        daysLeft: z.number().int().nullable(),
      })
      .nullable()
      .default(null)
      .describe(
        "`expiring` within 14 days of the key's expiry date, `expired` after it (or when AdminPulse " +
          "said the key expired or refused the OAuth refresh); `daysLeft` null when no date is known. " +
          "Null when not connected.",
      ),
    reason: z
      .string()
      .nullable()
      .default(null)
      .describe(
        "Why the connection is not active (a refused refresh, a revoked token), else null.",
      ),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Hard cap on rows per reconcile or import request; bigger imports are split by the caller. */
export const maxRowsPerRequest = 10_000;
/** Issues kept per row of a stored import (the first ones, then a count): bounds what a push stores. */
export const maxIssuesPerRow = 20;
/**
 * Issues kept in all rows of one push (or staged part) together: once this many are kept, each
 * further row keeps only its first, the rest counted (issue 11: 10,000 rows × 20 issues were
 * 200,000 issue objects, 86 MB of one push's memory).
 */
export const maxIssuesPerRequest = 20_000;
/**
 * Links in all rows of one push (or staged part) together. Rows may carry 200 links each, but a
 * 16 MiB body of 10,000 such rows was 400,000 link objects, parsed and copied (issue 11: +133 MB);
 * a sheet with more links is pushed in parts (staged push).
 */
export const maxLinksPerRequest = 50_000;
/** Rejected rows in a push's response; the rest are paged (`rejectedNextCursor`). */
export const maxRejectedInResponse = 1_000;

/**
 * The rows of one request. Each row's outcome is kept by its `ref`, so two rows with one ref would
 * silently merge (issue 11): a repeated ref is refused, naming both rows.
 */
/** Refs must be unique in a request: each repeat is a `duplicate_ref` issue naming the first. */
function uniqueRefs(
  lists: { name: string; items: { ref: string }[]; at: (string | number)[] }[],
  ctx: z.RefinementCtx,
): void {
  const first = new Map<string, string>();
  for (const { name, items, at } of lists)
    items.forEach((item, i) => {
      const seen = first.get(item.ref);
      if (seen === undefined) {
        first.set(item.ref, `${name}.${i}.ref`);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: [...at, i, "ref"],
        params: { code: "duplicate_ref" },
        message: `Ref "${item.ref.slice(0, 50)}" is also used by ${seen}; refs must be unique in a request.`,
      });
    });
}

export const importRowsSchema = z
  .array(importRowSchema)
  .min(1)
  .max(maxRowsPerRequest)
  .superRefine((rows, ctx) => uniqueRefs([{ name: "rows", items: rows, at: [] }], ctx));

/**
 * What a sheet was pulled with: all clients, one task template, or a search (a name, or an
 * enterprise number in any spelling). Stored with the sheet; sent with review and push, so
 * "only in PulseBridge" lists only the clients the pull could have brought in.
 */
export const pullScopeSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("all") }),
  z.strictObject({ mode: z.literal("taskTemplate"), taskTemplate: z.string().min(1).max(200) }),
  z.strictObject({ mode: z.literal("search"), text: z.string().min(1).max(200) }),
]);
export type PullScope = z.infer<typeof pullScopeSchema>;

/**
 * A pulled row the sheet has not changed, sent as which client and version it is plus the
 * fingerprint of its cells (core's clientFingerprint of the validated row) instead of the cells.
 */
export const knownRowSchema = z
  .strictObject({
    ref: z.string().max(200),
    id: z.string().max(200).optional().describe("The client's id (the row's `id`)."),
    adminpulseId: z
      .string()
      .max(200)
      .optional()
      .describe("Or its AdminPulse id (the row's `sourceIds.adminpulseId`)."),
    version: z
      .string()
      .regex(/^\d{1,15}$/, "expected the changeSeq the row was pulled at")
      .describe("The version (changeSeq) the row was pulled at."),
    fingerprint: z
      .string()
      .regex(fingerprintPattern, "expected 22 base64url characters")
      .describe(
        "Base64url of the first 16 bytes of SHA-256 over the row's comparable fields, as " +
          "`clientFingerprint` in @pulsebridge/core computes it from the validated row.",
      ),
  })
  .refine((k) => Boolean(k.id || k.adminpulseId), {
    path: ["id"],
    message: "a known row names its client by `id` or `adminpulseId`",
  });
export type KnownRow = z.infer<typeof knownRowSchema>;

export const reconcileRequestSchema = z
  .strictObject({
    /** Rows in full. May be empty when `known` carries rows (added in 2026-12; was min 1). */
    rows: z.array(importRowSchema).max(maxRowsPerRequest),
    known: z
      .array(knownRowSchema)
      .max(maxRowsPerRequest)
      .optional()
      .describe(
        "Pulled rows the sheet has not changed, by id, version and fingerprint instead of every " +
          "cell. The worker rebuilds that version and reviews the row as it; a row it cannot " +
          "confirm (gone, version pruned, fingerprint differs) comes back in `resend`: send it in " +
          "`rows`. `rows` and `known` together hold at most " +
          `${maxRowsPerRequest} rows, with unique refs.`,
      ),
    /** The pull's scope; without it every client of the office is in scope. */
    scope: pullScopeSchema.optional(),
    onlyInTarget: z
      .boolean()
      .optional()
      .describe(
        "`false`: answer `onlyInTarget` empty. For the later requests of a review sent in " +
          "several: the first request's list, less the clients any request matched, is the answer.",
      ),
    answer: z
      .enum(["full", "compact"])
      .optional()
      .describe(
        "`full` (the default, as before): every match and new client with its records in full. " +
          "`compact`: matches without differences or warnings are their ids and versions only, " +
          "the others carry `name`, numbers and `differences` instead of `client`/`existing`; " +
          "new clients carry `name` and numbers instead of `client`; empty lists and " +
          "`probable: false` are left out.",
      ),
  })
  .superRefine((body, ctx) => {
    const known = body.known ?? [];
    const total = body.rows.length + known.length;
    if (total === 0)
      ctx.addIssue({ code: "custom", path: ["rows"], message: "expected at least one row" });
    if (total > maxRowsPerRequest)
      ctx.addIssue({
        code: "custom",
        path: ["known"],
        message: `rows and known rows together: at most ${maxRowsPerRequest}`,
      });
    uniqueRefs(
      [
        { name: "rows", items: body.rows, at: ["rows"] },
        { name: "known", items: known, at: ["known"] },
      ],
      ctx,
    );
  });
export type ReconcileRequest = z.input<typeof reconcileRequestSchema>;

/**
 * A person as the add-in names them (display name or e-mail, asked once and kept in its settings):
 * who pushed or withdrew an import. Not an identity the server can prove (the API key is); it
 * tells apart the staff who share one key, in the import and the audit log (ADR 0021).
 */
export const personSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^\u0000-\u001f\u007f]+$/, "no control characters or line breaks");

export const importRequestSchema = z.strictObject({
  source: z
    .string()
    .min(1)
    .max(100)
    .describe("Where the rows came from: `excel`, or another tool's name."),
  createdBy: personSchema.describe(
    "The person who pushed (display name or e-mail), for the audit log: staff sharing one key " +
      "are told apart by it.",
  ),
  rows: importRowsSchema,
  choices: reconcileChoicesSchema,
  /** The pull's scope, recorded with the import (see pullScopeSchema). */
  scope: pullScopeSchema.optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importStatusSchema = z
  .enum(["accepted", "partially_accepted", "rejected", "withdrawn"])
  .describe(
    "`partially_accepted`: some rows were rejected (see `rejected`), the rest stored. " +
      "`withdrawn`: staff withdrew the import after the push (see `withdrawn`); tools that took " +
      "its rows should undo what they took.",
  );

export const importSummarySchema = z
  .object({
    id: z.string(),
    source: z.string(),
    createdBy: z.string().describe("The person who pushed, as the pushing tool named them."),
    createdAt: z.string(),
    status: importStatusSchema,
    withdrawn: z
      .object({
        at: z.string(),
        by: z.string().describe("The person who withdrew it."),
        reason: z.string().nullable(),
      })
      .nullable()
      .optional()
      .describe("When, by whom and why the import was withdrawn; null while it stands."),
    counts: z
      .object({
        rows: z.number().int(),
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        rejected: z.number().int(),
      })
      .describe("How many rows were sent, and what became of them."),
  })
  .meta({ id: "ImportSummary", description: "One import: who pushed it, when, and its counts." });
export type ImportSummary = z.infer<typeof importSummarySchema>;

const issuesOmittedSchema = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe("Further issues of this row left out: a row carries at most 20 (`maxIssuesPerRow`).");

export const importResponseSchema = importSummarySchema
  .extend({
    rejected: z
      .array(
        z.object({
          ref: z.string(),
          issues: z.array(rowIssueSchema),
          issuesOmitted: issuesOmittedSchema,
        }),
      )
      .describe(
        "Rows the server refused, each with its reasons, to bring back into the sheet: at most " +
          "1,000 (`maxRejectedInResponse`); the rest are paged with `rejectedNextCursor`.",
      ),
    rejectedNextCursor: z
      .string()
      .nullable()
      .optional()
      .describe(
        "When more rows were rejected than `rejected` holds: the cursor for " +
          "`GET /v1/imports/{id}/rows?action=rejected&cursor=…`; null when none are left.",
      ),
  })
  .meta({ id: "Import", description: "One import with the rows the server refused." });
export type ImportResponse = z.infer<typeof importResponseSchema>;

export const importRowResourceSchema = z
  .object({
    ref: z.string().describe("The row's reference as sent."),
    action: z
      .enum(["create", "update", "unchanged", "rejected"])
      .describe("What the import did with the row."),
    clientId: z.string().nullable().describe("The client it created or updated."),
    fields: z.array(comparableFieldSchema).describe("For `update`: the fields overwritten."),
    client: clientSchema.nullable().describe("The client as the row described it, once valid."),
    issues: z.array(rowIssueSchema),
    issuesOmitted: issuesOmittedSchema,
  })
  .meta({ id: "ImportRowOutcome", description: "One row of an import and what became of it." });
export type ImportRowResource = z.infer<typeof importRowResourceSchema>;
