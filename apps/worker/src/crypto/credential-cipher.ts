/**
 * AES-256-GCM for the stored AdminPulse credential: a random 96-bit IV per write, the key id stored
 * beside the ciphertext so the key can rotate (older ids stay decryptable while listed).
 */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  keyId: string;
}

export interface CredentialCipher {
  seal(plaintext: string): Promise<SealedSecret>;
  open(sealed: SealedSecret): Promise<string>;
}

const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes instanceof Uint8Array ? bytes : bytes)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

/**
 * The stored credential cannot be opened: its key id is not configured, or the ciphertext, IV or
 * additional data do not authenticate (tampered, copied from elsewhere, wrong key). Never says which.
 */
export class CredentialUndecryptableError extends Error {
  constructor(keyId: string) {
    super(`the stored credential cannot be decrypted (key id ${keyId.slice(0, 20)})`);
    this.name = "CredentialUndecryptableError";
  }
}

export function createCredentialCipher(
  currentKeyId: string,
  keys: Record<string, string>,
): CredentialCipher {
  const imported = new Map<string, Promise<CryptoKey>>();
  const keyFor = (id: string) => {
    const raw = keys[id];
    if (!raw) throw new Error(`unknown encryption key id ${id}`);
    let k = imported.get(id);
    if (!k) {
      k = crypto.subtle.importKey("raw", unb64(raw), "AES-GCM", false, ["encrypt", "decrypt"]);
      imported.set(id, k);
    }
    return k;
  };
  return {
    async seal(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(currentKeyId) },
        await keyFor(currentKeyId),
        new TextEncoder().encode(plaintext),
      );
      return { ciphertext: b64(ct), iv: b64(iv), keyId: currentKeyId };
    },
    async open(sealed) {
      if (!keys[sealed.keyId]) throw new CredentialUndecryptableError(sealed.keyId);
      const key = await keyFor(sealed.keyId);
      try {
        const pt = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: unb64(sealed.iv),
            additionalData: new TextEncoder().encode(sealed.keyId),
          },
          key,
          unb64(sealed.ciphertext),
        );
        return new TextDecoder().decode(pt);
      } catch {
        throw new CredentialUndecryptableError(sealed.keyId);
      }
    },
  };
}

export async function sha256Hex(input: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
