/**
 * The worker's v1 HTTP API, as the add-in uses it. Every response body is parsed with the shared
 * zod schemas of @pulsebridge/core; errors come back as `ApiError` carrying the problem's stable
 * `code`, never the key (it is only ever in the Authorization header).
 */
import {
  type ClientListQuery,
  type ClientResource,
  clientListResponseSchema,
  type ImportRequest,
  type ImportRow,
  importResponseSchema,
  meResponseSchema,
  type Problem,
  type PullScope,
  problemSchema,
  reconcileResultSchema,
  taskTemplateListResponseSchema,
  type UiLanguage,
} from "@pulsebridge/core";
import { registerBulkResponseSchema } from "@pulsebridge/kbo/portable";
import type { z } from "zod";
import type { AddinErrorCode } from "./error-codes.js";

/** The worker's closed list of codes, plus the add-in's own (api/error-codes.ts). */
export type ApiErrorCode = AddinErrorCode;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly problem?: Problem,
  ) {
    super(`${code}: ${detail}`);
    this.name = "ApiError";
  }
}

export interface ApiConfig {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export type ClientQuery = Partial<Omit<ClientListQuery, "limit" | "cursor">>;

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

export function createApi(config: ApiConfig) {
  const base = normalizeBaseUrl(config.baseUrl);
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<S extends z.ZodType>(
    schema: S,
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        headers: {
          accept: "application/json",
          authorization: `Bearer ${config.apiKey}`,
          ...(init.body ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
      });
    } catch (e) {
      if (init.signal?.aborted) throw new ApiError("cancelled", 0, "cancelled");
      throw new ApiError("network", 0, e instanceof Error ? e.message : "network error");
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = problemSchema.safeParse(body);
      if (problem.success)
        throw new ApiError(problem.data.code, response.status, problem.data.detail, problem.data);
      const code =
        response.status === 401
          ? "unauthorized"
          : response.status === 403
            ? "forbidden"
            : response.status >= 500
              ? "server"
              : "bad_response";
      throw new ApiError(code, response.status, `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError("bad_response", response.status, parsed.error.message);
    return parsed.data;
  }

  const api = {
    me: (signal?: AbortSignal) => call(meResponseSchema, "/v1/me", { signal }),

    taskTemplates: (signal?: AbortSignal) =>
      call(taskTemplateListResponseSchema, "/v1/task-templates", { signal }),

    listClients(query: ClientQuery & { cursor?: string; limit?: number }, signal?: AbortSignal) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query))
        if (v !== undefined && v !== "") params.set(k, String(v));
      return call(clientListResponseSchema, `/v1/clients?${params}`, { signal });
    },

    /** Follows `nextCursor` until the end; `onPage` reports progress after each page. */
    async listAllClients(
      query: ClientQuery,
      options: { signal?: AbortSignal; onPage?: (loaded: number) => void; pageSize?: number } = {},
    ): Promise<ClientResource[]> {
      const all: ClientResource[] = [];
      let cursor: string | undefined;
      do {
        if (options.signal?.aborted) throw new ApiError("cancelled", 0, "cancelled");
        const page = await api.listClients(
          { ...query, cursor, limit: options.pageSize ?? 1000 },
          options.signal,
        );
        all.push(...page.data);
        options.onPage?.(all.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },

    reconcile: (rows: ImportRow[], signal?: AbortSignal, scope?: PullScope) =>
      call(reconcileResultSchema, "/v1/reconcile", {
        method: "POST",
        body: JSON.stringify(scope ? { rows, scope } : { rows }),
        signal,
      }),

    /** The KBO register's findings for up to 1,000 clients, in `lang` (read-only). */
    registerCheck: (ids: string[], lang: UiLanguage, signal?: AbortSignal) =>
      call(registerBulkResponseSchema, `/v1/register/check?lang=${lang}`, {
        method: "POST",
        body: JSON.stringify({ ids }),
        signal,
      }),

    importRows: (body: ImportRequest, idempotencyKey: string, signal?: AbortSignal) =>
      call(importResponseSchema, "/v1/imports", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "idempotency-key": idempotencyKey },
        signal,
      }),
  };
  return api;
}

export type Api = ReturnType<typeof createApi>;
