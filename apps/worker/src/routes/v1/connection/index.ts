import type { createRouter } from "../../../lib/router.js";
import { registerDeleteConnection } from "./delete.js";
import { registerGetConnection } from "./get.js";
import { registerPutConnection } from "./put.js";

export function registerConnection(r: ReturnType<typeof createRouter>) {
  registerPutConnection(r);
  registerGetConnection(r);
  registerDeleteConnection(r);
}
