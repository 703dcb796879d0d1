import type { createRouter } from "../../../lib/router.js";
import { registerCreateKey } from "./create.js";
import { registerListKeys } from "./list.js";
import { registerRevokeKey } from "./revoke.js";

export function registerKeys(r: ReturnType<typeof createRouter>) {
  registerCreateKey(r);
  registerListKeys(r);
  registerRevokeKey(r);
}
