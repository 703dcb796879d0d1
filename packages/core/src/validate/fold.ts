/**
 * Folds a cell for word lookups: lower case, accents removed, everything but letters and digits
 * dropped. "Société", "SOCIETE" and "so-ciété" all become "societe".
 */
// Any code unit above ASCII (astral characters show up as their surrogate halves).
export const nonAscii = /[\u0080-\uffff]/;
const combiningMarks = /[\u0300-\u036f]/g;
const notAlnum = /[^a-z0-9]+/g;

export function fold(value: string): string {
  let s = value.toLowerCase();
  // NFD is the slow part; most cells are plain ASCII and skip it.
  if (nonAscii.test(s)) s = s.normalize("NFD").replace(combiningMarks, "");
  return s.replace(notAlnum, "");
}

/** A lookup table from folded spellings to a value; the values' own spellings are included. */
export function foldedTable<T extends string>(
  entries: Record<T, readonly string[]>,
): Map<string, T> {
  const table = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) {
    table.set(fold(value), value);
    for (const word of words) table.set(fold(word), value);
  }
  return table;
}
