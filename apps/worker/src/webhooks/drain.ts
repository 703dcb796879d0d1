import { nextDueAt } from "../db/queries/webhooks.js";
import type { Runtime } from "../runtime/runtime.js";
import { type DeliveryDeps, type DrainReport, deliverDue } from "./deliver.js";

/** A Queue message: deliver what is due for one office, or for every office (`null`). */
export interface WebhookKick {
  officeId: string | null;
}

export const isWebhookKick = (body: unknown): body is WebhookKick =>
  typeof body === "object" &&
  body !== null &&
  "officeId" in body &&
  (body.officeId === null || (typeof body.officeId === "string" && body.officeId.length <= 64));

/** Queues cap a message's delay at 12 hours; a longer wait is two hops. */
const maxDelaySeconds = 12 * 3600;

export const deliveryDeps = (s: Runtime, extra: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
  db: s.db,
  now: s.now,
  cipher: s.cipher,
  config: s.config,
  ...extra,
});

/**
 * Deliver what is due in `scope`, then say in how many seconds the next retry of that scope falls
 * due (null: nothing left pending), so the caller can schedule itself (a delayed Queue retry).
 */
export async function drainWebhooks(
  deps: DeliveryDeps,
  scope: WebhookKick,
): Promise<{ report: DrainReport; retryInSeconds: number | null }> {
  const report = await deliverDue(deps, scope.officeId ? { officeId: scope.officeId } : {});
  const next = await nextDueAt(deps.db, scope.officeId ?? undefined);
  if (next === null) return { report, retryInSeconds: null };
  const seconds = Math.ceil((next - deps.now()) / 1000);
  return { report, retryInSeconds: Math.min(Math.max(seconds, 1), maxDelaySeconds) };
}

/**
 * The Queue consumer (Cloudflare): one drain per office named in the batch; the message of an
 * office with retries still pending is retried with the delay of its next due delivery, so the
 * backoff schedule runs on the queue. Duplicated kicks of one office are acknowledged at once.
 */
export async function consumeWebhookBatch(
  deps: DeliveryDeps,
  messages: readonly {
    body: unknown;
    ack(): void;
    retry(options?: { delaySeconds?: number }): void;
  }[],
): Promise<void> {
  const seen = new Set<string>();
  for (const m of messages) {
    if (!isWebhookKick(m.body)) {
      m.ack();
      continue;
    }
    const key = m.body.officeId ?? "*";
    if (seen.has(key)) {
      m.ack();
      continue;
    }
    seen.add(key);
    const { retryInSeconds } = await drainWebhooks(deps, m.body);
    if (retryInSeconds === null) m.ack();
    else m.retry({ delaySeconds: retryInSeconds });
  }
}
