import { createRoute, z } from "@hono/zod-openapi";
import { fieldChangeSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
import { clientHistoryPage } from "../../../services/client-history.js";
import { clientIdParamSchema } from "./schema.js";

const querySchema = z.strictObject({
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Versions per page."),
});

const versionSchema = z.object({
  /** The client's `changeSeq` at this version: what a pulled sheet carries as `version`. */
  changeSeq: z.number().int(),
  at: z.string(),
  deleted: z.boolean(),
  /** True for the oldest version kept: its changes are every filled field (before = null). */
  first: z.boolean(),
  changes: z.array(fieldChangeSchema),
});

const route = createRoute({
  method: "get",
  path: "/clients/{id}/history",
  tags: ["clients"],
  operationId: "listClientHistory",
  summary: "A client's versions, newest first, each with its field-level changes (before/after)",
  description:
    "Versions are kept for HISTORY_RETENTION_DAYS (default 400); the current version always. " +
    "The oldest version kept is marked `first` (its predecessor may have been pruned). " +
    pageLimit(200, 50, "versions"),
  middleware: [anyRole] as const,
  request: { params: clientIdParamSchema, query: querySchema },
  responses: {
    200: jsonResponse(
      "The client's versions, newest first",
      z.object({
        data: z.array(versionSchema),
        nextCursor: z.string().nullable().describe("Pass back as `cursor` for older versions."),
      }),
      {
        data: [
          {
            changeSeq: 42,
            at: "2026-11-25T10:00:00.000Z",
            deleted: false,
            first: false,
            changes: [{ field: "email", before: "info@acme.be", after: "boekhouding@acme.be" }],
          },
        ],
        nextCursor: null,
      },
    ),
    ...problems("validation_failed", "not_found"),
  },
});

export function registerClientHistory(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const page = await clientHistoryPage(
      serviceContext(c),
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });
}
