import type { ApiRole } from "@pulsebridge/core";
import type { Db } from "./db/client.js";
import type { Runtime } from "./runtime/runtime.js";

export interface AuthContext {
  officeId: string;
  keyId: string;
  prefix: string;
  role: ApiRole;
  name: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** The runtime (runtime/runtime.ts); services get it as `ctx.runtime`. */
    services: Runtime;
    db: Db;
    requestId: string;
    auth: AuthContext;
  };
};
