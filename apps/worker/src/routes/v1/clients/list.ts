import { createRoute, z } from "@hono/zod-openapi";
import { checkId, clientListQuerySchema, clientListResponseSchema } from "@pulsebridge/core";
import { registerFilterSchema } from "@pulsebridge/kbo/portable";
import { anyRole } from "../../../auth/middleware.js";
import { clientResourceJson, cursorAnchor, listClientsRead } from "../../../db/queries/clients.js";
import { officeReadState } from "../../../db/queries/offices.js";
import { cacheInfo, jsonText } from "../../../lib/cache-info.js";
import { decodeCursor, encodeCursor, invalidCursor } from "../../../lib/cursor.js";
import { ApiError } from "../../../lib/errors.js";
import { listEtag, matchesIfNoneMatch } from "../../../lib/etag.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleCache, exampleClient } from "../../../openapi/examples.js";
import { currentRegisterStatuses } from "../../../register/list-filter.js";
import { foldSearch } from "../../../sync/content-hash.js";
import { notModified } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/clients",
  tags: ["clients"],
  operationId: "listClients",
  summary: "List cached clients (filters, cursor pagination, ETag)",
  description:
    "Clients by name, then id. Filters combine. Follow `nextCursor` until it is null; to keep a " +
    "copy up to date afterwards, read `/v1/changes` instead of listing again. Limits: 1–1000 " +
    "clients a page (default 100); `cursor` at most 200 characters (it holds only the last id, " +
    "so any name pages); `q`, `taskTemplate` and `responsible` at most 200 characters (400 " +
    "`validation_failed`).",
  middleware: [anyRole] as const,
  request: {
    query: clientListQuerySchema.extend({
      register: registerFilterSchema
        .optional()
        .describe(
          "`differs`: clients whose enterprise number is not in the register or whose data differs from it.",
        ),
    }),
  },
  responses: {
    200: jsonResponse("A page of clients", clientListResponseSchema, {
      data: [exampleClient],
      nextCursor: "WyJCYWtrZXJpaiBKYW5zc2VucyBCViIsIjAxSjlaOFE0UjZXM1QyWTdYNVYxTjBNOEtQIl0",
      cache: exampleCache,
    }),
    ...notModified,
    ...problems("validation_failed"),
  },
});

/**
 * The cursor holds only the last row's id (its name is looked up again): a name can be any length
 * and any script, a cursor must stay short.
 */
const idCursor = z.tuple([z.string().min(1).max(100)]);

/** Any spelling of an enterprise number (`BE 0403.019.261`, `403019261`) → its normalized form. */
export function normalizeEnterprise(raw: string, field: string): string {
  const r = checkId("enterprise", raw);
  if (!r.valid) {
    throw new ApiError("validation_failed", "Not a valid enterprise number.", [
      { field, code: r.error.code, message: r.error.message },
    ]);
  }
  return r.normalized;
}

export function registerListClients(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const { officeId } = c.var.auth;
    const afterId = decodeCursor(q.cursor, idCursor)?.[0];
    const after = afterId ? await cursorAnchor(c.var.db, officeId, afterId) : undefined;
    if (afterId && !after) throw invalidCursor();
    const registerDiffers = q.register === "differs" ? await currentRegisterStatuses(c) : undefined;
    // The page and the office's last sync (for the cache age) in one round trip.
    const [rows, [office]] = await c.var.db.$reads([
      listClientsRead(c.var.db, officeId, {
        q: q.q ? foldSearch(q.q) : undefined,
        enterpriseNumber: q.enterpriseNumber
          ? normalizeEnterprise(q.enterpriseNumber, "enterpriseNumber")
          : undefined,
        kind: q.kind,
        taskTemplate: q.taskTemplate,
        responsible: q.responsible,
        registerDiffers,
        after,
        limit: q.limit,
      }),
      officeReadState(c.var.db, officeId),
    ]);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor([last.id]) : null;
    const cache = cacheInfo(c, office?.lastSyncedAt ?? null);
    const etag = listEtag(officeId, q, rows, registerDiffers?.version ?? "");
    c.header("ETag", etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    return jsonText(
      c,
      `{"data":[${page.map(clientResourceJson).join(",")}],"nextCursor":${JSON.stringify(nextCursor)},"cache":${JSON.stringify(cache)}}`,
    );
  });
}
