import { createRoute, z } from "@hono/zod-openapi";
import { type Client, fieldChangeSchema, versionChanges } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { listHistory } from "../../../db/queries/history.js";
import { decodeCursor, encodeCursor } from "../../../lib/cursor.js";
import { notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { pageLimit } from "../../../openapi/limits.js";
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
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const before = decodeCursor(q.cursor, z.number().int().nonnegative());
    const rows = await listHistory(c.var.db, c.var.auth.officeId, id, {
      limit: q.limit,
      ...(before === undefined ? {} : { before }),
    });
    // Another office's client has no history here: exactly like a missing one.
    if (rows.length === 0 && before === undefined) throw notFound();
    const parsed = rows.map((h) => ({ ...h, client: JSON.parse(h.content) as Client }));
    const page = parsed.slice(0, q.limit);
    const data = page.map((v, i) => {
      const previous = parsed[i + 1];
      return {
        changeSeq: v.changeSeq,
        at: new Date(v.at).toISOString(),
        deleted: v.deleted !== 0,
        first: previous === undefined,
        changes: versionChanges(previous?.client ?? null, v.client),
      };
    });
    const last = page.at(-1);
    const more = parsed.length > q.limit && last;
    return c.json({ data, nextCursor: more ? encodeCursor(last.changeSeq) : null }, 200);
  });
}
