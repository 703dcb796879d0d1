/**
 * One request with pacing, timeout, retries and parsing. Everything that can be expected to fail
 * comes back as a `Result`; nothing here logs, and the token only ever travels in the header.
 */
import type { z } from "zod";
import { type AdminPulseError, err, ok, type Result, redact, scopeFromMessage } from "./errors.js";
import { type Clock, type RateLimiter, realClock, sharedLimiterFor } from "./rate-limit.js";
import { errorBodySchema } from "./schemas.js";

export type TokenSource = string | (() => string | Promise<string>);

export type HttpOptions = {
  /** Default `https://api.adminpulse.be` (adminpulse-api.md §1). */
  baseUrl?: string;
  /** API key, or a getter (e.g. one that refreshes an OAuth access token). */
  token: TokenSource;
  fetch?: typeof fetch;
  /** Defaults to an in-process bucket shared by every client using the same token. */
  limiter?: RateLimiter;
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Give up retrying once this much time has passed since the first attempt. Default 2 min. */
  maxRetryMs?: number;
  /** Aborts every call of this client. */
  signal?: AbortSignal;
  /** Backoff: full jitter over `min(capMs, baseMs·2^n)`. */
  backoff?: { baseMs?: number; capMs?: number };
  /** Injectable for tests: jitter source and clock for backoff sleeps. */
  random?: () => number;
  clock?: Clock;
};

export type Query = Record<string, string | number | boolean | undefined | null>;

export type RequestSpec<S extends z.ZodType> = {
  method: "GET" | "PUT" | "POST";
  path: string;
  query?: Query;
  body?: BodyInit;
  headers?: Record<string, string>;
  schema: S;
  signal?: AbortSignal;
  /** Non-idempotent calls are retried only on 429 (the server did not act on them). */
  idempotent?: boolean;
};

export type Http = <S extends z.ZodType>(spec: RequestSpec<S>) => Promise<Result<z.infer<S>>>;

export const defaultBaseUrl = "https://api.adminpulse.be";

export function createHttp(options: HttpOptions): Http {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetryMs = options.maxRetryMs ?? 120_000;
  const baseMs = options.backoff?.baseMs ?? 500;
  const capMs = options.backoff?.capMs ?? 30_000;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? realClock;

  const resolveToken = async (): Promise<string> =>
    typeof options.token === "string" ? options.token : await options.token();

  return async function request<S extends z.ZodType>(
    spec: RequestSpec<S>,
  ): Promise<Result<z.infer<S>>> {
    const callerSignal = anySignal([options.signal, spec.signal]);
    const url = new URL(baseUrl + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    }
    const started = clock.now();
    let attempts = 0;
    let token: string | undefined;
    const info = () => ({ method: spec.method, path: spec.path, attempts });
    const aborted = (): Result<never> =>
      err({ kind: "aborted", message: "request aborted by caller", ...info() });

    for (;;) {
      attempts += 1;
      if (callerSignal?.aborted) return aborted();
      try {
        token = await resolveToken();
      } catch {
        return err({
          kind: "unauthorized",
          status: 401,
          message: "could not obtain an access token",
          ...info(),
        });
      }
      try {
        const limiter = options.limiter ?? (await sharedLimiterFor(token));
        await limiter.acquire(callerSignal);
      } catch {
        return aborted();
      }

      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = anySignal([callerSignal, timeout]);
      let failure: AdminPulseError;
      try {
        const res = await fetchFn(url, {
          method: spec.method,
          headers: {
            accept: "application/json",
            ...spec.headers,
            authorization: `Bearer ${token}`,
          },
          body: spec.body ?? null,
          signal,
        });
        const text = await res.text();
        if (res.ok) return parseBody(text, res.status, spec.schema, info());
        const message = redact(upstreamMessage(text, res), token);
        switch (res.status) {
          case 400:
            return err({ kind: "bad_request", status: 400, message, ...info() });
          case 401: {
            const missingScope = scopeFromMessage(message);
            return err({
              kind: "unauthorized",
              status: 401,
              message,
              ...(missingScope ? { missingScope } : {}),
              ...info(),
            });
          }
          case 404:
            return err({ kind: "not_found", status: 404, message, ...info() });
          case 429:
            failure = {
              kind: "rate_limited",
              status: 429,
              message,
              retryAfterMs: retryAfterMs(res.headers.get("retry-after")) ?? 60_000,
              ...info(),
            };
            break;
          default:
            failure = { kind: "upstream", status: res.status, message, ...info() };
            if (res.status < 500) return err(failure);
        }
      } catch (e) {
        if (callerSignal?.aborted) return aborted();
        if (timeout.aborted) {
          failure = {
            kind: "timeout",
            message: `no complete answer within ${timeoutMs} ms`,
            timeoutMs,
            ...info(),
          };
        } else {
          failure = { kind: "network", message: redact(errorText(e), token), ...info() };
        }
        if (spec.idempotent === false) return err(failure);
      }

      // Full jitter (AWS "Exponential Backoff And Jitter"), but never sooner than Retry-After.
      let delay = random() * Math.min(capMs, baseMs * 2 ** (attempts - 1));
      if (failure.kind === "rate_limited") delay = Math.max(delay, failure.retryAfterMs);
      if (clock.now() - started + delay > maxRetryMs) return err(failure);
      try {
        await clock.sleep(delay, callerSignal);
      } catch {
        return aborted();
      }
    }
  };
}

function parseBody<S extends z.ZodType>(
  text: string,
  status: number,
  schema: S,
  info: { method: string; path: string; attempts: number },
): Result<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({
      kind: "bad_response",
      status,
      message: "response body is not valid JSON",
      field: "",
      issues: [{ path: "", message: "invalid JSON" }],
      ...info,
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  const first = issues[0] ?? { path: "", message: "invalid" };
  return err({
    kind: "bad_response",
    status,
    message: `unexpected response shape at "${first.path}": ${first.message}`,
    field: first.path,
    issues,
    ...info,
  });
}

function upstreamMessage(text: string, res: Response): string {
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) return body.data.message;
  } catch {
    // not JSON: fall through to the status line
  }
  return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
}

/** An HTTP date names its month (RFC 9110 §5.6.7: IMF-fixdate and the two obsolete forms). */
const httpDate = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b.*\d{2}:\d{2}:\d{2}/;

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else (`-1`,
 * `1.5`, `12, 5`) is undefined, so the caller waits its default rather than not at all: V8's
 * Date.parse reads such values as dates in the past.
 */
export function retryAfterMs(header: string | null): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!httpDate.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - Date.now());
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return `${e.message}${cause}`;
  }
  return "network error";
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
