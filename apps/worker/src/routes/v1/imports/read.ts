import type { ImportRowResource } from "@pulsebridge/core";
import type { Db } from "../../../db/client.js";
import {
  type ImportHeader,
  type ImportRowRecord,
  listImportRows,
} from "../../../db/queries/imports.js";
import { toImportSummary } from "./schema.js";

export function toRowResource(r: ImportRowRecord): ImportRowResource {
  return {
    ref: r.ref,
    action: r.action,
    clientId: r.clientId,
    fields: JSON.parse(r.fields) as ImportRowResource["fields"],
    client: r.client ? (JSON.parse(r.client) as ImportRowResource["client"]) : null,
    issues: JSON.parse(r.issues) as ImportRowResource["issues"],
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

/** The stored import as POST returned it: summary plus the rejected rows with their reasons. */
export async function importResponse(db: Db, header: ImportHeader) {
  const rows = header.rejected > 0 ? await allImportRows(db, header.officeId, header.id) : [];
  return {
    ...toImportSummary(header),
    rejected: rows
      .filter((r) => r.action === "rejected")
      .map((r) => ({ ref: r.ref, issues: toRowResource(r).issues })),
  };
}
