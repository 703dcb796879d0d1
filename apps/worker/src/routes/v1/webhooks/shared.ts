import type { Context } from "hono";
import type { AppEnv } from "../../../app-env.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { ApiError } from "../../../lib/errors.js";
import { checkEndpointUrl } from "../../../webhooks/endpoint-url.js";

/** The URL as it will be called, or a 400 `webhook_url_refused` naming the rule it breaks. */
export function acceptedUrl(raw: string, allowLoopbackHttp: boolean): string {
  const verdict = checkEndpointUrl(raw, { allowLoopbackHttp });
  if (verdict.ok) return verdict.url.href;
  throw new ApiError("webhook_url_refused", `The webhook URL is refused: ${verdict.reason}.`, [
    { field: "url", code: "url_refused", message: verdict.reason },
  ]);
}

/** The audit statement of an admin's change to an endpoint (never its secret). */
export function webhookAudit(
  c: Context<AppEnv>,
  e: { at: number; action: string; target: string; details: Record<string, unknown> },
) {
  const { officeId, keyId, name } = c.var.auth;
  return auditStatement(c.var.db, {
    id: crypto.randomUUID(),
    officeId,
    actorKeyId: keyId,
    actorName: name,
    ...e,
  });
}
