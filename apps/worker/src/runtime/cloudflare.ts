import { parseConfig } from "../config.js";
import { createD1Db } from "../db/client.js";
import type { Services } from "../services.js";
import { servicesFromConfig } from "./shared-services.js";

/**
 * The Workers seam: services from bindings. Config is parsed once per isolate (bindings are fixed
 * for an isolate's life); the D1 handle is cheap and wrapped per call. The rest is built by
 * `servicesFromConfig`, shared with the Bun seam (issue 7).
 */
const cache = new WeakMap<object, Omit<Services, "db">>();

export function cloudflareServices(env: Env): Services {
  let base = cache.get(env);
  if (!base) {
    base = servicesFromConfig(parseConfig(env as unknown as Record<string, unknown>));
    cache.set(env, base);
  }
  return { ...base, db: createD1Db(env.DB) };
}
