/**
 * Reading the office's stored imports (issue 14): the list, one import as its push answered, its
 * rows by page with their outcome, and its rows as CSV. Another office's id is a 404.
 */
import { csvFields, csvValue } from "@pulsebridge/core";
import {
  getImport,
  type ImportHeader,
  type ImportRowRecord,
  listImportRows,
  listImports,
} from "../db/queries/imports.js";
import { type CsvSeparator, csvLine, utf8Bom } from "../imports/csv.js";
import { decodeCursor, encodeCursor, timeIdCursor } from "../lib/cursor.js";
import { notFound } from "../lib/errors.js";
import { allImportRows, importResponse, toRowResource } from "../routes/v1/imports/read.js";
import { toImportSummary } from "../routes/v1/imports/schema.js";
import type { ServiceContext } from "./context.js";

/** A page of the office's imports, newest first; `status` filters (e.g. `withdrawn`). */
export async function importsPage(
  ctx: ServiceContext,
  q: {
    cursor?: string | undefined;
    limit: number;
    status?: ImportHeader["status"] | "withdrawn" | undefined;
  },
) {
  const before = decodeCursor(q.cursor, timeIdCursor);
  const rows = await listImports(
    ctx.db,
    ctx.officeId,
    q.limit,
    before ? { createdAt: before[0], id: before[1] } : undefined,
    q.status,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(toImportSummary),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** One import: the body its push answered (summary, first rejected rows, their cursor). */
export async function readImport(ctx: ServiceContext, id: string) {
  const header = await getImport(ctx.db, ctx.officeId, id);
  if (!header) throw notFound();
  return importResponse(ctx.db, header);
}

/** A page of an import's rows in the order they were sent, optionally of one outcome. */
export async function importRowsPage(
  ctx: ServiceContext,
  id: string,
  q: {
    cursor?: string | undefined;
    limit: number;
    action?: ImportRowRecord["action"] | undefined;
  },
) {
  const { db, officeId } = ctx;
  if (!(await getImport(db, officeId, id))) throw notFound();
  const rows = await listImportRows(
    db,
    officeId,
    id,
    q.cursor ? Number(q.cursor) : -1,
    q.limit,
    q.action,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(toRowResource),
    nextCursor: rows.length > q.limit && last ? String(last.idx) : null,
  };
}

// The client's columns come from core's field table, so a new field reaches the CSV by itself.
const csvHeader = ["ref", "action", "clientId", "fields", ...csvFields.map((f) => f.key), "issues"];

/** Every row of an import as CSV text (UTF-8 with a byte order mark, formula-injection safe). */
export async function importRowsCsv(ctx: ServiceContext, id: string, sep: CsvSeparator) {
  const { db, officeId } = ctx;
  if (!(await getImport(db, officeId, id))) throw notFound();
  let out = utf8Bom + csvLine(csvHeader, sep);
  for (const rec of await allImportRows(db, officeId, id)) {
    const row = toRowResource(rec);
    out += csvLine(
      [
        row.ref,
        row.action,
        row.clientId,
        row.fields.join(";"),
        ...csvFields.map((f) => csvValue(row.client, f.path)),
        row.issues.map((i) => `${i.field}:${i.code}`).join(";"),
      ],
      sep,
    );
  }
  return out;
}
