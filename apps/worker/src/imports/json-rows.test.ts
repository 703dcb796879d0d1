import { describe, expect, it } from "vitest";
import { ApiError } from "../lib/errors.js";
import { readStreamedJson } from "./body.js";
import { JsonRowsScanner, MalformedJson } from "./json-rows.js";

const keys = new Set(["rows", "known"]);
const enc = new TextEncoder();

/** The text fed as UTF-8 bytes in chunks of `size` (a character may be split), as a stream is. */
function scan(text: string, size: number, onElement?: (k: string, v: unknown) => unknown) {
  const bytes = enc.encode(text);
  const scanner = new JsonRowsScanner(keys, onElement);
  const decoder = new TextDecoder();
  for (let i = 0; i < bytes.length; i += size)
    scanner.push(decoder.decode(bytes.subarray(i, i + size), { stream: true }));
  scanner.push(decoder.decode());
  return scanner.end();
}

/** What the scanner answers, as comparable text: the value (key order included) or "malformed". */
function outcome(f: () => unknown): string {
  try {
    return JSON.stringify(f());
  } catch (err) {
    if (err instanceof MalformedJson || err instanceof SyntaxError) return "malformed";
    throw err;
  }
}

/** Every chunk size from 1 to the text's length in bytes gives JSON.parse's answer. */
function expectAsJsonParse(text: string) {
  const want = outcome(() => JSON.parse(text));
  const n = enc.encode(text).length;
  for (let size = 1; size <= Math.max(1, n); size++)
    expect(
      outcome(() => scan(text, size)),
      `${text} in chunks of ${size}`,
    ).toBe(want);
  return want;
}

describe("JsonRowsScanner: the same value as JSON.parse, row by row (issue 11/17)", () => {
  it("cuts each element of rows out alone, whatever the chunk size", () => {
    const text = '{"source":"excel","rows":[{"ref":"a","name":"A"},{"ref":"b"}],"x":1}';
    const seen: unknown[] = [];
    const value = scan(text, 3, (k, v) => {
      seen.push([k, v]);
      return v;
    });
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)));
    expect(seen).toEqual([
      ["rows", { ref: "a", name: "A" }],
      ["rows", { ref: "b" }],
    ]);
    expectAsJsonParse(text);
  });

  it("parses long arrays in batches, each element in order once", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      ref: `r${i}`,
      name: "🍺,]}".repeat(20),
    }));
    const text = JSON.stringify({ a: 1, rows, known: rows.slice(0, 5), rows2: rows.slice(0, 2) });
    for (const size of [1000, 4093, 65536]) {
      const seen: number[] = [];
      const value = scan(text, size, (_k, v) => {
        seen.push(Number((v as { ref: string }).ref.slice(1)));
        return v;
      });
      expect(JSON.stringify(value)).toBe(text);
      expect(seen).toEqual([...rows.keys(), 0, 1, 2, 3, 4]);
    }
  });

  it("keeps what onElement returns in place of each element", () => {
    expect(scan('{"rows":[1,2,3]}', 2, (_k, v) => (v as number) * 10)).toEqual({
      rows: [10, 20, 30],
    });
  });

  it("strings with escaped quotes, backslashes and brackets, \\u escapes, 4-byte characters", () => {
    for (const text of [
      '{"rows":[{"name":"a\\"],[}{\\\\"},"\\"","[",{"a":"]"}]}',
      '{"rows":["\\u005d\\u002c","\\ud83c\\udf7a", "🍺🍺 é ’", {"🍺":"\\\\\\""}]}',
      '{"r\\u006fws":[1,{"b":[2,{"c":"}"}]}],"known":[{"ref":"\\\\"}]}',
      '{"\\"rows":[1],"rows\\\\":[2]}',
    ])
      expect(expectAsJsonParse(text)).not.toBe("malformed");
  });

  it("whitespace everywhere", () => {
    const text =
      ' \n{ \t"rows" \r\n:\n [ \n{ "a" : [ 1 , 2 ] } \t, "x" , 3 ,\ttrue, null\n] , "b" : { } }\n ';
    expect(expectAsJsonParse(text)).not.toBe("malformed");
  });

  it("keys in any order, rows absent or not an array, a duplicated key: the last wins", () => {
    for (const text of [
      '{"a":1,"rows":[1,2],"b":[3]}',
      '{"rows":[1],"a":{"rows":[9]}}',
      '{"a":1}',
      '{"rows":"none"}',
      '{"rows":{"0":1}}',
      '{"rows":null,"known":7}',
      '{"rows":[1,2],"x":0,"rows":[3]}',
      '{"rows":[1,2],"rows":5}',
      '{"rows":5,"rows":[4]}',
      '{"rows":[],"known":[{"ref":"k"}],"known":[]}',
      '[{"rows":[1]}]',
      '"rows"',
      "42",
      '{"__proto__":{"x":1},"rows":[{"__proto__":2}]}',
    ])
      expect(expectAsJsonParse(text)).not.toBe("malformed");
  });

  it("refuses what JSON.parse refuses: truncated, stray commas and brackets, junk after", () => {
    for (const text of [
      "",
      " ",
      '{"rows":[1,2',
      '{"rows":[1,2]',
      '{"rows":[{"a":"b',
      '{"rows":[,1]}',
      '{"rows":[1,]}',
      '{"rows":[1,,2]}',
      '{"rows":[1 2]}',
      '{"rows":[}]}',
      '{"rows":[{]}',
      '{"rows":[1}]',
      '{"rows":[1]]}',
      '{"rows" [1]}',
      '{"rows"::[1]}',
      '{"a":1 "rows":[1]}',
      '{"rows":[1]}x',
      '{"rows":[1]}{}',
      '{"rows":[01]}',
      '{"rows":["\\x"]}',
      '{"rows":["a\nb"]}',
      '{"r\\u00":[1]}',
      ']]{"rows":[1]}',
    ])
      expect(expectAsJsonParse(text)).toBe("malformed");
  });

  it("deep nesting inside and outside the rows", () => {
    const deep = `${"[".repeat(5000)}1${"]".repeat(5000)}`;
    expect(expectAsJsonParse(`{"rows":[${deep}],"b":${deep}}`.slice(0, 40))).toBe("malformed");
    expect(outcome(() => scan(`{"rows":[${deep}],"b":${deep}}`, 4096))).toBe(
      JSON.stringify({ rows: [JSON.parse(deep)], b: JSON.parse(deep) }),
    );
  });

  it("a differential property: random bodies and their mutations answer as JSON.parse", () => {
    const random = lcg(11);
    for (let n = 0; n < 1000; n++) {
      const text = randomBody(random);
      const mutated = mutate(text, random);
      for (const t of [text, mutated]) {
        const want = outcome(() => JSON.parse(t));
        const bytes = enc.encode(t).length;
        for (const size of [1, 2, 3, 5, 7, 64, 1 + Math.floor(random() * bytes)])
          expect(
            outcome(() => scan(t, size)),
            `${t} in chunks of ${size}`,
          ).toBe(want);
      }
    }
  });
});

