/**
 * What a push (or one part of a staged push) does before anything is written: reconcile the rows
 * against the cache and the pulled versions, refuse stale overwrites, and lay out the rows as they
 * are stored. Shared by `POST /v1/imports` and the staged parts, so both decide alike. It takes
 * the rows out of `body` (they are in the result now): hash the request and read its refs first.
 */
import {
  candidatesOf,
  type ImportRow,
  identityKeyOf,
  type ReconcileChoices,
  validateRows,
} from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  type ImportRowWrite,
  type RowChunk,
  rowChunks,
  storedRowBytes,
} from "../db/queries/imports.js";
import { loadBaseOf } from "../history/bases.js";
import { ApiError } from "../lib/errors.js";
import { officeCache } from "../review/cache.js";
import { storedIssues } from "../routes/v1/imports/read.js";
import { type BuiltImport, buildImport, importValidation } from "./build.js";
import { yieldToOthers } from "./gate.js";

export interface PreparedImport {
  built: BuiltImport;
  /** What the rows take stored, for the quota. */
  bytes: number;
  /**
   * The rows as stored, in request order, as the JSON of json_each inserts of at most `maxBytes`
   * each (rowChunks), built as they are taken. Take them once: each row's client is let go once
   * its row is serialised.
   */
  chunks(maxBytes?: number): Generator<RowChunk>;
}

export async function prepareImport(
  db: Db,
  officeId: string,
  body: { rows: ImportRow[]; choices: ReconcileChoices },
  now: number,
  withIdentity = false,
): Promise<PreparedImport> {
  // The rows validated first, then only the cached clients they can match read, in pages (issue
  // 11/17: a push of 10,000 new clients held the office's whole cache, ~27 MB at 10,000 clients).
  const validated = validateRows(body.rows, importValidation(new Date(now)));
  await yieldToOthers();
  const only = candidatesOf(body.rows, validated);
  const existing = await officeCache(db, officeId, only);
  const baseOf = await loadBaseOf(db, officeId, body.rows, existing);
  await yieldToOthers();
  const built = buildImport(body, existing, new Date(now), baseOf, validated);
  // The rows are reconciled: let the request's copy go before the stored JSON is built (issue 11:
  // the body, the clients and their JSON were all held at once). Callers read no rows after this.
  body.rows.length = 0;
  await yieldToOthers();
  if (built.stale.length > 0) {
    throw new ApiError(
      "stale_overwrite",
      "AdminPulse changed these fields after the sheet was pulled; refresh them from AdminPulse or choose them as conflicts.",
      built.stale.map((s) => ({
        ref: s.ref,
        field: s.field,
        code: "stale_overwrite",
        message: `Row ${s.ref}: ${s.field} was changed in AdminPulse since the pull; the sheet's value is older.`,
      })),
    );
  }
  // The quota is checked before anything is written, on every row's bytes: counted here, each
  // row's JSON let go at once, and serialised again chunk by chunk as the rows are written.
  const bytes = storedRowBytes(storedRows(built, withIdentity, false));
  return {
    built,
    bytes,
    chunks: (maxBytes) => rowChunks(storedRows(built, withIdentity, true), maxBytes),
  };
}

/**
 * The rows as stored, in request order; with `withIdentity` also the identity key staged parts
 * are checked on. With `release`, each row's client is let go once its row is serialised (issue
 * 11: a push of 10,000 new clients held them all and their stored JSON at once); `built.rows`
 * keeps the rest.
 */
function* storedRows(
  built: BuiltImport,
  withIdentity: boolean,
  release: boolean,
): Generator<ImportRowWrite> {
  for (const [idx, row] of built.rows.entries()) {
    yield {
      idx,
      ref: row.ref,
      action: row.action,
      clientId: row.clientId,
      fields: row.fields,
      client: row.client,
      issues: storedIssues(row),
      ...(withIdentity
        ? {
            identityKey: row.action !== "rejected" && row.client ? identityKeyOf(row.client) : null,
          }
        : {}),
    };
    if (release) row.client = null;
  }
}

/** Refuses a write that would take the office's stored imports past its quota. */
export function checkQuota(used: number, bytes: number, quota: number): void {
  // Two pushes at once may both pass this check: the quota can be passed by at most one push.
  if (used + bytes > quota)
    throw new ApiError(
      "import_quota_exceeded",
      `This import needs ${bytes} bytes; the office's imports hold ${used} of ${quota}.`,
    );
}
