/** The office's change feed (ADR 0007, ADR 0020). */
import { runBatch } from "../db/batch.js";
import { startFeedEpochStatement } from "../db/queries/offices.js";
import { auditEntry, type ServiceContext } from "./context.js";

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
