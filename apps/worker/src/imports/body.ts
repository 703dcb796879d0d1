/**
 * The body of a push, a staged part or a review, read before the route's zod validation (issue
 * 11): parsed as it streams in, row by row (json-rows.ts), so its text is never held whole; its
 * links are counted on the parsed JSON, before zod copies them, and a body over
 * `maxLinksPerRequest` is refused with a 413 naming the row where the count passes the cap.
 */
import { maxLinksPerRequest } from "@pulsebridge/core";
import type { HonoRequest } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import { ApiError, bodyTooLarge } from "../lib/errors.js";
import { JsonRowsScanner, MalformedJson } from "./json-rows.js";
import { collectBetweenPhases } from "./phase-gc.js";

/** Hono's own test for a JSON body (its validator reads only these; others get a 415 there). */
const jsonType = /^application\/([\w.-]+\+)?json$/i;

/**
 * The row whose links take the request past `max`, or null. Reads the JSON as parsed, before any
 * validation: what is not a list of rows with link lists is left to zod to refuse.
 */
export function rowPastLinkCap(
  body: unknown,
  max = maxLinksPerRequest,
): { row: number; ref: unknown; total: number } | null {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return null;
  let total = 0;
  let past: { row: number; ref: unknown } | null = null;
  for (let i = 0; i < rows.length; i++) {
    const links = (rows[i] as { links?: unknown } | null)?.links;
    if (!Array.isArray(links)) continue;
    total += links.length;
    if (total > max && past === null) past = { row: i, ref: (rows[i] as { ref?: unknown }).ref };
  }
  return past ? { ...past, total } : null;
}

/**
 * The body with its `rows` array behind a proxy that hands each row out once: the first read of
 * `rows[i]` returns it and drops the array's hold on it. zod's array parse reads each element once
 * and builds its copy of the row at once, so the raw rows go as they are validated, row by row,
 * instead of all living beside zod's copy until the whole body is validated (issue 11/17). Errors,
 * paths and the schema are zod's own, unchanged. Only the validator may read the rows after this.
 */
export function rowsReadOnce<T>(body: T): T {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return body;
  (body as { rows: unknown }).rows = new Proxy(rows, {
    get(target, key, receiver) {
      if (typeof key !== "string" || !isIndex(key)) return Reflect.get(target, key, receiver);
      const row: unknown = target[Number(key)];
      target[Number(key)] = undefined;
      return row;
    },
  });
  return body;
}

const isIndex = (key: string) => /^(0|[1-9]\d{0,8})$/.test(key);

/** The arrays of a body cut out element by element as it streams (json-rows.ts). */
const streamedKeys: ReadonlySet<string> = new Set(["rows", "known"]);

/**
 * The body read once from its stream, counted against `maxBytes` as it comes (the same 413 as the
 * app's limit) and parsed with its rows' elements one by one: the whole text is never held.
 */
export async function readStreamedJson(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<unknown> {
  const scanner = new JsonRowsScanner(streamedKeys);
  const decoder = new TextDecoder();
  let size = 0;
  try {
    if (stream) {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => {});
          throw bodyTooLarge();
        }
        scanner.push(decoder.decode(value, { stream: true }));
      }
    }
    scanner.push(decoder.decode());
    return scanner.end();
  } catch (err) {
    if (err instanceof MalformedJson) throw malformed();
    throw err;
  }
}

/**
 * The body as one text, then `JSON.parse` (workerd: see Runtime.streamBodies). Hono's cache would
 * keep the text and the parsed body for the whole request: both dropped once read (issue 11/17).
 */
async function wholeJson(req: HonoRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw malformed();
  } finally {
    delete req.bodyCache.text;
    delete req.bodyCache.json;
  }
}

const malformed = () => new ApiError("malformed_body", "Malformed JSON in request body");

export const importBody = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
  if (!jsonType.test(mediaType)) return next();
  let body: unknown = c.var.services.streamBodies
    ? await readStreamedJson(c.req.raw.body, c.var.services.config.MAX_IMPORT_BODY_BYTES)
    : await wholeJson(c.req);
  const rows = (body as { rows?: unknown } | null)?.rows;
  collectBetweenPhases(c.var.services, Array.isArray(rows) ? rows.length : 0);
  const past = rowPastLinkCap(body);
  if (past) {
    const ref = typeof past.ref === "string" ? past.ref : undefined;
    throw new ApiError(
      "payload_too_large",
      `One request carries at most ${maxLinksPerRequest} links in all its rows; this one has ` +
        `${past.total}. Send the rows in parts (a staged push).`,
      [
        {
          field: `rows.${past.row}.links`,
          ...(ref !== undefined ? { ref: ref.slice(0, 200) } : {}),
          code: "too_many_links",
          message: `Row ${past.row}${ref !== undefined ? ` (ref "${ref.slice(0, 50)}")` : ""} takes the request past ${maxLinksPerRequest} links.`,
        },
      ],
    );
  }
  // Hand the parsed body to the route's validator (Hono has no text left to parse again). Its
  // rows go to zod one by one, each raw row let go once zod has read it (rowsReadOnce).
  body = rowsReadOnce(body);
  let handOver: unknown = body;
  let parsed: unknown = body;
  body = undefined;
  c.req.json = <T>() => {
    const value = handOver;
    handOver = undefined;
    return Promise.resolve(value as T);
  };
  // Once validated, the input's rows go: the handler works on zod's copy, and the validator's
  // frame would keep the parsed input alive beside it for the whole request (issue 11/17).
  const addValidatedData = c.req.addValidatedData.bind(c.req);
  c.req.addValidatedData = (target, data) => {
    addValidatedData(target, data);
    const rows = (parsed as { rows?: unknown } | null)?.rows;
    if (target === "json" && Array.isArray(rows) && rows !== (data as { rows?: unknown }).rows)
      rows.length = 0;
    parsed = undefined;
  };
  await next();
});