describe("readStreamedJson: the request's stream read once and counted", () => {
  const stream = (parts: Uint8Array[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    });

  it("parses a body sent in many chunks, a 4-byte character split across two", async () => {
    const bytes = enc.encode('{"rows":[{"name":"🍺"}]}');
    const cut = bytes.indexOf(0xf0) + 2;
    await expect(
      readStreamedJson(stream([bytes.subarray(0, cut), bytes.subarray(cut)]), 1000),
    ).resolves.toEqual({ rows: [{ name: "🍺" }] });
  });

  it("cuts a body at the limit with the 413, and a malformed one with the 400", async () => {
    const body = enc.encode(`{"rows":[${'"aaaa",'.repeat(100)}"b"]}`);
    await expect(readStreamedJson(stream([body]), body.length)).resolves.toBeTruthy();
    const over = readStreamedJson(
      stream([body.subarray(0, 300), body.subarray(300)]),
      body.length - 1,
    );
    await expect(over).rejects.toBeInstanceOf(ApiError);
    await expect(over).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(
      readStreamedJson(stream([enc.encode('{"rows":[1,]}')]), 100),
    ).rejects.toMatchObject({ code: "malformed_body", detail: "Malformed JSON in request body" });
    await expect(readStreamedJson(null, 100)).rejects.toMatchObject({ code: "malformed_body" });
  });
});

/** A small seeded generator: the same cases on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['"', "\\", "[", "]", "{", "}", ",", ":", " ", "a", "é", "🍺", "’", "\n", "\u2028"];
const keyNames = ["rows", "known", "source", "a", "__proto__", "ro", "rows "];

function randomString(r: () => number): string {
  let s = "";
  for (let i = Math.floor(r() * 6); i > 0; i--) s += pieces[Math.floor(r() * pieces.length)];
  return s;
}

/** A value to write: objects as entry lists (so keys can repeat), arrays, primitives. */
type Gen = { obj: [string, Gen][] } | { arr: Gen[] } | string | number | boolean | null;

/** JSON text of a random value, with random whitespace and escapes. */
function write(v: Gen, r: () => number): string {
  const ws = () => [" ", "", "", "\n", "\t "][Math.floor(r() * 5)]!;
  const str = (s: string) =>
    r() < 0.3
      ? `"${[...s].map((ch) => (ch.length === 1 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch)).join("")}"`
      : JSON.stringify(s);
  if (v !== null && typeof v === "object" && "arr" in v)
    return `[${ws()}${v.arr.map((x) => write(x, r)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (v !== null && typeof v === "object")
    return `{${ws()}${v.obj.map(([k, x]) => `${str(k)}${ws()}:${ws()}${write(x, r)}`).join(`,${ws()}`)}${ws()}}`;
  if (typeof v === "string") return str(v);
  return JSON.stringify(v);
}

function randomValue(r: () => number, depth: number): Gen {
  const t = r();
  const n = () => Math.floor(r() * 4);
  if (depth > 3 || t < 0.3)
    return [randomString(r), 1.5e3, -0, true, null, 0][Math.floor(r() * 6)]!;
  if (t < 0.6) return { arr: Array.from({ length: n() }, () => randomValue(r, depth + 1)) };
  return { obj: Array.from({ length: n() }, () => [randomKey(r), randomValue(r, depth + 1)]) };
}

const randomKey = (r: () => number) =>
  r() < 0.5 ? keyNames[Math.floor(r() * keyNames.length)]! : randomString(r);

function randomBody(r: () => number): string {
  const obj: [string, Gen][] = [];
  for (let i = Math.floor(r() * 5); i > 0; i--) {
    const value: Gen =
      r() < 0.7
        ? { arr: Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, 1)) }
        : randomValue(r, 1);
    obj.push([r() < 0.6 ? (r() < 0.7 ? "rows" : "known") : randomKey(r), value]);
  }
  return write(r() < 0.95 ? { obj } : randomValue(r, 0), r);
}

/** A cut, a deletion or an insertion, by code point (a request's bytes hold no lone surrogate). */
function mutate(text: string, r: () => number): string {
  const chars = Array.from(text);
  const at = Math.floor(r() * (chars.length + 1));
  const what = r();
  if (what < 0.3) return chars.slice(0, at).join("");
  if (what < 0.6) return [...chars.slice(0, at), ...chars.slice(at + 1)].join("");
  return [...chars.slice(0, at), pieces[Math.floor(r() * 9)], ...chars.slice(at)].join("");
}
