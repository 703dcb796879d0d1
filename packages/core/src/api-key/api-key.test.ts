import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyPattern, generateApiKey, hashApiKeySecret, parseApiKey } from "./api-key.js";

describe("API keys", () => {
  it("generates keys in the format it parses, each different", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const g = generateApiKey();
      expect(g.key).toMatch(apiKeyPattern);
      expect(parseApiKey(g.key)).toEqual({ prefix: g.prefix, secret: g.secret });
      seen.add(g.key);
    }
    expect(seen.size).toBe(200);
  });

  it("refuses anything else", () => {
    const { key } = generateApiKey();
    for (const bad of [
      "",
      "pb_nope",
      key.toUpperCase(),
      ` ${key}`,
      `${key}0`,
      key.replace("pb_", "pk_"),
      `pb_aaaaaaa_${"0".repeat(64)}`,
      `pb_aaaaaaaa_${"g".repeat(64)}`,
    ])
      expect(parseApiKey(bad)).toBeNull();
  });

  it("stores the SHA-256 of the secret, as hex", async () => {
    const { secret } = generateApiKey();
    expect(await hashApiKeySecret(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
  });
});
