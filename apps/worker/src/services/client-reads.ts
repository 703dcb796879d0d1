/**
 * The cached client reads (ADR 0024; issue 17 for their speed): one client by id or by enterprise
 * number, and the list. Each answers with the JSON text of its body — the resource stored with
 * the client (ADR 0030), spliced, never parsed — its ETag and its cache info, so the route
 * only sets headers. Every query is scoped to the context's office.
 */
import type { ApiRole } from "@pulsebridge/core";
import { z } from "zod";
import {
  clientJsonByEnterprise,
  clientJsonById,
  cursorAnchor,
  getClientById,
  listClientsRead,
} from "../db/queries/client-reads.js";
import { officeReadState } from "../db/queries/offices.js";
import { type Awaitable, after } from "../lib/awaitable.js";
import { type CacheInfo, cacheInfoAt } from "../lib/cache-info.js";
import { decodeCursor, encodeCursor, invalidCursor } from "../lib/cursor.js";
import { ApiError, notFound } from "../lib/errors.js";
import { clientEtag, listEtag } from "../lib/etag.js";
import { currentRegisterStatuses } from "../register/list-filter.js";
import { foldSearch } from "../sync/content-hash.js";
import type { ServiceContext } from "./context.js";
import { mayAskUpstream, refreshFromUpstream, withinBound } from "./upstream-refresh.js";

/** A read's answer: the body's JSON text, its ETag and how fresh it is. */
export interface ReadAnswer {
  body: string;
  etag: string;
  cache: CacheInfo;
  /** Set when `register=differs` could not re-check every client in time (`X-Register-Check`). */
  registerCheck?: "partial";
}

const oneClient = (
  ctx: ServiceContext,
  row: {
    json: string;
    id: string;
    changeSeq: number;
    notFoundUpstreamAt: number | null;
    refreshedAt: number;
  },
): ReadAnswer => {
  const cache = cacheInfoAt(ctx.runtime, row.refreshedAt);
  return {
    body: `{"data":${row.json},"cache":${JSON.stringify(cache)}}`,
    etag: clientEtag(row),
    cache,
  };
};

/**
 * One live client of the office by id (404 otherwise, another office's id included). At once on Bun
 * (the read lane answers without a promise there, issue 17); the 404 is then thrown, not rejected.
 */
export function readClient(ctx: ServiceContext, id: string): Awaitable<ReadAnswer> {
  return after(clientJsonById(ctx.db, ctx.officeId, id), (row) => {
    if (!row) throw notFound();
    return oneClient(ctx, row);
  });
}

/** The cached client with this enterprise number, and whether it is too old to serve as is. */
async function byEnterpriseFromCache(ctx: ServiceContext, number: string) {
  const { runtime } = ctx;
  const row = await clientJsonByEnterprise(ctx.db, ctx.officeId, number);
  const stale = !row || runtime.now() - row.refreshedAt > runtime.config.CACHE_STALE_SECONDS * 1000;
  return { row, stale };
}

/**
 * One client by its (normalized) enterprise number. When the cached copy is stale or missing, a
 * staff or admin key asks AdminPulse first, within its allowance and the wait bound; a service key
 * never does (issue 11: a read-only integration cannot spend the office's AdminPulse budget), so its
 * read is the cache alone — one query.
 */
export async function readClientByEnterprise(
  ctx: ServiceContext,
  role: ApiRole,
  number: string,
): Promise<ReadAnswer> {
  const { db, officeId, runtime } = ctx;
  let { row, stale } = await byEnterpriseFromCache(ctx, number);
  if (stale && (await mayAskUpstream(ctx, role))) {
    const cached = row ? await getClientById(db, officeId, row.id) : null;
    await withinBound(
      refreshFromUpstream(ctx, number, cached),
      runtime.config.UPSTREAM_REFRESH_WAIT_MS,
    );
    row = await clientJsonByEnterprise(db, officeId, number);
  }
  if (!row) throw notFound();
  return oneClient(ctx, row);
}

/**
 * `readClientByEnterprise`'s answer when it needs nothing but the cache — the cached client, fresh,
 * or stale for a service key; a 404 for a service key's miss — else null (a miss or a refresh a staff
 * or admin key would ask AdminPulse for).
 */
