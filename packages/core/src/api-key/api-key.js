// The API key's format and generator, in one place for the worker (key creation, auth, the Bun
// create-office command) and the plain-Node scripts (create-office.mjs, the local stack). Plain
// JavaScript with a declaration file beside it, so `node scripts/…` imports it without a build.
// Web Crypto only: it runs on workerd, Bun, Node ≥ 20 and in browsers.
//
// `pb_<prefix>_<secret>`: the prefix (8 chars, shown in lists and logs) finds the row; the secret
// (32 random bytes as hex) is only ever stored as its SHA-256. A fast hash is right here: the
// secret has 256 bits of entropy, so there is nothing to brute-force.

export const apiKeyPattern = /^pb_([a-z0-9]{8})_([a-f0-9]{64})$/;
/** The format in words, for error messages. */
export const apiKeyFormat = "pb_<8 lowercase letters/digits>_<64 hex>";

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A fresh key, its prefix and its secret. */
export function generateApiKey() {
  // 256 % 36 bias is irrelevant for a lookup handle; the secret carries the security.
  const prefix = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => alphabet[b % alphabet.length])
    .join("");
  const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
  return { key: `pb_${prefix}_${secret}`, prefix, secret };
}

/** The prefix and secret of a well-formed key, else null. */
export function parseApiKey(raw) {
  const m = apiKeyPattern.exec(raw);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

/** What is stored of a key: the SHA-256 of its secret, as hex. */
export async function hashApiKeySecret(secret) {
  return hex(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))),
  );
}
