import { describe, expect, it } from "vitest";
import { CredentialUndecryptableError, createCredentialCipher } from "./credential-cipher.js";

const A = { officeId: "office-a", kind: "token" };
const k = (byte: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(byte)));

describe("createCredentialCipher", () => {
  it("round-trips, uses a fresh IV, and rejects a tampered ciphertext or key id", async () => {
    const c = createCredentialCipher("k1", { k1: k(1) });
    const a = await c.seal("secret-token", A);
    const b = await c.seal("secret-token", A);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(await c.open(a, A)).toBe("secret-token");
    const bytes = Uint8Array.from(atob(a.ciphertext), (ch) => ch.charCodeAt(0));
    bytes[0]! ^= 1;
    await expect(
      c.open({ ...a, ciphertext: btoa(String.fromCharCode(...bytes)) }, A),
    ).rejects.toThrow();
    const both = createCredentialCipher("k1", { k1: k(1), k2: k(1) });
    await expect(both.open({ ...a, keyId: "k2" }, A)).rejects.toThrow();
  });

  it("rotation: a new key seals, the previous key still opens old rows", async () => {
    const old = await createCredentialCipher("k1", { k1: k(1) }).seal("t", A);
    const rotated = createCredentialCipher("k2", { k1: k(1), k2: k(2) });
    expect(await rotated.open(old, A)).toBe("t");
    expect((await rotated.seal("t", A)).keyId).toBe("k2");
  });

  it("binds the office and the connection kind: another office or kind cannot open it (issue 11)", async () => {
    const c = createCredentialCipher("k1", { k1: k(1) });
    const sealed = await c.seal("secret-token", A);
    await expect(c.open(sealed, { ...A, officeId: "office-b" })).rejects.toThrow(
      CredentialUndecryptableError,
    );
    await expect(c.open(sealed, { ...A, kind: "oauth" })).rejects.toThrow(
      CredentialUndecryptableError,
    );
    // Nor does the pre-issue-11 binding (key id only) open it.
    await expect(c.openLegacy(sealed)).rejects.toThrow(CredentialUndecryptableError);
  });
});
