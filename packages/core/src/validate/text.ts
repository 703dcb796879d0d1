/**
 * The cell reader validateRow applies to every cell: trimmed, or null for an empty or missing cell.
 * `trim` also removes NBSP, common in Excel exports.
 */
export function text(cell: string | undefined): string | null {
  if (cell === undefined || cell === "") return null;
  // Most cells need no trimming; checking the two ends is cheaper than trim() on every cell. Every
  // character trim() removes is ≤ U+0020, U+00A0 or ≥ U+1680: "België" or "Élodie" is not trimmed
  // (calling trim on every row's country cost ~120 instructions and its own machine code).
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  if (first > 32 && first !== 160 && first < 5760 && last > 32 && last !== 160 && last < 5760) {
    return cell;
  }
  const t = cell.trim();
  return t === "" ? null : t;
}
