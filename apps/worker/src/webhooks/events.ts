import { z } from "@hono/zod-openapi";
import type { Db } from "../db/client.js";
import { emitStatement } from "../db/queries/webhooks.js";

export { emitStatement };

/** The events an endpoint can subscribe to (docs/webhooks.md describes each payload). */
export const webhookEventTypes = [
  "clients.changed",
  "clients.deleted",
  "import.pushed",
  "import.withdrawn",
  "sync.failed",
  "sync.deletions_held",
  "connection.expiring",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventTypeSchema = z.enum(webhookEventTypes).meta({
  id: "WebhookEventType",
  description:
    "`clients.changed` / `clients.deleted`: one per committed sync batch, with the change-feed " +
    "cursor range (`afterCursor`, `untilCursor`) to fetch from GET /v1/changes; `import.pushed`, " +
    "`import.withdrawn`: an import stored or withdrawn; `sync.failed`: a run stopped; " +
    "`sync.deletions_held`: a run holds deletions for an admin; `connection.expiring`: the " +
    "AdminPulse credential expires soon.",
});

/**
 * `clients.changed` (or `clients.deleted`) for a batch that advanced the change feed by `count`:
 * put it right after that batch's `bumpOfficeSeqStatement`. One event per committed batch, never
 * one per client: a receiver fetches the range from GET /v1/changes.
 */
export function feedEventStatement(
  db: Db,
  e: {
    officeId: string;
    now: number;
    count: number;
    runId: string | null;
    type?: "clients.changed" | "clients.deleted";
  },
) {
  return emitStatement(db, {
    officeId: e.officeId,
    type: e.type ?? "clients.changed",
    now: e.now,
    data: { runId: e.runId, count: e.count },
    feed: { count: e.count },
  });
}
