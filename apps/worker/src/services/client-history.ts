/**
 * A client's versions, newest first (ADR 0016): each with what changed since the version before.
 * Another office's client has no history here: a 404, exactly like a missing one.
 */
import { type Client, versionChanges } from "@pulsebridge/core";
import { z } from "zod";
import { listHistory } from "../db/queries/history.js";
import { decodeCursor, encodeCursor } from "../lib/cursor.js";
import { notFound } from "../lib/errors.js";
import type { ServiceContext } from "./context.js";

/** One page of the client's versions; the cursor is the last version's `changeSeq`. */
export async function clientHistoryPage(
  ctx: ServiceContext,
  id: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const before = decodeCursor(q.cursor, z.number().int().nonnegative());
  const rows = await listHistory(ctx.db, ctx.officeId, id, {
    limit: q.limit,
    ...(before === undefined ? {} : { before }),
  });
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
  return { data, nextCursor: more ? encodeCursor(last.changeSeq) : null };
}
