/** The office's change feed (ADR 0007, ADR 0020). */
import { runBatch } from "../db/batch.js";
import { changesSinceRead } from "../db/queries/client-reads.js";
import {
  initialFeedEpoch,
  officeFeedState,
  startFeedEpochStatement,
} from "../db/queries/offices.js";
import { ApiError } from "../lib/errors.js";
import { auditEntry, type ServiceContext } from "./context.js";

/**
 * A cursor is `<epoch>.<position>` or, in the middle of a catch-up, `<epoch>.<position>~<origin>`:
 * the origin is the position the consumer started this catch-up from. Each client appears once, at
 * its latest change, so a client created at 25 and updated at 225 is seen only at 225; it must still
 * read `added` to a consumer that started before 25, on whichever page it lands. Once the feed is
 * drained the origin is dropped. Cursors from before epochs (no `<epoch>.`) are read in the current
 * epoch. The epoch (ADR 0020) tells a mirror that the feed restarted: a cursor of another epoch, or
 * past the feed's end, is a 410 `change_feed_reset`.
 */
export const feedCursorPattern = /^(?:([0-9a-f]{1,16})\.)?(\d{1,15})(?:~(\d{1,15}))?$/;

/**
 * A page of the feed after `cursor` (validated against `feedCursorPattern`), as the JSON text of
 * the response: the page and the feed's end and epoch are read in one round trip, each client's
 * resource is the text stored with it (ADR 0030, db/queries/client-json.ts).
 */
export async function listChanges(
  ctx: ServiceContext,
  q: { cursor?: string | undefined; limit: number },
): Promise<string> {
  const [, cursorEpoch, position = "0", origin = position] = feedCursorPattern.exec(
    q.cursor ?? "0",
  )!;
  const cursor = Number(position);
  const since = Math.min(Number(origin), cursor);
  const { db, officeId } = ctx;
  const [rows, [feed]] = await db.$reads([
    changesSinceRead(db, officeId, cursor, q.limit),
    officeFeedState(db, officeId),
  ]);
  const epoch = feed?.feedEpoch ?? initialFeedEpoch;
  if ((cursorEpoch !== undefined && cursorEpoch !== epoch) || cursor > (feed?.changeSeq ?? 0))
    throw new ApiError(
      "change_feed_reset",
      "This cursor is not of the feed as it is now (the database was restored): drop what was " +
        "mirrored and read the feed again without a cursor.",
    );
  const n = Math.min(rows.length, q.limit);
  let changes = "";
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (i) changes += ",";
    changes +=
      row.deletedAt !== null || row.json === null
        ? `{"type":"deleted","changeSeq":${row.changeSeq},"id":${JSON.stringify(row.id)}}`
        : // Created after this catch-up began: new to this consumer, whatever happened since.
          `{"type":"${row.createdSeq > since ? "added" : "updated"}","changeSeq":${row.changeSeq},"client":${row.json}}`;
  }
  const hasMore = rows.length > q.limit;
  const lastSeq = n ? rows[n - 1]!.changeSeq : cursor;
  const nextCursor = hasMore ? `${epoch}.${lastSeq}~${since}` : `${epoch}.${lastSeq}`;
  return `{"changes":[${changes}],"nextCursor":${JSON.stringify(nextCursor)},"hasMore":${hasMore},"epoch":${JSON.stringify(epoch)}}`;
}

/**
 * Starts a new epoch of the feed: every cursor of the old one answers 410 `change_feed_reset`, so
 * each follower reads the office again from the start (after a restore, or when asked to).
 */
export async function startFeedEpoch(ctx: ServiceContext): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const epoch = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  await runBatch(ctx.db, [
    startFeedEpochStatement(ctx.db, ctx.officeId, epoch),
    auditEntry(ctx, { at: ctx.runtime.now(), action: "feed.epoch_started", details: { epoch } }),
  ]);
  return epoch;
}
