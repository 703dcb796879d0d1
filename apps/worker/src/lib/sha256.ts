import { createHash } from "node:crypto";

/**
 * SHA-256 of a string as hex, synchronously, for the per-request hashes of the read path (the
 * presented API key, a list page's ETag). WebCrypto's `digest` is async: on Bun it hops to a
 * worker thread and back, ~25 µs of a read the bare floor answers in about 60 (issue 17);
 * node:crypto's hash is native and synchronous on Bun and in workerd (`nodejs_compat`), ~1 µs.
 * Same digest as `sha256Hex` and core's `hashApiKeySecret` (sha256.test.ts).
 */
export function sha256HexSync(input: string): string {
  return bunSha256Hex ? bunSha256Hex(input) : createHash("sha256").update(input).digest("hex");
}

/**
 * Bun's one-call SHA-256 where it exists: 0.2 µs a key against node:crypto's 1.0 (its Hash object
 * and stream wrapper), same digest (on Bun every key check of the contract tests depends on it).
 */
const bunSha256Hex: ((input: string) => string) | undefined = (() => {
  const bun = (globalThis as { Bun?: { SHA256?: { hash(i: string, e: "hex"): string } } }).Bun;
  const sha = bun?.SHA256;
  return sha ? (input: string) => sha.hash(input, "hex") : undefined;
})();
