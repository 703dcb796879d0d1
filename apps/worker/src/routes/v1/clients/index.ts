import type { createRouter } from "../../../lib/router.js";
import { registerGetClient } from "./get.js";
import { registerGetClientByEnterprise } from "./get-by-enterprise.js";
import { registerClientHistory } from "./history.js";
import { registerListClients } from "./list.js";
import { registerGetClientRegister } from "./register.js";

export function registerClients(r: ReturnType<typeof createRouter>) {
  registerGetClientByEnterprise(r);
  // The former path, before {id} so the literal segment wins.
  registerGetClientByEnterprise(r, "/clients/by-enterprise/{number}");
  registerListClients(r);
  registerGetClient(r);
  registerGetClientRegister(r);
  registerClientHistory(r);
}
