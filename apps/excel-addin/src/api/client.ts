/**
 * The worker's v1 HTTP API, as the add-in uses it. Every response body is parsed with the shared
 * zod schemas of @pulsebridge/core; errors come back as `ApiError` carrying the problem's stable
 * `code`, never the key (it is only ever in the Authorization header).
 */

import { createClient } from "@pulsebridge/client";
import {
  type ClientListQuery,
  type ClientResource,
  clientListResponseSchema,
  type ImportRequest,
  importResponseSchema,
  importSummarySchema,
  meResponseSchema,
  type Problem,
  problemSchema,
  type ReconcileRequest,
  reconcileResultSchema,
  type StagedImportRequest,
  type StagedPartRequest,
  stagedImportSchema,
  stagedPartResponseSchema,
  taskTemplateListResponseSchema,
  type UiLanguage,
  type WithdrawImportRequest,
} from "@pulsebridge/core";
import { registerBulkResponseSchema } from "@pulsebridge/kbo/portable";
import type { z } from "zod";
import type { AddinErrorCode } from "./error-codes.js";
import { confirmDeletionsSchema, importRowsPageSchema, syncRunsSchema } from "./schemas.js";

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
  // One contract: the typed client generated from the worker's OpenAPI document. No automatic
  // retries here: the pane shows a retryable failure and the user decides (a push is idempotent).
  const client = createClient({
    baseUrl: normalizeBaseUrl(config.baseUrl),
    apiKey: config.apiKey,
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    retries: 0,
  });

  /** Sends one typed call and parses its body with the shared zod schema (the boundary check). */
  async function call<S extends z.ZodType>(
    schema: S,
    send: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    let result: Awaited<ReturnType<typeof send>>;
    try {
      result = await send();
    } catch (e) {
      if (signal?.aborted) throw new ApiError("cancelled", 0, "cancelled");
      if (e instanceof SyntaxError) throw new ApiError("bad_response", 0, e.message);
      throw new ApiError("network", 0, e instanceof Error ? e.message : "network error");
    }
    const { data, error, response } = result;
    if (!response.ok) {
      const problem = problemSchema.safeParse(error);
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
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ApiError("bad_response", response.status, parsed.error.message);
    return parsed.data;
  }

  const api = {
    me: (signal?: AbortSignal) =>
      call(meResponseSchema, () => client.GET("/v1/me", { signal }), signal),

    taskTemplates: (signal?: AbortSignal) =>
      call(
        taskTemplateListResponseSchema,
        () => client.GET("/v1/task-templates", { signal }),
        signal,
      ),

    listClients(query: ClientQuery & { cursor?: string; limit?: number }, signal?: AbortSignal) {
      const q = Object.fromEntries(
        Object.entries(query).filter(([, v]) => v !== undefined && v !== ""),
      );
      return call(
        clientListResponseSchema,
        () => client.GET("/v1/clients", { params: { query: q }, signal }),
        signal,
      );
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

    /** The review (rows in full and/or known rows; `answer: "compact"` for the short answer). */
    reconcile: (body: ReconcileRequest, signal?: AbortSignal) =>
      call(reconcileResultSchema, () => client.POST("/v1/reconcile", { body, signal }), signal),

    /** The KBO register's findings for up to 1,000 clients, in `lang` (read-only). */
    registerCheck: (ids: string[], lang: UiLanguage, signal?: AbortSignal) =>
      call(
        registerBulkResponseSchema,
        () =>
          client.POST("/v1/register/check", { params: { query: { lang } }, body: { ids }, signal }),
        signal,
      ),

    importRows: (body: ImportRequest, idempotencyKey: string, signal?: AbortSignal) =>
      call(
        importResponseSchema,
        () =>
          client.POST("/v1/imports", {
            body,
            params: { header: { "idempotency-key": idempotencyKey } },
            signal,
          }),
        signal,
      ),

    /** A push over one request's rows, in parts (ADR 0021): open, parts, commit. */
    openStagedImport: (body: StagedImportRequest, idempotencyKey: string, signal?: AbortSignal) =>
      call(
        stagedImportSchema,
        () =>
          client.POST("/v1/imports/staged", {
            body,
            params: { header: { "idempotency-key": idempotencyKey } },
            signal,
          }),
        signal,
      ),
    putStagedImportPart: (
      id: string,
      part: number,
      body: StagedPartRequest,
      signal?: AbortSignal,
    ) =>
      call(
        stagedPartResponseSchema,
        () =>
          client.PUT("/v1/imports/staged/{id}/parts/{part}", {
            params: { path: { id, part } },
            body,
            signal,
          }),
        signal,
      ),
    commitStagedImport: (id: string, parts: number, signal?: AbortSignal) =>
      call(
        importResponseSchema,
        () =>
          client.POST("/v1/imports/staged/{id}/commit", {
            params: { path: { id } },
            body: { parts },
            signal,
          }),
        signal,
      ),
    withdrawImport: (
      id: string,
      body: WithdrawImportRequest,
      idempotencyKey: string,
      signal?: AbortSignal,
    ) =>
      call(
        importSummarySchema,
        () =>
          client.POST("/v1/imports/{id}/withdraw", {
            params: { path: { id }, header: { "idempotency-key": idempotencyKey } },
            body,
            signal,
          }),
        signal,
      ),

    /** One page of an import's rows; `action: "rejected"` pages what a push's answer left out. */
    importRowsPage: (
      id: string,
      query: { action?: "rejected"; cursor?: string; limit?: number },
      signal?: AbortSignal,
    ) =>
      call(
        importRowsPageSchema,
        () => client.GET("/v1/imports/{id}/rows", { params: { path: { id }, query }, signal }),
        signal,
      ),

    /** The office's recent sync runs, newest first. */
    syncRuns: (limit: number, signal?: AbortSignal) =>
      call(
        syncRunsSchema,
        () => client.GET("/v1/sync/runs", { params: { query: { limit } }, signal }),
        signal,
      ),

    /** An admin confirms the deletions a run held (status `deletions_held`). */
    confirmDeletions: (runId: string, signal?: AbortSignal) =>
      call(
        confirmDeletionsSchema,
        () =>
          client.POST("/v1/sync/runs/{id}/confirm-deletions", {
            params: { path: { id: runId } },
            signal,
          }),
        signal,
      ),
  };
  return api;
}

export type Api = ReturnType<typeof createApi>;
