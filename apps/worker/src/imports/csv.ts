/**
 * CSV for tools that read imports (RFC 4180 quoting), safe to open in a spreadsheet (OWASP CSV
 * injection) without changing legitimate values (issue 11: every `+32 …` phone came out as
 * `'+32 …`). A cell a spreadsheet would evaluate as a formula — it starts with = or @, a TAB or
 * CR, or with + or - followed by anything but a plain number or phone number — gets a `'` in front
 * so it stays text. A signed plain number (`+32 9 123 45 67`, `-5`) cannot call anything: it is
 * written as it is, quoted. Hand-written: a few small rules, not worth a dependency.
 */
export type CsvSeparator = "," | ";";

const formulaStart = /^[=+\-@\t\r]/;
/** A sign, then only digits, spaces and the punctuation of numbers and phone numbers. */
const plainSigned = /^[+-][\d .,/()]*$/;

export function csvCell(
  value: string | number | null | undefined,
  sep: CsvSeparator = ",",
): string {
  let s = value === null || value === undefined ? "" : String(value);
  const signed = /^[+-]/.test(s);
  if (formulaStart.test(s) && !plainSigned.test(s)) s = `'${s}`;
  const quote = signed || s.includes(sep) || /["\r\n]/.test(s) || s !== s.trim();
  return quote ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(
  cells: (string | number | null | undefined)[],
  sep: CsvSeparator = ",",
): string {
  return `${cells.map((c) => csvCell(c, sep)).join(sep)}\r\n`;
}

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only when it starts with one. */
export const utf8Bom = "\uFEFF";
