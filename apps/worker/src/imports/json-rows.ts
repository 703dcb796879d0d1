/**
 * A JSON body read as it streams in, with each element of its top-level `rows` array (and of the
 * other arrays named) cut out and `JSON.parse`d alone, so that the body's text and its parsed copy
 * are never both whole (issue 11/17: a 16 MiB push held its text while `JSON.parse` copied 16 MB
 * of names out of it). The rest of the top-level value is parsed as usual, with `[]` in place of
 * each streamed array; the result equals `JSON.parse` of the whole text (duplicate keys: the last
 * wins, as there), and text `JSON.parse` refuses is refused here (`MalformedJson`).
 *
 * Written by hand: a small scanner that only tracks strings, escapes, depth and the top-level
 * keys, and leaves every value to the runtime's native `JSON.parse`. The streaming JSON libraries
 * on npm (e.g. @streamparser/json) build each value token by token in JavaScript: slower than the
 * native parser and an allocation per token, at 16 MiB in an isolate of 128 MB.
 */
export class MalformedJson extends Error {}

enum C {
  Quote = 34,
  Backslash = 92,
  Comma = 44,
  Colon = 58,
  OpenBrace = 123,
  CloseBrace = 125,
  OpenBracket = 91,
  CloseBracket = 93,
}

/** Characters of elements parsed at once (a batch is held as text only while it is parsed). */
const batchChars = 128 * 1024;

