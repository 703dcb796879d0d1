import { lookup } from "node:dns/promises";
import type { DeliveryDeps } from "../webhooks/deliver.js";
import { deliverDue } from "../webhooks/deliver.js";

export interface WebhookPump {
  /** Deliver what is due now (after a commit that queued events); coalesced while one runs. */
  kick(): void;
  /** Stop polling and wait for the running drain. */
  stop(): Promise<void>;
}

/** Every address a host name resolves to, for the delivery-time check of internal addresses. */
export const resolveHost = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The Bun side of webhook delivery (ADR 0022): the same outbox the Queue consumer drains on
 * Cloudflare, drained in process — at once when kicked, and every `pollMs` for retries that fall
 * due. One drain at a time (one SQLite writer); a kick during a drain runs one more after it.
 */
export function createWebhookPump(
  deps: DeliveryDeps,
  opts: { pollMs: number; onError: (error: unknown) => void },
): WebhookPump {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDue(deps);
        } catch (error) {
          opts.onError(error);
        }
      } while (again && !stopped);
      running = null;
    })();
  };
  const timer = setInterval(kick, opts.pollMs);
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
