import { describe, expect, it } from "vitest";
import { utf8Bytes } from "../db/queries/imports.js";
import { jsonUtf8Bytes } from "./json-bytes.js";

const stringified = (v: unknown) => utf8Bytes(JSON.stringify(v));

describe("jsonUtf8Bytes: JSON.stringify's UTF-8 bytes, without the string (issue 11/17)", () => {
  it("escapes, control characters, 2-, 3- and 4-byte characters, lone surrogates", () => {
    for (const s of [
      'a"b\\c',
      "\b\t\n\f\r\u0000\u001f\u007f",
      "é’€🍺",
      "\ud83c",
      "x\udf7a",
      "\ud83c\ud83c\udf7a",
      "",
    ])
      expect(jsonUtf8Bytes({ [s]: s, a: [s] })).toBe(stringified({ [s]: s, a: [s] }));
  });

  it("numbers, literals, undefined left out of objects and null in arrays, toJSON, key order", () => {
    const v = {
      2: -0,
      n: [1e21, 1.5e-7, -12.25, Number.NaN, Number.POSITIVE_INFINITY, 0],
      t: true,
      f: false,
      z: null,
      u: undefined,
      fn: () => 1,
      arr: [undefined, () => 1, null, {}],
      d: new Date(Date.UTC(2026, 11, 4)),
      j: { toJSON: (k: string) => ({ key: k }) },
      1: "first",
    };
    expect(jsonUtf8Bytes(v)).toBe(stringified(v));
  });

  it("a property: random values count as JSON.stringify writes them", () => {
    let s = 9;
    const r = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const chars = ["a", '"', "\\", "\n", "\u0001", "é", "’", "🍺", "\ud800", "\udc00", " "];
    const str = () =>
      Array.from({ length: Math.floor(r() * 6) }, () => chars[Math.floor(r() * chars.length)]).join(
        "",
      );
    const value = (d: number): unknown => {
      const t = r();
      if (d > 3 || t < 0.4)
        return [str(), r() * 1e6 - 5e5, null, true, undefined, 7][Math.floor(r() * 6)];
      if (t < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(d + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(r() * 4) }, () => [str(), value(d + 1)]),
      );
    };
    for (let i = 0; i < 2000; i++) {
      const v = { row: value(0) };
      expect(jsonUtf8Bytes(v), JSON.stringify(v)).toBe(stringified(v));
    }
  });
});
