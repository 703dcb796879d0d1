import { describe, expect, it } from "vitest";
import { jsonStream } from "./json-stream.js";

async function text(
  stream: ReadableStream<Uint8Array>,
): Promise<{ text: string; pieces: number; largest: number }> {
  let pieces = 0;
  let largest = 0;
  const decoder = new TextDecoder();
  let out = "";
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces++;
    largest = Math.max(largest, value.byteLength);
    out += decoder.decode(value, { stream: true });
  }
  return { text: out + decoder.decode(), pieces, largest };
}

describe("jsonStream", () => {
  it("writes exactly JSON.stringify's text, in pieces under V8's large-object size", async () => {
    const value = {
      matching: Array.from({ length: 1_001 }, (_, i) => ({
        ref: String(i),
        name: `Boulangerie L’Épi ${i} 😀`,
        gone: undefined,
        differences: i % 2 ? [{ field: "email", imported: 'a"b\\c\n', existing: null }] : [],
        // ~2.3 KB an entry, as a full review's matching entry.
        notes: "x".repeat(2_200),
      })),
      empty: [],
      skipped: undefined,
      holes: [undefined, 1, null],
      resend: ["x"],
      nested: { a: [1, 2], b: "c" },
      n: 3,
    };
    const expected = JSON.stringify(value);
    const { text: out, pieces, largest } = await text(jsonStream(value));
    expect(out).toBe(expected);
    // ~2.3 MB of entries: many pieces, none near 128 KB (a large object V8 frees only in a full
    // collection); 200 entries a piece were ~460 KB.
    expect(pieces).toBeGreaterThan(60);
    expect(largest).toBeLessThan(40_000);
    // Each entry let go once written.
    expect(value.matching.every((e) => e === undefined)).toBe(true);
    expect(value.holes).toEqual([undefined, undefined, undefined]);
  });

  it("writes an async iterable member as a list, read as the stream is pulled", async () => {
    const read: number[] = [];
    async function* pages() {
      for (let page = 0; page < 3; page++) {
        read.push(page);
        for (let i = 0; i < 2; i++) yield { id: `${page}-${i}`, name: "Ébéniste" };
      }
    }
    const stream = jsonStream({ a: [1], onlyInTarget: pages(), b: "c" });
    expect(read).toEqual([]);
    const { text: out } = await text(stream);
    const entries = [0, 1, 2].flatMap((p) =>
      [0, 1].map((i) => ({ id: `${p}-${i}`, name: "Ébéniste" })),
    );
    expect(out).toBe(JSON.stringify({ a: [1], onlyInTarget: entries, b: "c" }));
    expect(read).toEqual([0, 1, 2]);
  });

  it("an empty object is {}", async () => {
    expect((await text(jsonStream({}))).text).toBe("{}");
  });
});
