import { describe, expect, it } from "vitest";
import { makeClient } from "../../test/fixtures.js";
import { contentHash, stableStringify } from "./content-hash.js";

/** JSON of a copy with every object's keys inserted in sorted order: what stableStringify means. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort())
    out[k] = sortedCopy((value as Record<string, unknown>)[k]);
  return out;
}

describe("contentHash / stableStringify", () => {
  it("keeps the hashes stored before it was rewritten (issue 17): no client is rewritten by a deploy", async () => {
    // Computed by the previous stableStringify (Object.entries → sort → map → join).
    expect(await contentHash(makeClient(1), [])).toBe(
      "1bb54c1d99a5a83c2d6502d957924f6247aa69b87bc29861302637b5846fd57d",
    );
    const rich = makeClient(7, {
      name: 'Brasserie "Ça Va" ☕ — Ölçü 𝄞',
      email: undefined as never,
      links: [{ relationType: "director", target: { adminpulseId: "ap-9", name: "Zoë" } } as never],
    });
    expect(
      await contentHash(
        rich,
        ["Zeta", "alpha", "Beta", "Zeta"],
        [{ code: "c", field: "f", seen: "string" }],
      ),
    ).toBe("d31ed093820001f868e68dcb7b15309ee7a810c0d3f3644aff83176dbc25c756");
  });

  it("writes JSON with sorted keys, undefined members left out, undefined items as null", () => {
    expect(
      stableStringify({
        b: [1, null, undefined, { ä: 1, a: 'x\n"\\', "10": true, "2": false }],
        a: undefined,
        "": 0,
        Z: -0.5e-7,
        s: "\u0001 \ud800 é 𝄞",
      }),
    ).toBe(
      '{"":0,"Z":-5e-8,"b":[1,null,null,{"10":true,"2":false,"a":"x\\n\\"\\\\","ä":1}],"s":"\\u0001 \\ud800 é 𝄞"}',
    );
  });

  it("tells apart objects with as many keys in another order or with other names (the key-order memo)", () => {
    const shapes = [
      { a: 1, b: 2, c: 3 },
      { c: 3, b: 2, a: 1 },
      { b: 2, a: 1, d: 4 },
      { x: { z: 1, y: [{ q: 1, p: 2 }] }, w: null, v: "v" },
    ];
    for (let round = 0; round < 3; round++)
      for (const s of shapes) expect(stableStringify(s)).toBe(JSON.stringify(sortedCopy(s)));
    // More shapes than the memo keeps: still right.
    for (let i = 0; i < 400; i++) {
      const o = { [`k${i}`]: i, [`j${400 - i}`]: [i, { [`m${i}`]: true, a: i }] };
      expect(stableStringify(o)).toBe(JSON.stringify(sortedCopy(o)));
    }
  });
});
