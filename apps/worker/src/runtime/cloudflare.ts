import { parseConfig } from "../config.js";
import { createD1Db } from "../db/client.js";
import type { Services } from "../services.js";
import { servicesFromConfig } from "./shared-services.js";

/**
 * The Workers seam: services from bindings. Config is parsed once per isolate (bindings are fixed
 * for an isolate's life), and so is the Drizzle wrapper of D1: building it reads the whole schema,
 * which otherwise happened on every request (issue 17). The rest is built by
 * `servicesFromConfig`, shared with the Bun seam (issue 7).
 */
const cache = new WeakMap<object, Services>();

export function cloudflareServices(env: Env): Services {
  let services = cache.get(env);
  if (!services) {
    const base = servicesFromConfig(parseConfig(env as unknown as Record<string, unknown>));
    services = {
      ...base,
      db: createD1Db(env.DB),
      // The consumer (index.ts `queue`) delivers from the outbox; the message only says whose.
      notifyWebhooks: async (officeId) => {
        await env.WEBHOOKS.send({ officeId });
      },
    };
    cache.set(env, services);
  }
  return services;
}
