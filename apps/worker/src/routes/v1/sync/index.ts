import type { createRouter } from "../../../lib/router.js";
import { registerSyncRuns } from "./runs.js";
import { registerStartSync } from "./start.js";

export function registerSync(r: ReturnType<typeof createRouter>) {
  registerStartSync(r);
  registerSyncRuns(r);
}
