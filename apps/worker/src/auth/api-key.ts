import { sha256Hex } from "../crypto/credential-cipher.js";

/**
 * `pb_<prefix>_<secret>`: the prefix (8 chars, shown in lists and logs) finds the row; the secret
 * (32 random bytes, base62-free hex) is only ever stored as SHA-256. A fast hash is right here:
 * the secret has 256 bits of entropy, so there is nothing to brute-force.
 */
const keyPattern = /^pb_([a-z0-9]{8})_([a-f0-9]{64})$/;

export interface GeneratedKey {
  key: string;
  prefix: string;
  secretHash: string;
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

export async function generateApiKey(): Promise<GeneratedKey> {
  const p = crypto.getRandomValues(new Uint8Array(8));
  // 256 % 36 bias is irrelevant for a lookup handle; the secret carries the security.
  const prefix = [...p].map((b) => alphabet[b % alphabet.length]).join("");
  const secret = [...crypto.getRandomValues(new Uint8Array(32))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  return { key: `pb_${prefix}_${secret}`, prefix, secretHash: await sha256Hex(secret) };
}

export function parseApiKey(raw: string): { prefix: string; secret: string } | null {
  const m = keyPattern.exec(raw);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** Constant-time compare of two equal-length hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  if (ea.byteLength !== eb.byteLength) return false;
  const subtle = crypto.subtle as SubtleCrypto & {
    timingSafeEqual?: (x: ArrayBufferView, y: ArrayBufferView) => boolean;
  };
  if (subtle.timingSafeEqual) return subtle.timingSafeEqual(ea, eb);
  // Fallback for runtimes without the workerd extension (Bun): XOR-accumulate, no early exit.
  let diff = 0;
  for (let i = 0; i < ea.length; i++) diff |= ea[i]! ^ eb[i]!;
  return diff === 0;
}

export async function hashSecret(secret: string): Promise<string> {
  return sha256Hex(secret);
}
