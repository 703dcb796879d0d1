/**
 * CSV for tools that read imports (RFC 4180 quoting), safe to open in a spreadsheet: a cell that
 * starts with = + - @ TAB or CR is prefixed with `'` so it is text, never a formula (OWASP CSV
 * injection). Hand-written: two small rules, not worth a dependency.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
