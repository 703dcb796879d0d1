import { z } from "zod";
import { ApiError } from "./errors.js";

/** Opaque cursors: base64url JSON, parsed back with a schema so a forged cursor is a 400, not a 500. */
export function encodeCursor(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<T>(raw: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  try {
    const json = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
    return schema.parse(JSON.parse(json));
  } catch {
    throw new ApiError("validation_failed", "The cursor is not valid.", [
      { field: "cursor", code: "invalid_cursor", message: "Use a cursor returned by this API." },
    ]);
  }
}

export const timeIdCursor = z.tuple([z.number().int(), z.string().max(100)]);
