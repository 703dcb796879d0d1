import type { Problem } from "@pulsebridge/core";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** Stable error codes: the contract clients branch on. Each maps to one status and title. */
export const errorCodes = {
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
  import_quota_exceeded: {
    status: 409,
    title: "The office's storage for imports is full",
  },
  import_busy: { status: 503, title: "Too many imports are being processed; retry shortly" },
  not_connected: { status: 409, title: "AdminPulse is not connected for this office" },
  sync_busy: { status: 409, title: "A sync is already running for this office" },
  adminpulse_unauthorized: { status: 502, title: "AdminPulse refused the stored credential" },
  upstream_unavailable: { status: 503, title: "AdminPulse is unavailable" },
  config_invalid: { status: 500, title: "The server is misconfigured" },
  internal: { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
export type ProblemItem = NonNullable<Problem["errors"]>[number];

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: ProblemItem[] | undefined;

  constructor(code: ErrorCode, detail?: string, errors?: ProblemItem[]) {
    const { status, title } = errorCodes[code];
    super(status, { message: detail ?? title });
    this.code = code;
    this.detail = detail ?? title;
    this.errors = errors;
  }
}

/** Built fresh each time: another office's resource must look exactly like a missing one. */
export function notFound(): ApiError {
  return new ApiError("not_found", "No such resource.");
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  requestId: string | undefined,
  errors?: ProblemItem[],
): Problem {
  const { status, title } = errorCodes[code];
  return {
    type: `https://pulsebridge.dev/problems/${code.replaceAll("_", "-")}`,
    title,
    status,
    detail,
    code,
    ...(requestId ? { requestId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  requestId: string | undefined,
  errors?: ProblemItem[],
): Response {
  const body = problemBody(code, detail, requestId, errors);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json" },
  });
}

/** zod issues → problem `errors[]`, with dotted field paths. */
export function zodIssues(error: z.ZodError, prefix = ""): ProblemItem[] {
  return error.issues.slice(0, 100).map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    // A custom check names its own stable code (e.g. `duplicate_ref`) in its params.
    code: i.code === "custom" && typeof i.params?.code === "string" ? i.params.code : i.code,
    message: i.message,
  }));
}
