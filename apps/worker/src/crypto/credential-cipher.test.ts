import { describe, expect, it } from "vitest";
import { createCredentialCipher } from "./credential-cipher.js";

const k = (byte: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(byte)));

describe("createCredentialCipher", () => {
  it("round-trips, uses a fresh IV, and rejects a tampered ciphertext or key id", async () => {
    const c = createCredentialCipher("k1", { k1: k(1) });
    const a = await c.seal("secret-token");
    const b = await c.seal("secret-token");
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(await c.open(a)).toBe("secret-token");
    const bytes = Uint8Array.from(atob(a.ciphertext), (ch) => ch.charCodeAt(0));
    bytes[0]! ^= 1;
    await expect(
      c.open({ ...a, ciphertext: btoa(String.fromCharCode(...bytes)) }),
    ).rejects.toThrow();
    const both = createCredentialCipher("k1", { k1: k(1), k2: k(1) });
    await expect(both.open({ ...a, keyId: "k2" })).rejects.toThrow();
  });

  it("rotation: a new key seals, the previous key still opens old rows", async () => {
    const old = await createCredentialCipher("k1", { k1: k(1) }).seal("t");
    const rotated = createCredentialCipher("k2", { k1: k(1), k2: k(2) });
    expect(await rotated.open(old)).toBe("t");
    expect((await rotated.seal("t")).keyId).toBe("k2");
  });
});
