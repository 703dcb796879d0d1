/**
 * Pushing the import: POST /v1/imports with an Idempotency-Key, or — over one request's rows,
 * links or bytes — a staged push (open, parts, commit) under that key. The key is stored before
 * the first attempt and kept until the server answers with a result, so a push cut off halfway is
 * retried with the same key and the worker records exactly one import. Nothing in the sheet
 * changes until the server has answered; rejected rows are then marked with their reasons.
 */
import {
  type ImportResponse,
  type ImportRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
  type PullScope,
  type ReconcileChoices,
} from "@pulsebridge/core";
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

export interface PushOptions {
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
  /** The client a row matched in the review: lets each part carry only its own overwrites. */
  idOfRef?: (ref: string) => string | undefined;
  /** Rows sent so far of all, after each part of a staged push. */
  onProgress?: (sent: number, total: number) => void;
  /** Rows per request (the worker's limit); lower only in tests. */
  partRows?: number;
  /** Links per request, all rows together (the worker's limit); lower only in tests. */
  partLinks?: number;
}

export async function pushImport(options: PushOptions): Promise<PushOutcome> {
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
    // Over one request's rows, links or bytes: a staged push.
    const parts = splitParts(options.rows, options.partRows, undefined, options.partLinks);
    const response =
      parts.length > 1
        ? await pushStaged(options, parts, body, key)
        : await options.api.importRows(body, key, options.signal);
    options.store.clear();
    return { ok: true, response, key };
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError("network", 0, String(e));
    // An expired stage takes nothing more under this key: the next attempt starts afresh.
    if (error.code === "staged_import_closed") options.store.clear();
    // 4xx other than a conflict will fail the same way again; the key is kept regardless, so a
    // retry after fixing nothing still cannot create a second import.
    const retryable =
      error.status === 0 ||
      error.status >= 500 ||
      error.code === "cancelled" ||
      error.code === "staged_import_closed";
    return { ok: false, error, key, retryable };
  }
}

/**
 * Part boundaries: at most `maxRows` rows, `maxLinks` links in all rows and about `maxBytes` of
 * JSON each (the worker takes 16 MiB per request; 12 MB leaves room for the choices and the JSON
 * around the rows).
 */
export function splitParts(
  rows: ImportRow[],
  maxRows = maxRowsPerRequest,
  maxBytes = 12_000_000,
  maxLinks = maxLinksPerRequest,
): ImportRow[][] {
  const parts: ImportRow[][] = [];
  let current: ImportRow[] = [];
  let bytes = 0;
  let links = 0;
  for (const row of rows) {
    // UTF-16 length as a bound on UTF-8 bytes would be wrong for non-Latin text: ×3 is safe.
    const size = JSON.stringify(row).length * 3;
    const rowLinks = row.links?.length ?? 0;
    if (
      current.length > 0 &&
      (current.length >= maxRows || bytes + size > maxBytes || links + rowLinks > maxLinks)
    ) {
      parts.push(current);
      current = [];
      bytes = 0;
      links = 0;
    }
    current.push(row);
    bytes += size;
    links += rowLinks;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The choices that concern `rows`: their refs to add; overwrites of the clients they claim. */
function choicesFor(
  rows: ImportRow[],
  choices: ReconcileChoices,
  idOfRef: ((ref: string) => string | undefined) | undefined,
): ReconcileChoices {
  const refs = new Set(rows.map((r) => r.ref));
  const add = choices.add.filter((ref) => refs.has(ref));
  // Overwrites are keyed by client id; without the review's ref → id map every part gets them all
  // (the worker applies only those of clients the part's rows matched).
  if (!idOfRef) return { overwrite: choices.overwrite, add };
  const overwrite: ReconcileChoices["overwrite"] = {};
  for (const ref of refs) {
    const id = idOfRef(ref);
    if (id && Object.hasOwn(choices.overwrite, id)) overwrite[id] = choices.overwrite[id] ?? [];
  }
  return { overwrite, add };
}

/**
 * A push over one request's rows (ADR 0021): open a stage under the push's key, send the parts,
 * commit. Resent with the same key after a cut, every step answers its first result, so a retry
 * continues where it stopped; nothing is visible to others before the commit.
 */
async function pushStaged(
  options: PushOptions,
  parts: ImportRow[][],
  body: { source: string; createdBy: string; scope?: PullScope },
  key: string,
): Promise<ImportResponse> {
  const { api, signal } = options;
  const stage = await api.openStagedImport(
    {
      source: body.source,
      createdBy: body.createdBy,
      ...(body.scope ? { scope: body.scope } : {}),
    },
    key,
    signal,
  );
  let sent = 0;
  for (const [n, rows] of parts.entries()) {
    await api.putStagedImportPart(
      stage.id,
      n,
      { rows, choices: choicesFor(rows, options.choices, options.idOfRef) },
      signal,
    );
    sent += rows.length;
    options.onProgress?.(sent, options.rows.length);
  }
  return api.commitStagedImport(stage.id, parts.length, signal);
}
