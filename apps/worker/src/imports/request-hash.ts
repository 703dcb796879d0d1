/**
 * The hash an import request is recognised by on a retry (Idempotency-Key): SHA-256 of its JSON
 * with sorted keys, exactly `sha256Hex(stableStringify(body))`, but fed to the hash in pieces of
 * 64 Ki characters as it is written. Issue 11: the whole string of a 16 MiB push, built by
 * nested joins, was +83 MB at the worst accepted push's peak; then its pieces, one concatenation
 * and one quoted copy per key and value, were still ~90 MB of garbage. Now the pieces are the ones
 * `writeStableJson` writes (the body's own strings, quoted keys remembered per object shape),
 * joined once per 64 Ki characters. The hash is fed by hand because Web Crypto cannot hash in
 * pieces; node:crypto's incremental hash can (workerd with nodejs_compat, Bun).
 */
import { createHash } from "node:crypto";
import { writeStableJson } from "../lib/stable-json.js";

const flushAt = 65_536;

export function hashRequest(value: unknown): string {
  const hash = createHash("sha256");
  const parts: string[] = [];
  let size = 0;
  writeStableJson(value, (s) => {
    parts.push(s);
    size += s.length;
    if (size >= flushAt) {
      hash.update(parts.join(""));
      parts.length = 0;
      size = 0;
    }
  });
  hash.update(parts.join(""));
  return hash.digest("hex");
}
