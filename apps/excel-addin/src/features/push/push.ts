/**
 * Pushing the import: POST /v1/imports with an Idempotency-Key. The key is stored before the first
 * attempt and kept until the server answers with a result, so a push cut off halfway is retried
 * with the same key and the worker records exactly one import. Nothing in the sheet changes until
 * the server has answered; rejected rows are then marked with their reasons.
 */
import type { ImportResponse, ImportRow, PullScope, ReconcileChoices } from "@pulsebridge/core";
import { type Api, ApiError } from "../../api/client.js";
import { type KeyValueStore, storageKey } from "../connect/connect.js";

export function hashBody(text: string): string {
  // FNV-1a: only to tell "same body as the pending attempt" apart, not for security.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

export interface PendingPush {
  key: string;
  hash: string;
  createdAt: string;
}

export function createPushStore(store: KeyValueStore, partitionKey?: string) {
  const k = storageKey("pending-push", partitionKey);
  return {
    get(): PendingPush | null {
      try {
        return JSON.parse(store.getItem(k) ?? "null") as PendingPush | null;
      } catch {
        return null;
      }
    },
    set(p: PendingPush) {
      store.setItem(k, JSON.stringify(p));
    },
    clear() {
      store.removeItem(k);
    },
  };
}
export type PushStore = ReturnType<typeof createPushStore>;

export type PushOutcome =
  | { ok: true; response: ImportResponse; key: string }
  | { ok: false; error: ApiError; key: string; retryable: boolean };

export async function pushImport(options: {
  api: Api;
  rows: ImportRow[];
  choices: ReconcileChoices;
  createdBy: string;
  store: PushStore;
  source?: string;
  signal?: AbortSignal;
  newKey?: () => string;
  /** The scope the sheet was pulled with (recorded with the import). */
  scope?: PullScope | undefined;
}): Promise<PushOutcome> {
  const body = {
    source: options.source ?? "excel",
    createdBy: options.createdBy,
    rows: options.rows,
    choices: options.choices,
    ...(options.scope ? { scope: options.scope } : {}),
  };
  const hash = hashBody(JSON.stringify(body));
  const pending = options.store.get();
  // Same body as an unfinished attempt: same key. A changed body is a new import.
  const key =
    pending && pending.hash === hash
      ? pending.key
      : (options.newKey ?? (() => crypto.randomUUID()))();
  if (!pending || pending.key !== key)
    options.store.set({ key, hash, createdAt: new Date().toISOString() });
  try {
    const response = await options.api.importRows(body, key, options.signal);
    options.store.clear();
    return { ok: true, response, key };
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError("network", 0, String(e));
    // 4xx other than a conflict will fail the same way again; the key is kept regardless, so a
    // retry after fixing nothing still cannot create a second import.
    const retryable = error.status === 0 || error.status >= 500 || error.code === "cancelled";
    return { ok: false, error, key, retryable };
  }
}
