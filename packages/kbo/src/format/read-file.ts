import type { z } from "zod";
import { type CsvField, readCsv } from "./csv.js";
import { KboFormatError } from "./errors.js";
import { metaFile, type SnapshotMeta, snapshotMetaSchema } from "./schemas.js";

export interface FileSpec<C extends readonly string[], S extends z.ZodType> {
  columns: C;
  schema: S;
}

export interface ParsedRow<T> {
  line: number;
  row: T;
}

export interface ReadOptions {
  /** Lines up to and including this one are read but not validated or yielded (resume). */
  skipThroughLine?: number;
}

/**
 * Reads one KBO file: checks the header against `spec.columns` (names compared case-insensitively,
 * order exact), then yields each data row parsed by `spec.schema`. The first bad row stops the read
 * with a `KboFormatError` that names the file, the line and the column.
 */
export async function* readKboFile<C extends readonly string[], S extends z.ZodType>(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  spec: FileSpec<C, S>,
  options: ReadOptions = {},
): AsyncGenerator<ParsedRow<z.output<S>>> {
  const { columns, schema } = spec;
  const skip = options.skipThroughLine ?? 0;
  let header = true;
  for await (const { line, fields } of readCsv(chunks, file, columns)) {
    if (header) {
      header = false;
      checkHeader(file, line, fields, columns);
      continue;
    }
    if (line <= skip) continue;
    if (fields.length !== columns.length) {
      throw new KboFormatError(
        "kbo.format.column_count",
        file,
        line,
        null,
        `expected ${columns.length} columns, found ${fields.length}`,
      );
    }
    const input: Record<string, CsvField> = {};
    for (let i = 0; i < columns.length; i++) input[columns[i] as string] = fields[i] ?? null;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = typeof issue?.path[0] === "string" ? issue.path[0] : null;
      const got = column === null ? "" : input[column];
      const reason =
        issue?.code === "invalid_type" && got === null
          ? "a required value is empty"
          : (issue?.message ?? "invalid value");
      throw new KboFormatError("kbo.format.value", file, line, column, reason);
    }
    yield { line, row: parsed.data };
  }
  if (header)
    throw new KboFormatError(
      "kbo.format.header",
      file,
      1,
      null,
      "the file is empty (no header row)",
    );
}

function checkHeader(
  file: string,
  line: number,
  fields: CsvField[],
  columns: readonly string[],
): void {
  const got = fields.map((f) => (f ?? "").trim());
  const ok =
    got.length === columns.length &&
    got.every((g, i) => g.toLowerCase() === (columns[i] as string).toLowerCase());
  if (!ok) {
    throw new KboFormatError(
      "kbo.format.header",
      file,
      line,
      null,
      `expected the header ${columns.join(",")}, found ${got.join(",")}`,
    );
  }
}

/** Reads meta.csv (key/value rows) into the snapshot it describes. */
export async function readMeta(
  chunks: AsyncIterable<Uint8Array | string>,
  file = "meta.csv",
): Promise<SnapshotMeta> {
  const values: Record<string, string | null> = {};
  const lines: Record<string, number> = {};
  for await (const { line, row } of readKboFile(chunks, file, metaFile)) {
    values[row.Variable] = row.Value;
    lines[row.Variable] = line;
  }
  const keys = {
    snapshotDate: "SnapshotDate",
    extractTimestamp: "ExtractTimestamp",
    extractType: "ExtractType",
    extractNumber: "ExtractNumber",
    version: "Version",
  } as const;
  const input = Object.fromEntries(
    Object.entries(keys).map(([k, v]) => [k, values[v] ?? undefined]),
  );
  const parsed = snapshotMetaSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0] as keyof typeof keys | undefined;
    const variable = key ? keys[key] : null;
    const missing = variable !== null && values[variable] == null;
    throw new KboFormatError(
      "kbo.format.meta",
      file,
      variable && !missing ? (lines[variable] ?? null) : null,
      variable,
      missing ? `the variable ${variable} is missing` : (issue?.message ?? "invalid value"),
    );
  }
  return parsed.data;
}
