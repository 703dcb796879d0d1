/**
 * @pulsebridge/client: a typed client for the pulsebridge API. The types are generated from the
 * worker's OpenAPI document (`src/schema.d.ts`, `pnpm --filter @pulsebridge/client generate`); the
 * calls go through openapi-fetch, with retries that honour `Retry-After`, and iterators over cursor
 * pages and the change feed.
 */
import createFetchClient from "openapi-fetch";
import { type RetryOptions, withRetries } from "./retry.js";
import type { components, paths } from "./schema.js";

export type { RetryOptions } from "./retry.js";
export { retryAfterMs, withRetries } from "./retry.js";
export type { components, operations, paths } from "./schema.js";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type Change = Schemas["Change"];

export interface ClientOptions extends RetryOptions {
  /** The worker's URL, e.g. `https://pulsebridge.example.be` (no `/v1`). */
  baseUrl: string;
  /** An office API key, `pb_<prefix>_<secret>`; sent only in the Authorization header. */
  apiKey: string;
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions) {
  const { baseUrl, apiKey, fetch: inner, ...retry } = options;
  return createFetchClient<paths>({
    baseUrl: baseUrl.trim().replace(/\/+$/, ""),
    headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
    fetch: withRetries(inner ?? globalThis.fetch.bind(globalThis), retry),
  });
}

export type PulsebridgeClient = ReturnType<typeof createClient>;

/** An error answer as an exception, with the problem's stable `code` when it is problem+json. */
export class PulsebridgeError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem ? `${problem.code}: ${problem.detail}` : `HTTP ${status}`);
    this.name = "PulsebridgeError";
  }
  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** The body of a successful answer, or a PulsebridgeError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    const problem =
      error && typeof error === "object" && "code" in error ? (error as Problem) : undefined;
    throw new PulsebridgeError(response.status, problem);
  }
  return data;
}

/**
 * Every page of a cursor-paged list, following `nextCursor` until it is null:
 * `for await (const page of pages((cursor) => client.GET("/v1/clients", { params: { query: { cursor } } })))`.
 */
export async function* pages<T extends { nextCursor: string | null }>(
  fetchPage: (
    cursor: string | undefined,
  ) => Promise<{ data?: T; error?: unknown; response: Response }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await unwrap(fetchPage(cursor));
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export type ChangesPage =
  paths["/v1/changes"]["get"]["responses"][200]["content"]["application/json"];

/**
 * The change feed from `cursor` (absent: from the beginning) until it is drained (`hasMore` false).
 * Each page's `nextCursor` is the position to store once its changes are applied; start there next time.
 */
export async function* changes(
  client: PulsebridgeClient,
  options: { cursor?: string; limit?: number } = {},
): AsyncGenerator<ChangesPage> {
  let cursor = options.cursor;
  for (;;) {
    const page = await unwrap(
      client.GET("/v1/changes", { params: { query: { cursor, limit: options.limit ?? 500 } } }),
    );
    yield page;
    cursor = page.nextCursor;
    if (!page.hasMore) return;
  }
}
