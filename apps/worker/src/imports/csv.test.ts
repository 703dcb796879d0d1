import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv.js";

describe("csvCell", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+32 9 123 45 67", '"+32 9 123 45 67"'],
    ["+32470123456", '"+32470123456"'],
    ["-5", '"-5"'],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ["-2+3", `"'-2+3"`],
    ["+HYPERLINK(1)", `"'+HYPERLINK(1)"`],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", '"\'\rx"'],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["plain", "plain"],
    [null, ""],
  ])("%j → %j", (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it("joins with the separator and CRLF; a cell holding the separator is quoted", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
    expect(csvLine(["a;b", "c,d"], ";")).toBe('"a;b";c,d\r\n');
    expect(csvLine(["a;b", "c,d"], ",")).toBe('a;b,"c,d"\r\n');
  });
});
