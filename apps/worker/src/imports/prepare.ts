/**
 * What a push (or one part of a staged push) does before anything is written: reconcile the rows
 * against the cache and the pulled versions, refuse stale overwrites, and lay out the rows as they
 * are stored. Shared by `POST /v1/imports` and the staged parts, so both decide alike.
 */
import { type ImportRow, identityKeyOf, type ReconcileChoices } from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import { allLiveClients } from "../db/queries/clients.js";
import type { ImportRowWrite } from "../db/queries/imports.js";
import { existingOf, loadBaseOf } from "../history/bases.js";
import { ApiError } from "../lib/errors.js";
import { storedIssues } from "../routes/v1/imports/read.js";
import { type BuiltImport, buildImport } from "./build.js";
import { yieldToOthers } from "./gate.js";

export interface PreparedImport {
  built: BuiltImport;
  /** The rows as stored, in request order, with the identity key staged parts are checked on. */
  writes: (ImportRowWrite & { identityKey: string | null })[];
}

export async function prepareImport(
  db: Db,
  officeId: string,
  body: { rows: ImportRow[]; choices: ReconcileChoices },
  now: number,
): Promise<PreparedImport> {
  const cached = await allLiveClients(db, officeId);
  const baseOf = await loadBaseOf(db, officeId, body.rows, cached);
  await yieldToOthers();
  const built = buildImport(body, existingOf(cached), new Date(now), baseOf);
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
  const writes = built.rows.map((row, idx) => ({
    idx,
    ref: row.ref,
    action: row.action,
    clientId: row.clientId,
    fields: JSON.stringify(row.fields),
    client: row.client ? JSON.stringify(row.client) : null,
    issues: storedIssues(row),
    identityKey: row.action !== "rejected" && row.client ? identityKeyOf(row.client) : null,
  }));
  return { built, writes };
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
