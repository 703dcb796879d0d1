import type { createRouter } from "../../../lib/router.js";
import { registerCreateWebhook } from "./create.js";
import { registerWebhookDeliveries } from "./deliveries.js";
import { registerManageWebhooks } from "./manage.js";

/** `/v1/webhooks`: admin-only endpoint registration, delivery log and redelivery (ADR 0022). */
export function registerWebhooks(r: ReturnType<typeof createRouter>) {
  registerCreateWebhook(r);
  registerManageWebhooks(r);
  registerWebhookDeliveries(r);
}
