import { errorForLog } from "../lib/log-safe.js";

/**
 * Announces committed outbox rows while a long step is still running (issue 16: a webhook within
 * 5 s of its batch's commit, where announcing at the step's end alone took up to the step's
 * SYNC_STEP_SECONDS). At most one announcement per `minGapMs`: the consumer drains everything due
 * per announcement, so more would only repeat claims. `settle()` announces what the last gap
 * skipped and waits for every announcement; a failed one is logged and never fails the step (the
 * step's own end and the cron drain announce again). A step that announced nothing still
 * announces once at its end: a few writes go around the lease's batches (a connection found
 * expiring, a client refreshed on its own) and may have queued events. That costs one queue
 * message per step, and the consumer finds nothing due when there is nothing.
 */
export function commitNotifier(
  notify: ((officeId: string) => Promise<void>) | undefined,
  officeId: string,
  opts: { now?: () => number; minGapMs?: number } = {},
) {
  const now = opts.now ?? Date.now;
  const minGapMs = opts.minGapMs ?? 1_000;
  const sent: Promise<void>[] = [];
  let last = Number.NEGATIVE_INFINITY;
  let skipped = false;
  const send = () => {
    if (!notify) return;
    last = now();
    skipped = false;
    sent.push(
      notify(officeId).catch((err) => {
        console.error(JSON.stringify({ webhooks: "notify_failed", officeId, ...errorForLog(err) }));
      }),
    );
  };
  return {
    afterCommit() {
      if (now() - last >= minGapMs) send();
      else skipped = true;
    },
    async settle() {
      if (skipped || sent.length === 0) send();
      await Promise.all(sent);
    },
  };
}
