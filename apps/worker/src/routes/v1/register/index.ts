import type { createRouter } from "../../../lib/router.js";
import { registerBulkCheck } from "./check.js";

export function registerRegister(r: ReturnType<typeof createRouter>) {
  registerBulkCheck(r);
}
