/**
 * The hash an import request is recognised by on a retry (Idempotency-Key): SHA-256 of its JSON
 * with sorted keys, exactly `sha256Hex(stableStringify(body))`, but fed to the hash in pieces of
 * 64 Ki characters as it is written. Issue 11: the whole string of a 16 MiB push, built by
 * nested joins, was +83 MB at the worst accepted push's peak. Written by hand because Web Crypto
 * cannot hash in pieces; node:crypto's incremental hash can (workerd with nodejs_compat, Bun).
 */
import { createHash } from "node:crypto";

const flushAt = 65_536;

export function hashRequest(value: unknown): string {
  const hash = createHash("sha256");
  let buf = "";
  const put = (s: string) => {
    buf += s;
    if (buf.length >= flushAt) {
      hash.update(buf);
      buf = "";
    }
  };
  const walk = (v: unknown): void => {
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
    const keys = Object.keys(v as Record<string, unknown>)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    put("{");
    keys.forEach((k, i) => {
      put(i > 0 ? `,${JSON.stringify(k)}:` : `${JSON.stringify(k)}:`);
      walk((v as Record<string, unknown>)[k]);
    });
    put("}");
  };
  walk(value);
  hash.update(buf);
  return hash.digest("hex");
}
