import { describe, expect, it } from "vitest";
import { sha256Hex } from "../crypto/credential-cipher.js";
import { stableStringify } from "../sync/content-hash.js";
import { hashRequest } from "./request-hash.js";

describe("hashRequest", () => {
  // Pushes stored before it recognise their retries only if the digest is the same as before.
  it("is sha256Hex(stableStringify(body)), also across its 64 Ki-character pieces", async () => {
    const long = "é🍺x".repeat(40_000);
    const bodies: unknown[] = [
      { source: "excel", createdBy: "An", rows: [{ ref: "1", name: "Alpha" }] },
      { b: [1, null, undefined, { z: 1, a: undefined, m: "\u2019" }], a: true, é: 0.1 },
      {
        rows: Array.from({ length: 3_000 }, (_, i) => ({
          ref: `r${i}`,
          name: long.slice(i, i + 90),
        })),
      },
      { name: long, more: [long, "\ud800"] },
      [],
      "plain",
      // Everything JSON.stringify escapes, in values and in keys, nested.
      {
        'q"k': { "back\\slash": 'say "hi"\\', ctl: "a\u0000b\u001fc\n\t", del: "\u007f" },
        "\u2028line": ["\u2029", "\ud83c\udf7a", "\udc00 lone", { Z: 1, a: [2, { "": "" }] }],
        nums: [0, -0, 1e21, 1.5e-7, -12.25, Number.NaN, Number.POSITIVE_INFINITY],
        bools: [true, false, null],
        ünïcödé: { été: "Boulangerie L\u2019Épi", 日本: "東京", emoji: "👩‍👩‍👧" },
        Aa: 1,
        aA: 2,
        _: 3,
      },
      { rows: [{ ref: "1", links: [{ role: "zaakvoerder", name: "x".repeat(70_000) }] }] },
    ];
    for (const body of bodies)
      expect(hashRequest(body)).toBe(await sha256Hex(stableStringify(body)));
  });

  it("does not depend on key order", () => {
    expect(hashRequest({ a: 1, b: { c: 2, d: 3 } })).toBe(hashRequest({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
