/**
 * `utf8Bytes(JSON.stringify(value))` without building the string (issue 11/17): a push counted
 * every stored row's bytes for the quota by serialising it, ~25 MB of strings for the worst
 * new-client push, which alone grew the isolate's committed heap by ~40 MB. Plain JSON data only
 * (what JSON.stringify accepts), `toJSON` honoured; the answer is JSON.stringify's to the byte.
 */
export function jsonUtf8Bytes(value: unknown, key: string | number = ""): number {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  )
    value = (value as { toJSON: (k: string) => unknown }).toJSON(String(key));
  switch (typeof value) {
    case "string":
      return stringBytes(value);
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "object": {
      if (value === null) return 4;
      if (Array.isArray(value)) {
        let n = 2 + Math.max(0, value.length - 1);
        for (let i = 0; i < value.length; i++) {
          const b = jsonUtf8Bytes(value[i], i);
          n += b < 0 ? 4 : b;
        }
        return n;
      }
      let n = 2;
      let first = true;
      // for…in, not Object.keys: the same own keys in the same order without a key list per
      // object (6–8 MB of garbage for a push's 10,000 stored rows, issue 17).
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        const b = jsonUtf8Bytes((value as Record<string, unknown>)[k], k);
        if (b < 0) continue;
        n += (first ? 0 : 1) + stringBytes(k) + 1 + b;
        first = false;
      }
      return n;
    }
    case "bigint":
      // JSON.stringify throws on a bigint: so does this.
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      // undefined, functions, symbols: left out of objects, `null` in arrays.
      return -1;
  }
}

/** Bytes of a string as JSON.stringify quotes and escapes it, in UTF-8. */
function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 34 || c === 92) n += 2;
      else if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
      else n += 1;
    } else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6; // a lone surrogate: JSON.stringify writes it as \udXXX
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}
