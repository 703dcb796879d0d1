/**
 * A large JSON answer written as the client reads it, a few dozen KB at a time, instead of as one
 * string (issue 11/17: a full review of 10,000 rows answers ~23 MB of JSON; as one string, with the
 * buffers JSON.stringify grows it in and its UTF-8 copy, that was the largest allocation of the
 * request in a 128 MB isolate). The bytes are the same as `JSON.stringify(value)` gives: top-level
 * keys in order, `undefined` members left out.
 *
 * Two things keep the isolate's committed heap down while it streams (session 9, bench:heap): each
 * piece stays under V8's large-object size (~128 KB), so a written piece is young garbage a
 * scavenge frees, not a large-object page that waits for a full collection (pieces of 200 review
 * entries were ~460 KB each: 23 MB of them piled up); and each list entry is let go once written,
 * so the answer's live part shrinks as it goes. `jsonStream` therefore empties the lists it is given.
 */
const encoder = new TextEncoder();

/** Characters of list entries gathered per piece: well under V8's large-object threshold. */
const pieceChars = 32_000;

async function* pieces(value: Record<string, unknown>): AsyncGenerator<string> {
  let first = true;
  yield "{";
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(member)) yield* listPieces(taken(member));
    else if (isAsyncIterable(member)) yield* listPieces(member);
    else yield JSON.stringify(member);
  }
  yield "}";
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === "object" && v !== null && Symbol.asyncIterator in v;

/** A list's entries, each slot emptied as its entry is handed on (written: let it go). */
function* taken(list: unknown[]): Generator<unknown> {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    list[i] = undefined;
    yield entry;
  }
}

/** A JSON list of `entries` in pieces of about `pieceChars`. */
async function* listPieces(entries: Iterable<unknown> | AsyncIterable<unknown>) {
  yield "[";
  let part: string[] = [];
  let chars = 0;
  let first = true;
  for await (const e of entries) {
    const entry = JSON.stringify(e) ?? "null";
    part.push(first ? entry : `,${entry}`);
    first = false;
    chars += entry.length;
    if (chars >= pieceChars) {
      yield part.join("");
      part = [];
      chars = 0;
    }
  }
  if (part.length > 0) yield part.join("");
  yield "]";
}

/**
 * The stream of `value`'s JSON, for `c.body(stream, status, { "content-type": "application/json" })`.
 * Takes `value`: its top-level lists are emptied (entries set to undefined) as they are written.
 * A top-level member may also be an async iterable (entries read from the database as the answer
 * is written): it is written as a list. If it fails, the stream errors (the answer is cut short).
 */
export function jsonStream(value: Record<string, unknown>): ReadableStream<Uint8Array> {
  const it = pieces(value);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
