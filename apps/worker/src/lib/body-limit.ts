import type { MiddlewareHandler } from "hono";
import { bodyTooLarge } from "./errors.js";

/** Requests whose body passed its limit while the route read it (see `exceededBodyLimit`). */
const overLimit = new WeakSet<Request>();

/**
 * Whether the body of `req` passed its limit as it was read. Hono's JSON validator turns any failed
 * read into a 400 "malformed JSON"; the app's error handler asks this to answer 413 instead.
 */
export function exceededBodyLimit(req: Request): boolean {
  return overLimit.has(req);
}

/**
 * A body limit that never buffers. With a Content-Length (and no Transfer-Encoding) the length is
 * checked before anything is read, as Hono's bodyLimit does. Without one (a chunked body), Hono's
 * bodyLimit reads the whole body into memory before the route runs, before its role check and
 * the one-push gate: 120 parallel 15 MiB bodies from a read-only key took a Bun server to 3.5 GB
 * (session 15's attack). Here the stream is only counted as the route reads it, and fails at the
 * limit; a route that refuses the request first never reads it at all.
 */
export function streamingBodyLimit(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    if (raw.headers.has("content-length") && !raw.headers.has("transfer-encoding")) {
      if (Number.parseInt(raw.headers.get("content-length") ?? "0", 10) > maxSize)
        throw bodyTooLarge();
      return next();
    }
    let size = 0;
    let counted: Request;
    const body = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxSize) {
            overLimit.add(counted);
            controller.error(bodyTooLarge());
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    // `duplex: "half"`: Node and Bun need it for a streamed request body; workerd ignores it.
    counted = new Request(raw, { body, duplex: "half" } as RequestInit);
    c.req.raw = counted;
    return next();
  };
}
