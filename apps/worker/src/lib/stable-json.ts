/**
 * JSON with sorted keys, so equal records hash equally whatever order the mapper built them in.
 * Written by hand into one list of pieces joined once: a sync hashes every relation of every page,
 * and the entry arrays, sorted copies and partial joins of an `Object.entries(…).sort().map()
 * .join()` version were a third of a sync step's allocations (issue 17's heap profile). The sorted,
 * quoted keys of each object shape are remembered (`sortedKeys`), and a string with nothing to
 * escape is written between quotes as it is. Same bytes as that version: keys in UTF-16 code-unit
 * order (the default sort, which is what `<` compares), undefined members left out, undefined
 * array items as null.
 */
export function stableStringify(value: unknown): string {
  const out: string[] = [];
  writeStableJson(value, (s) => out.push(s));
  return out.join("");
}

/** Characters JSON.stringify escapes (and surrogates, which it may): such strings go through it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Writes `value` as stableStringify's JSON, piece by piece, to `put`: the request hash feeds the
 * pieces to SHA-256 as they come (imports/request-hash.ts), the content hash joins them.
 */
export function writeStableJson(value: unknown, put: (piece: string) => void): void {
  if (typeof value === "string") {
    if (needsEscape.test(value)) put(JSON.stringify(value));
    else {
      put('"');
      put(value);
      put('"');
    }
  } else if (value === null || typeof value !== "object") {
    put(JSON.stringify(value) ?? "null");
  } else if (Array.isArray(value)) {
    put("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) put(",");
      writeStableJson(value[i], put);
    }
    put("]");
  } else {
    const obj = value as Record<string, unknown>;
    const { keys, quoted } = sortedKeys(Object.keys(obj));
    let first = true;
    put("{");
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i] as string];
      if (v === undefined) continue;
      if (!first) put(",");
      put(quoted[i] as string);
      first = false;
      writeStableJson(v, put);
    }
    put("}");
  }
}

interface KeyOrder {
  own: string[];
  keys: string[];
  /** `"key":` of each sorted key. */
  quoted: string[];
}

/** Key orders seen, by key count: a client has a handful of object shapes, hashed thousands of times. */
const keyOrders = new Map<number, KeyOrder[]>();
const maxKeyOrders = 256;
let keyOrderCount = 0;

function sortedKeys(own: string[]): KeyOrder {
  const known = keyOrders.get(own.length);
  if (known) for (const order of known) if (order.own.every((k, i) => k === own[i])) return order;
  const keys = [...own].sort();
  const order = { own, keys, quoted: keys.map((k) => `${JSON.stringify(k)}:`) };
  // Bounded: arbitrary objects (an import's body) must not grow it without end.
  if (keyOrderCount < maxKeyOrders) {
    keyOrderCount++;
    if (known) known.push(order);
    else keyOrders.set(own.length, [order]);
  }
  return order;
}
