import { problemSchema } from "@pulsebridge/core";
import { type ErrorCode, errorCodes, problemBody } from "./errors.js";

type ProblemResponse = {
  description: string;
  content: {
    "application/problem+json": {
      schema: typeof problemSchema;
      example: ReturnType<typeof problemBody>;
    };
  };
};

/** What each code means to a caller, for the response descriptions. */
const meaning: Record<ErrorCode, string> = {
  unauthorized: "no key, an unknown or a revoked key",
  forbidden: "the key's role may not call this operation",
  not_found: "no such resource (another office's ids answer the same)",
  validation_failed:
    "a parameter or the body does not match the schema; `errors[]` names each field",
  malformed_body: "the body is not valid JSON",
  idempotency_key_required: "the `Idempotency-Key` header is missing",
  payload_too_large:
    "the body is over this endpoint's limit: MAX_IMPORT_BODY_BYTES (16 MiB) on `/v1/imports` and `/v1/reconcile`, MAX_BODY_BYTES (64 KiB) elsewhere; bodies without Content-Length are counted as they stream and cut at the limit",
  unsupported_media_type: "the body is not `application/json`",
  idempotency_conflict: "the `Idempotency-Key` was used before with another body",
  last_admin_key: "the key is the office's last admin key; create another admin key first",
  webhook_url_refused:
    "the URL is not `https`, or points at a private, loopback, link-local or metadata address; `errors[]` says why",
  webhook_limit_reached:
    "the office has WEBHOOK_MAX_ENDPOINTS endpoints (default 20); delete one first",
  import_quota_exceeded:
    "the office's stored imports would pass IMPORT_STORAGE_BYTES_PER_OFFICE (default 256 MiB); nothing was stored",
  stale_overwrite:
    "an overwrite would write the sheet's older value over a field AdminPulse changed since the pull; `errors[]` names each row and field; nothing was stored",
  staged_import_closed:
    "the staged import was committed or has expired; open a new one (an expired stage's parts are gone)",
  staged_import_incomplete:
    "the commit names parts the stage does not hold, or rows past the staged limit; nothing was stored",
  import_not_withdrawable:
    "the import is already withdrawn (by another request), or was rejected whole and holds nothing to withdraw",
  import_busy: "one push is processed per server process and two wait; retry in a few seconds",
  change_feed_reset:
    "the cursor is of another epoch, or past the feed's end: the database was restored; drop the mirror's state and read the feed again without a cursor",
  not_connected: "AdminPulse is not connected for this office, or its credential expired",
  sync_busy: "another sync run holds the office's lease",
  adminpulse_unauthorized: "AdminPulse refused the stored credential; reconnect it",
  connection_expired:
    "the AdminPulse key's expiry date has passed, AdminPulse said the key expired, or it refused the OAuth refresh; store a new key (PUT /v1/connection)",
  upstream_unavailable: "AdminPulse did not answer; the cache is unchanged",
  config_invalid: "the server is misconfigured",
  internal: "an unexpected error (logged with the request id)",
};

/**
 * The problem+json responses an operation can return, grouped by status, each with its codes and an
 * example. Every /v1 operation can answer `unauthorized` and `internal`; list the rest per route so
 * the document declares exactly what the handler and its middleware throw.
 */
export function problems(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  return problemSet(["unauthorized", ...codes]);
}

/** For the operations outside /v1 that need no key. */
export function publicProblems(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  return problemSet(codes);
}

function problemSet(codes: ErrorCode[]): Record<number, ProblemResponse> {
  const all = [...new Set<ErrorCode>([...codes, "internal"])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of all) {
    const { status } = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<number, ProblemResponse> = {};
  for (const [status, list] of byStatus) {
    const first = list[0] as ErrorCode;
    out[status] = {
      description: list.map((c) => `\`${c}\`: ${meaning[c]}`).join("; "),
      content: {
        "application/problem+json": {
          schema: problemSchema,
          example: problemBody(
            first,
            errorCodes[first].title,
            "0b8f6a2e-6c1e-4b7e-9d0a-3f5c2a1b4c5d",
            exampleErrors(first),
          ),
        },
      },
    };
  }
  return out;
}

function exampleErrors(code: ErrorCode) {
  return code === "validation_failed"
    ? [{ field: "limit", code: "too_big", message: "Too big: expected number to be <=1000" }]
    : undefined;
}

/** The codes any operation with a JSON body can answer on top of its own. */
export const bodyCodes = [
  "validation_failed",
  "malformed_body",
  "payload_too_large",
  "unsupported_media_type",
] as const satisfies ErrorCode[];

/**
 * @deprecated List the statuses the operation really returns with `problems(...)`; this declares
 * every code, which the reference then shows on operations that never answer them.
 */
export const problemResponses = problems(...(Object.keys(errorCodes) as ErrorCode[]));
