import { type Client, storedColumns } from "@pulsebridge/core";
import { sha256Hex } from "../crypto/credential-cipher.js";

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
  writeStable(value, out);
  return out.join("");
}

/** Characters JSON.stringify escapes (and surrogates, which it may): such strings go through it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

function writeStable(value: unknown, out: string[]): void {
  if (typeof value === "string") {
    if (needsEscape.test(value)) out.push(JSON.stringify(value));
    else out.push('"', value, '"');
  } else if (value === null || typeof value !== "object") {
    out.push(JSON.stringify(value) ?? "null");
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      writeStable(value[i], out);
    }
    out.push("]");
  } else {
    const obj = value as Record<string, unknown>;
    const { keys, quoted } = sortedKeys(Object.keys(obj));
    let first = true;
    out.push("{");
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i] as string];
      if (v === undefined) continue;
      out.push(first ? "" : ",", quoted[i] as string);
      first = false;
      writeStable(v, out);
    }
    out.push("}");
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

/**
 * The version of a cached client. Source problems count only when there are some, so clients
 * without problems keep the hash they had before problems were recorded (no feed-wide rewrite).
 */
export function contentHash(
  client: Client,
  taskTemplates: string[],
  sourceProblems: readonly { code: string; field: string; seen: string }[] = [],
): Promise<string> {
  return sha256Hex(
    stableStringify({
      client: withStoredKeys(client),
      taskTemplates: [...taskTemplates].sort(),
      ...(sourceProblems.length > 0 ? { sourceProblems } : {}),
    }),
  );
}

/** Lower-case, accent-free text that `q` searches with instr(). */
export function foldSearch(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export function searchTextOf(client: Client): string {
  return foldSearch(
    [client.name, client.sourceIds.code, client.sourceIds.uniqueIdentifier, client.enterpriseNumber]
      .filter(Boolean)
      .join(" "),
  );
}

const rootFields = storedColumns.map((c) => c.path).filter((p) => !p.includes("."));

/**
 * A client with every stored field present (null when the source had none), so a client read back
 * from the cache (`toClient`, every column) hashes like the same client fresh from the mapping,
 * which may leave out fields AdminPulse does not carry (IBAN, BIC). Without this the finalize
 * steps (templates, link names) and the next page would rewrite each other's versions every run.
 */
function withStoredKeys(client: Client): Client {
  const full: Record<string, unknown> = { ...client };
  for (const f of rootFields) if (full[f] === undefined) full[f] = null;
  return full as Client;
}
