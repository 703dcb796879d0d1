import { createRouter } from "../../lib/router.js";
import { registerAudit } from "./audit/list.js";
import { registerFeedEpoch } from "./changes/epoch.js";
import { registerChanges } from "./changes/list.js";
import { registerClients } from "./clients/index.js";
import { registerConnection } from "./connection/index.js";
import { registerImports } from "./imports/index.js";
import { registerKeys } from "./keys/index.js";
import { registerMe } from "./me/get.js";
import { registerReconcile } from "./reconcile/post.js";
import { registerRegister } from "./register/index.js";
import { registerSync } from "./sync/index.js";
import { registerTaskTemplates } from "./task-templates/list.js";
import { registerWebhooks } from "./webhooks/index.js";

export function registerV1(app: ReturnType<typeof createRouter>) {
  // Every /v1 route needs a key: `requireKey` runs in app.ts, before any body is read.
  const v1 = createRouter();
  registerMe(v1);
  registerKeys(v1);
  registerConnection(v1);
  registerAudit(v1);
  registerClients(v1);
  registerChanges(v1);
  registerFeedEpoch(v1);
  registerTaskTemplates(v1);
  registerSync(v1);
  registerReconcile(v1);
  registerRegister(v1);
  registerImports(v1);
  registerWebhooks(v1);
  app.route("/v1", v1);
}
