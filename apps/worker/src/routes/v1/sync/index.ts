import type { createRouter } from "../../../lib/router.js";
import { registerConfirmDeletions } from "./confirm-deletions.js";
import { registerSyncRuns } from "./runs.js";
import { registerStartSync } from "./start.js";

export function registerSync(r: ReturnType<typeof createRouter>) {
  registerStartSync(r);
  registerSyncRuns(r);
  registerConfirmDeletions(r);
}
