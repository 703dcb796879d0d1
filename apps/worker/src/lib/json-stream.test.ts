import { describe, expect, it } from "vitest";
import { jsonStream } from "./json-stream.js";

async function text(stream: ReadableStream<Uint8Array>): Promise<{ text: string; pieces: number }> {
  let pieces = 0;
  const decoder = new TextDecoder();
  let out = "";
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces++;
    out += decoder.decode(value, { stream: true });
  }
  return { text: out + decoder.decode(), pieces };
}

describe("jsonStream", () => {
  it("writes exactly JSON.stringify's text, a few hundred list entries at a time", async () => {
    const value = {
      matching: Array.from({ length: 1_001 }, (_, i) => ({
        ref: String(i),
        name: `Boulangerie L’Épi ${i} 😀`,
        gone: undefined,
        differences: i % 2 ? [{ field: "email", imported: 'a"b\\c\n', existing: null }] : [],
      })),
      empty: [],
      skipped: undefined,
      holes: [undefined, 1, null],
      resend: ["x"],
      nested: { a: [1, 2], b: "c" },
      n: 3,
    };
    const { text: out, pieces } = await text(jsonStream(value));
    expect(out).toBe(JSON.stringify(value));
    // 1,001 entries: six pieces of the list, not one string.
    expect(pieces).toBeGreaterThan(6);
  });

  it("an empty object is {}", async () => {
    expect((await text(jsonStream({}))).text).toBe("{}");
  });
});
