import { hashApiKeySecret } from "@pulsebridge/core/api-key";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../crypto/credential-cipher.js";
import { sha256HexSync } from "./sha256.js";

describe("sha256HexSync", () => {
  it("is the same digest as WebCrypto's (stored key hashes, content hashes)", async () => {
    for (const s of ["", "a", "é ß \u2028 \\", "x".repeat(10_000), "0123456789abcdef".repeat(4)]) {
      expect(sha256HexSync(s)).toBe(await sha256Hex(s));
      expect(sha256HexSync(s)).toBe(await hashApiKeySecret(s));
    }
    expect(sha256HexSync("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
