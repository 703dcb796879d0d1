import { type ApiErrorCode, apiErrors, type Problem } from "@pulsebridge/core";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

/**
 * Stable error codes: the contract clients branch on, each with one status and title. The list is
 * @pulsebridge/core's (`apiErrors`), shared with the add-in; here it only gains hono's status type.
 */
export const errorCodes = apiErrors satisfies Record<
  ApiErrorCode,
  { status: ContentfulStatusCode; title: string }
>;
export type ErrorCode = ApiErrorCode;
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

/** A body over its endpoint's limit, however it was counted (header or stream). */
export function bodyTooLarge(): ApiError {
  return new ApiError("payload_too_large", "The request body is over this endpoint's limit.");
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