export async function cachedClientByEnterprise(
  ctx: ServiceContext,
  role: ApiRole,
  number: string,
): Promise<ReadAnswer | null> {
  const { row, stale } = await byEnterpriseFromCache(ctx, number);
  // A service key never asks AdminPulse: its miss is the 404 `readClientByEnterprise` would give.
  if (!row && role === "service") throw notFound();
  if (!row || (stale && role !== "service")) return null;
  return oneClient(ctx, row);
}

/** The validated list query (core's `clientListQuerySchema` plus the register filter). */
export interface ClientListQuery {
  q?: string | undefined;
  /** Normalized (10 digits). */
  enterpriseNumber?: string | undefined;
  kind?: string | undefined;
  taskTemplate?: string | undefined;
  responsible?: string | undefined;
  register?: "differs" | undefined;
  cursor?: string | undefined;
  limit: number;
}

const cursorId = z.string().min(1).max(100);
/**
 * A list cursor holds the last row's sort key, its name and id, so a sync renaming that row between
 * two pages cannot move where the next page starts (looked up again, the new name skipped every
 * client between the two names). A name too long for the 200-character cursor is replaced by a
 * fingerprint: the row is looked up, and if it was renamed the cursor is refused (start again),
 * never followed past clients. `[id]`, the cursor before session 15, still reads.
 */
const listCursor = z.union([
  z.tuple([cursorId, z.string().max(200)]),
  z.tuple([cursorId, z.null(), z.string().length(16)]),
  z.tuple([cursorId]),
]);

/** 16 hex digits of the name's SHA-256: enough to tell a renamed row, short enough for a cursor. */
async function nameFingerprint(name: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(name));
  return [...new Uint8Array(digest, 0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function listCursorOf(last: { id: string; name: string }): Promise<string> {
  const named = encodeCursor([last.id, last.name]);
  return named.length <= 200
    ? named
    : encodeCursor([last.id, null, await nameFingerprint(last.name)]);
}

/** Where the page after `cursor` starts: the (name, id) the list is sorted by. */
async function listAfter(
  db: ServiceContext["db"],
  officeId: string,
  cursor: string | undefined,
): Promise<{ name: string; id: string } | undefined> {
  const c = decodeCursor(cursor, listCursor);
  if (!c) return undefined;
  if (typeof c[1] === "string") return { id: c[0], name: c[1] };
  const anchor = await cursorAnchor(db, officeId, c[0]);
  if (!anchor) throw invalidCursor();
  if (c.length === 3 && (await nameFingerprint(anchor.name)) !== c[2]) throw staleCursor();
  return anchor;
}

function staleCursor(): ApiError {
  return new ApiError("validation_failed", "The cursor is no longer valid.", [
    {
      field: "cursor",
      code: "cursor_stale",
      message: "The client this cursor points after was renamed since; list from the start again.",
    },
  ]);
}

/** A page of the office's live clients, by name then id, and the office's last sync for the cache age. */
export async function listClients(ctx: ServiceContext, q: ClientListQuery): Promise<ReadAnswer> {
  const { db, officeId, runtime } = ctx;
  const after = await listAfter(db, officeId, q.cursor);
  const register =
    q.register === "differs"
      ? await currentRegisterStatuses(db, officeId, runtime.now())
      : undefined;
  const registerDiffers = register && { version: register.version };
  // The page and the office's last sync (for the cache age) in one round trip.
  const [rows, [office]] = await db.$reads([
    listClientsRead(db, officeId, {
      q: q.q ? foldSearch(q.q) : undefined,
      enterpriseNumber: q.enterpriseNumber,
      kind: q.kind,
      taskTemplate: q.taskTemplate,
      responsible: q.responsible,
      registerDiffers,
      after,
      limit: q.limit,
    }),
    officeReadState(db, officeId),
  ]);
  const page = rows.length > q.limit ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? await listCursorOf(last) : null;
  const cache = cacheInfoAt(runtime, office?.lastSyncedAt ?? null);
  let data = "";
  for (let i = 0; i < page.length; i++) data += i ? `,${page[i]!.json}` : page[i]!.json;
  return {
    body: `{"data":[${data}],"nextCursor":${JSON.stringify(nextCursor)},"cache":${JSON.stringify(cache)}}`,
    etag: listEtag(officeId, q, rows, register?.version ?? ""),
    cache,
    ...(register && !register.complete ? { registerCheck: "partial" as const } : {}),
  };
}
