import { hashApiKeySecret, generateApiKey as newKey } from "@pulsebridge/core/api-key";

/** The key format and generator are @pulsebridge/core's (`pb_<prefix>_<secret>`, SHA-256 stored). */
export { apiKeyFormat, parseApiKey } from "@pulsebridge/core/api-key";

export interface GeneratedKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export async function generateApiKey(): Promise<GeneratedKey> {
  const { key, prefix, secret } = newKey();
  return { key, prefix, secretHash: await hashApiKeySecret(secret) };
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

export const hashSecret = hashApiKeySecret;
