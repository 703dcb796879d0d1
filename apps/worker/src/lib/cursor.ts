import { z } from "zod";
import { ApiError } from "./errors.js";

/**
 * Opaque cursors: base64url of UTF-8 JSON (btoa alone throws above U+00FF, e.g. on "L’Épi"),
 * parsed back with a schema so a forged cursor is a 400, not a 500. Keep what goes in small and
 * bounded (ids, numbers), never free text: the query schemas cap a cursor at 200 characters.
 */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<T>(raw: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  try {
    const binary = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return schema.parse(JSON.parse(json));
  } catch {
    throw invalidCursor();
  }
}

/** A well-formed cursor that points nowhere (another office's row, a made-up id) is a 400 too. */
export function invalidCursor(): ApiError {
  return new ApiError("validation_failed", "The cursor is not valid.", [
    { field: "cursor", code: "invalid_cursor", message: "Use a cursor returned by this API." },
  ]);
}

export const timeIdCursor = z.tuple([z.number().int(), z.string().max(100)]);

/** Where a newest-first page keyed by (time, id) starts: after this row (none: from the newest). */
export type TimeIdAfter = { at: number; id: string } | undefined;

/**
 * One page of a newest-first list keyed by (time, id): `read` returns up to `limit + 1` rows after
 * the cursor's row, the extra one only telling that more follow (no count query).
 */
export async function newestFirstPage<T extends { id: string }>(
  page: { cursor?: string | undefined; limit: number },
  read: (limit: number, after: TimeIdAfter) => Promise<T[]>,
  timeOf: (row: T) => number,
): Promise<{ data: T[]; nextCursor: string | null }> {
  const before = decodeCursor(page.cursor, timeIdCursor);
  const rows = await read(page.limit, before ? { at: before[0], id: before[1] } : undefined);
  const data = rows.slice(0, page.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > page.limit && last ? encodeCursor([timeOf(last), last.id]) : null,
  };
}
