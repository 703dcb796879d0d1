import type { ApiRole } from "@pulsebridge/core";
import type { Db } from "./db/client.js";
import type { Services } from "./services.js";

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
    services: Services;
    db: Db;
    requestId: string;
    auth: AuthContext;
  };
};
