/**
 * Connecting to the worker: URL + API key, checked with GET /v1/me, kept in the add-in's own
 * storage (partitioned localStorage), never in the workbook: workbook settings, custom XML and
 * document properties travel inside the file.
 */
import type { MeResponse } from "@pulsebridge/core";
import { z } from "zod";
import { ApiError, createApi, normalizeBaseUrl } from "../../api/client.js";

export const credentialsSchema = z.object({
  baseUrl: z.string().url(),
  apiKey: z.string().min(8).max(500),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Office's `partitionKey` prefix keeps two add-in instances (or two hosts) apart. */
export function storageKey(name: string, partitionKey?: string): string {
  return `${partitionKey ? `${partitionKey}.` : ""}pulsebridge.${name}`;
}

export function createCredentialStore(store: KeyValueStore, partitionKey?: string) {
  const key = storageKey("connection", partitionKey);
  return {
    load(): Credentials | null {
      try {
        const parsed = credentialsSchema.safeParse(JSON.parse(store.getItem(key) ?? "null"));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(c: Credentials): void {
      store.setItem(key, JSON.stringify(c));
    },
    clear(): void {
      store.removeItem(key);
    },
  };
}
export type CredentialStore = ReturnType<typeof createCredentialStore>;

/** Roles that may push an import; a `service` key only reads. */
export const pushRoles = ["admin", "staff"] as const;

export type ConnectResult =
  | { ok: true; me: MeResponse; canPush: boolean }
  | { ok: false; error: ConnectError };

/** Stable codes the pane translates (connect.error.<code>). */
export type ConnectError =
  | "invalid_url"
  | "invalid_key"
  | "unauthorized"
  | "forbidden"
  | "network"
  | "bad_response"
  | "server";

export function connectErrorOf(e: unknown): ConnectError {
  if (e instanceof ApiError) {
    if (e.code === "unauthorized" || e.status === 401) return "unauthorized";
    if (e.code === "forbidden" || e.status === 403) return "forbidden";
    if (e.code === "network") return "network";
    if (e.code === "bad_response" || e.code === "not_found") return "bad_response";
    return "server";
  }
  return "network";
}

export async function connect(
  input: { baseUrl: string; apiKey: string },
  options: { fetch?: typeof fetch; store?: CredentialStore; signal?: AbortSignal } = {},
): Promise<ConnectResult> {
  const baseUrl = normalizeBaseUrl(input.baseUrl);
  const apiKey = input.apiKey.trim();
  if (!z.string().url().safeParse(baseUrl).success || !/^https?:\/\//.test(baseUrl))
    return { ok: false, error: "invalid_url" };
  if (apiKey.length < 8 || /\s/.test(apiKey)) return { ok: false, error: "invalid_key" };
  try {
    const me = await createApi({ baseUrl, apiKey, fetch: options.fetch }).me(options.signal);
    options.store?.save({ baseUrl, apiKey });
    return { ok: true, me, canPush: (pushRoles as readonly string[]).includes(me.key.role) };
  } catch (e) {
    return { ok: false, error: connectErrorOf(e) };
  }
}
