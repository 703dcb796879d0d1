/**
 * AES-256-GCM for the stored AdminPulse credential: a random 96-bit IV per write, the key id stored
 * beside the ciphertext so the key can rotate (older ids stay decryptable while listed).
 */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  keyId: string;
}

/** What a credential is bound to: it decrypts only for this office and this kind of connection. */
export interface CredentialContext {
  officeId: string;
  kind: string;
}

export interface CredentialCipher {
  seal(plaintext: string, context: CredentialContext): Promise<SealedSecret>;
  open(sealed: SealedSecret, context: CredentialContext): Promise<string>;
  /** Rows written before issue 11 were bound to the key id only: read them once to re-encrypt. */
  openLegacy(sealed: SealedSecret): Promise<string>;
}

/**
 * AES-GCM additional data: the key id, the office and the connection kind (issue 11: with the key
 * id alone, a row copied to another office decrypted and synced there). Versioned, so it can change.
 */
const additionalData = (keyId: string, c: CredentialContext | null) =>
  new TextEncoder().encode(
    c ? JSON.stringify(["pb-credential-v2", keyId, c.officeId, c.kind]) : keyId,
  );

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
  const open = async (sealed: SealedSecret, context: CredentialContext | null) => {
    if (!keys[sealed.keyId]) throw new CredentialUndecryptableError(sealed.keyId);
    const key = await keyFor(sealed.keyId);
    try {
      const pt = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: unb64(sealed.iv),
          additionalData: additionalData(sealed.keyId, context),
        },
        key,
        unb64(sealed.ciphertext),
      );
      return new TextDecoder().decode(pt);
    } catch {
      throw new CredentialUndecryptableError(sealed.keyId);
    }
  };
  return {
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: additionalData(currentKeyId, context) },
        await keyFor(currentKeyId),
        new TextEncoder().encode(plaintext),
      );
      return { ciphertext: b64(ct), iv: b64(iv), keyId: currentKeyId };
    },
    open: (sealed, context) => open(sealed, context),
    openLegacy: (sealed) => open(sealed, null),
  };
}

export async function sha256Hex(input: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
