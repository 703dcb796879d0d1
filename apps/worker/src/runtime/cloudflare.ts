import { parseConfig } from "../config.js";
import { createD1Db } from "../db/client.js";
import { runtimeFromConfig } from "./from-config.js";
import type { Runtime } from "./runtime.js";

/**
 * The Workers seam: the runtime from bindings. Config is parsed once per isolate (bindings are fixed
 * for an isolate's life), and so is the Drizzle wrapper of D1: building it reads the whole schema,
 * which otherwise happened on every request (issue 17). The rest is built by
 * `runtimeFromConfig`, shared with the Bun seam (issue 7).
 */
const cache = new WeakMap<object, Runtime>();

export function cloudflareRuntime(env: Env): Runtime {
  let runtime = cache.get(env);
  if (!runtime) {
    const base = runtimeFromConfig(parseConfig(env as unknown as Record<string, unknown>));
    runtime = {
      ...base,
      db: createD1Db(env.DB),
      // The consumer (index.ts `queue`) delivers from the outbox; the message only says whose.
      notifyWebhooks: async (officeId) => {
        await env.WEBHOOKS.send({ officeId });
      },
    };
    cache.set(env, runtime);
  }
  return runtime;
}