/** Longest spelling of a streamed key worth decoding: `"rows"` with every letter escaped is 26. */
const maxKeyText = 64;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonRowsScanner {
  /** Pieces of the text outside the streamed arrays' elements. */
  private rest: string[] = [];
  /** The elements cut but not yet parsed, as pieces of text with `,` between elements. */
  private batch: string[] = [];
  private batchChars = 0;
  private batchCount = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The top-level value is an object (its keys are looked at). */
  private topObject = false;
  private expectKey = false;
  private keyText: string[] | null = null;
  private keyLength = 0;
  private lastKey: string | null = null;
  private afterColon = false;
  /** Inside a streamed array (between its elements), at depth 2. */
  private streaming: string | null = null;
  /** An element is being cut (from its first character to the next `,` or `]` at depth 2). */
  private inElem = false;
  /** A comma was seen since the array's last element. */
  private comma = false;
  /** Each streamed key's elements, parsed; the last occurrence of a key wins. */
  private readonly lists = new Map<string, unknown[]>();

  constructor(
    private readonly keys: ReadonlySet<string>,
    /** Each element as parsed; returns what is kept of it (e.g. a validated copy). */
    private readonly onElement: (key: string, value: unknown, index: number) => unknown = (_k, v) =>
      v,
  ) {}

  push(chunk: string): void {
    let restFrom = this.streaming === null ? 0 : -1;
    let elemFrom = this.inElem ? 0 : -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === C.Backslash) this.escaped = true;
        else if (c === C.Quote) this.inString = false;
        if (this.keyText) this.keyPiece(c);
        continue;
      }
      if (this.streaming !== null && this.depth === 2) {
        // Between or at the end of the elements of a streamed array.
        if (c === C.Comma || c === C.CloseBracket) {
          if (this.inElem) {
            this.piece(chunk.slice(elemFrom, i));
            this.endElement();
            elemFrom = -1;
          } else if (c === C.Comma || this.comma) throw new MalformedJson("empty array element");
          if (c === C.Comma) {
            this.comma = true;
            continue;
          }
          this.flush();
          this.streaming = null;
          this.depth = 1;
          restFrom = i;
          continue;
        }
        if (!this.inElem) {
          if (isSpace(c)) continue;
          if (c === C.CloseBrace) throw new MalformedJson("mismatched bracket");
          this.inElem = true;
          elemFrom = i;
        }
      }
      if (c === C.Quote) {
        this.inString = true;
        if (this.depth === 1 && this.topObject && this.expectKey) {
          this.expectKey = false;
          this.keyText = [];
          this.keyLength = 0;
          this.keyPiece(c);
        } else this.valueStart();
      } else if (c === C.OpenBrace || c === C.OpenBracket) {
        if (this.depth === 0) {
          this.topObject = c === C.OpenBrace;
          this.expectKey = this.topObject;
        } else if (this.depth === 1 && this.afterColon && c === C.OpenBracket) {
          this.afterColon = false;
          const key = this.lastKey;
          if (key !== null && this.keys.has(key)) {
            // `[` stays in the rest; the elements go one by one; `]` is the rest's again.
            this.rest.push(chunk.slice(restFrom, i + 1));
            restFrom = -1;
            this.lists.set(key, []);
            this.streaming = key;
            this.comma = false;
          }
        } else this.valueStart();
        this.depth++;
      } else if (c === C.CloseBrace || c === C.CloseBracket) {
        this.depth--;
      } else if (this.depth === 1) {
        if (c === C.Comma) this.expectKey = this.topObject;
        else if (c === C.Colon) this.afterColon = true;
        else if (!isSpace(c)) this.valueStart();
      }
    }
    if (restFrom >= 0) this.rest.push(restFrom === 0 ? chunk : chunk.slice(restFrom));
    if (elemFrom >= 0) this.piece(elemFrom === 0 ? chunk : chunk.slice(elemFrom));
  }

  /** The whole value, as `JSON.parse` of the whole text would give it. */
  end(): unknown {
    if (this.streaming !== null || this.inString) throw new MalformedJson("truncated");
    let value: unknown;
    try {
      value = JSON.parse(this.rest.join(""));
    } catch {
      throw new MalformedJson("malformed");
    }
    this.rest = [];
    // Each streamed key's last occurrence is the one JSON.parse kept, with `[]` where its
    // elements were: put them back in place.
    for (const [key, list] of this.lists) (value as Record<string, unknown>)[key] = list;
    this.lists.clear();
    return value;
  }

  /** A value starts at depth 1: a streamed key given something else than an array loses its list. */
  private valueStart(): void {
    if (this.depth !== 1 || !this.afterColon) return;
    this.afterColon = false;
    if (this.lastKey !== null) this.lists.delete(this.lastKey);
  }

  private keyPiece(c: number): void {
    const keyText = this.keyText as string[];
    if (this.keyLength++ < maxKeyText) keyText.push(String.fromCharCode(c));
    if (this.inString) return;
    // The key's closing quote.
    this.keyText = null;
    this.lastKey = null;
    if (this.keyLength > maxKeyText) return;
    try {
      this.lastKey = JSON.parse(keyText.join("")) as string;
    } catch {
      throw new MalformedJson("malformed key");
    }
  }

  private piece(text: string): void {
    this.batch.push(text);
    this.batchChars += text.length;
  }

  private endElement(): void {
    this.inElem = false;
    this.comma = false;
    this.batchCount++;
    if (this.batchChars >= batchChars) this.flush();
    else this.piece(",");
  }

  /**
   * The elements cut so far, parsed together as one array: one parser call per ~128 Ki characters
   * instead of one per row; each batch's text is let go once parsed.
   */
  private flush(): void {
    if (this.batchCount === 0) return;
    if (this.batch[this.batch.length - 1] === ",") this.batch.pop();
    const text = `[${this.batch.join("")}]`;
    this.batch = [];
    this.batchChars = 0;
    this.batchCount = 0;
    let values: unknown[];
    try {
      values = JSON.parse(text) as unknown[];
    } catch {
      throw new MalformedJson("malformed element");
    }
    const list = this.lists.get(this.streaming as string) as unknown[];
    for (let i = 0; i < values.length; i++) {
      list.push(this.onElement(this.streaming as string, values[i], list.length));
      values[i] = undefined;
    }
  }
}
