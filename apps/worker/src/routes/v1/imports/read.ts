import { type ImportRowResource, maxRejectedInResponse } from "@pulsebridge/core";
import type { Db } from "../../../db/client.js";
import {
  type ImportHeader,
  type ImportRowRecord,
  listImportRows,
} from "../../../db/queries/imports.js";
import { rejectedEntry } from "../../../imports/build.js";
import { toImportSummary } from "./schema.js";

type Issues = ImportRowResource["issues"];

/**
 * The stored `issues` column's value: the issues array, or — when a row had issues left out —
 * `{ items, omitted }` (no migration needed, and older rows read as before). Stored as JSON text
 * by the row's insert (importRowChunks).
 */
export function storedIssues(
  row: Pick<ImportRowResource, "issues" | "issuesOmitted">,
): Issues | { items: Issues; omitted: number } {
  return row.issuesOmitted ? { items: row.issues, omitted: row.issuesOmitted } : row.issues;
}

function readIssues(raw: string): { issues: Issues; issuesOmitted?: number } {
  const v = JSON.parse(raw) as Issues | { items: Issues; omitted: number };
  return Array.isArray(v) ? { issues: v } : { issues: v.items, issuesOmitted: v.omitted };
}

export function toRowResource(r: ImportRowRecord): ImportRowResource {
  return {
    ref: r.ref,
    action: r.action,
    clientId: r.clientId,
    fields: JSON.parse(r.fields) as ImportRowResource["fields"],
    client: r.client ? (JSON.parse(r.client) as ImportRowResource["client"]) : null,
    ...readIssues(r.issues),
  };
}

/** Every row of an import, read in pages (D1 result-size friendly). */
export async function allImportRows(db: Db, officeId: string, importId: string) {
  const out: ImportRowRecord[] = [];
  let after = -1;
  for (;;) {
    const rows = await listImportRows(db, officeId, importId, after, 2000);
    out.push(...rows.slice(0, 2000));
    if (rows.length <= 2000) return out;
    after = rows[1999]!.idx;
  }
}

/**
 * The stored import as POST returned it: summary plus the first `maxRejectedInResponse` rejected
 * rows with their reasons, and a cursor to page the rest.
 */
export async function importResponse(db: Db, header: ImportHeader) {
  const rows =
    header.rejected > 0
      ? await listImportRows(db, header.officeId, header.id, -1, maxRejectedInResponse, "rejected")
      : [];
  const page = rows.slice(0, maxRejectedInResponse);
  return {
    ...toImportSummary(header),
    rejected: page.map((r) => rejectedEntry(toRowResource(r))),
    rejectedNextCursor: rows.length > maxRejectedInResponse ? String(page.at(-1)!.idx) : null,
  };
}
