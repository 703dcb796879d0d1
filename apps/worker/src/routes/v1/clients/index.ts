import type { createRouter } from "../../../lib/router.js";
import { registerGetClient } from "./get.js";
import { registerGetClientByEnterprise } from "./get-by-enterprise.js";
import { registerListClients } from "./list.js";
import { registerGetClientRegister } from "./register.js";

export function registerClients(r: ReturnType<typeof createRouter>) {
  // by-enterprise before {id} so the literal segment wins.
  registerGetClientByEnterprise(r);
  registerListClients(r);
  registerGetClient(r);
  registerGetClientRegister(r);
}
