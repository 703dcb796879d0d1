/**
 * The hash an import request is recognised by on a retry (Idempotency-Key): SHA-256 of its JSON
 * with sorted keys, exactly `sha256Hex(stableStringify(body))`, but fed to the hash in pieces of
 * 64 Ki characters as it is written. Issue 11: the whole string of a 16 MiB push, built by
 * nested joins, was +83 MB at the worst accepted push's peak; then its pieces, one concatenation
 * and one quoted copy per key and value, were still ~90 MB of garbage (each body's key list was
 * also copied to be filtered). Now the pieces are the body's own strings (a value is quoted by
 * JSON.stringify only when it has something to escape), joined once per 64 Ki characters, and a
 * key list is sorted where it is made. Written by hand because Web Crypto cannot hash in pieces;
 * node:crypto's incremental hash can (workerd with nodejs_compat, Bun).
 */
import { createHash } from "node:crypto";

const flushAt = 65_536;
/** What JSON.stringify escapes in a string: quote, backslash, control characters, surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Keys as written (`"key":`): a body repeats the same few keys 10,000 times. */
const keyText = new Map<string, string>();

export function hashRequest(value: unknown): string {
  const hash = createHash("sha256");
  const parts: string[] = [];
  let size = 0;
  const put = (s: string) => {
    parts.push(s);
    size += s.length;
    if (size >= flushAt) {
      hash.update(parts.join(""));
      parts.length = 0;
      size = 0;
    }
  };
  const key = (k: string) => {
    let text = keyText.get(k);
    if (text === undefined) {
      text = `${JSON.stringify(k)}:`;
      if (keyText.size < 1000) keyText.set(k, text);
    }
    return text;
  };
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      if (needsEscape.test(v)) put(JSON.stringify(v));
      else {
        put('"');
        put(v);
        put('"');
      }
      return;
    }
    if (v === null || typeof v !== "object") {
      put(JSON.stringify(v) ?? "null");
      return;
    }
    if (Array.isArray(v)) {
      put("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) put(",");
        walk(v[i]);
      }
      put("]");
      return;
    }
    const o = v as Record<string, unknown>;
    // The default sort compares UTF-16 code units, as `<` does: the order stableStringify uses.
    const keys = Object.keys(o).sort();
    put("{");
    let first = true;
    for (const k of keys) {
      if (o[k] === undefined) continue;
      if (!first) put(",");
      first = false;
      put(key(k));
      walk(o[k]);
    }
    put("}");
  };
  walk(value);
  hash.update(parts.join(""));
  return hash.digest("hex");
}
