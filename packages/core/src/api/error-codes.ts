/**
 * The closed list of API error codes: the `code` of every problem+json the worker sends, and what
 * clients branch on. One list for the worker (which maps each to its status and title) and the
 * add-in (which says something precise for each, in the user's language). A new code goes here
 * first; the add-in's type check then asks for its three messages.
 */
import { z } from "zod";

/** Each code's HTTP status and English title (the problem's `title`; the code is the contract). */
export const apiErrors = {
  unauthorized: { status: 401, title: "Missing or invalid API key" },
  forbidden: { status: 403, title: "This key's role may not do this" },
  not_found: { status: 404, title: "Not found" },
  validation_failed: { status: 400, title: "The request is not valid" },
  malformed_body: { status: 400, title: "The request body is not valid JSON" },
  idempotency_key_required: { status: 400, title: "Idempotency-Key header required" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "The request body must be application/json" },
  idempotency_conflict: {
    status: 409,
    title: "Idempotency-Key already used with a different body",
  },
  last_admin_key: { status: 409, title: "The office's last admin key cannot be revoked" },
  webhook_url_refused: {
    status: 400,
    title: "The webhook URL is not allowed (https to a public address only)",
  },
  webhook_limit_reached: {
    status: 409,
    title: "The office has as many webhook endpoints as it may",
  },
  import_quota_exceeded: {
    status: 409,
    title: "The office's storage for imports is full",
  },
  import_busy: { status: 503, title: "Too many imports are being processed; retry shortly" },
  stale_overwrite: {
    status: 409,
    title: "The push would overwrite newer AdminPulse data with the sheet's older value",
  },
  change_feed_reset: {
    status: 410,
    title: "The change feed was reset (database restored); read it again from the start",
  },
  staged_import_closed: {
    status: 409,
    title: "The staged import is committed or expired: it takes no more parts",
  },
  staged_import_incomplete: {
    status: 409,
    title: "The staged import does not hold the parts the commit names",
  },
  import_not_withdrawable: {
    status: 409,
    title: "The import is already withdrawn, or holds nothing that could be withdrawn",
  },
  not_connected: { status: 409, title: "AdminPulse is not connected for this office" },
  sync_busy: { status: 409, title: "A sync is already running for this office" },
  adminpulse_unauthorized: { status: 502, title: "AdminPulse refused the stored credential" },
  connection_expired: {
    status: 409,
    title: "The AdminPulse key has expired (or its OAuth refresh was refused)",
  },
  upstream_unavailable: { status: 503, title: "AdminPulse is unavailable" },
  config_invalid: { status: 500, title: "The server is misconfigured" },
  internal: { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiErrorCode = keyof typeof apiErrors;
export const apiErrorCodes = Object.keys(apiErrors) as [ApiErrorCode, ...ApiErrorCode[]];
export const apiErrorCodeSchema = z.enum(apiErrorCodes);
