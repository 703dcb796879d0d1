/**
 * Expected failures are values, not exceptions (style.md §9). Every variant carries the request it
 * belongs to (`method`, `path` without query values that could be personal) and never the token.
 */
export type RequestInfo = { method: string; path: string; attempts: number };

export type AdminPulseError = RequestInfo &
  (
    | { kind: "unauthorized"; status: 401; message: string; missingScope?: string }
    | { kind: "bad_request"; status: 400; message: string }
    | { kind: "not_found"; status: 404; message: string }
    | { kind: "rate_limited"; status: 429; message: string; retryAfterMs: number }
    | { kind: "upstream"; status: number; message: string }
    | {
        kind: "bad_response";
        status: number;
        message: string;
        /** Dotted path of the first field that failed, `""` when the body was not JSON at all. */
        field: string;
        issues: { path: string; message: string }[];
      }
    | { kind: "timeout"; message: string; timeoutMs: number }
    | { kind: "network"; message: string }
    | { kind: "aborted"; message: string }
  );

export type AdminPulseErrorKind = AdminPulseError["kind"];

export type Result<T> = { ok: true; value: T } | { ok: false; error: AdminPulseError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: AdminPulseError): Result<T> => ({ ok: false, error });

/** Scope strings look like `relations.read` (U2); the real API's 401 body may name one. */
const scopePattern = /\b([a-z]+\.(?:read|write))\b/;
export function scopeFromMessage(message: string): string | undefined {
  return scopePattern.exec(message)?.[1];
}

/** Strips anything token-shaped from upstream text before it lands in an error. */
export function redact(text: string, token: string | undefined): string {
  let out = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  if (token && token.length >= 4) out = out.split(token).join("[redacted]");
  return out.replace(/Bearer\s+\S+/gi, "Bearer [redacted]");
}
