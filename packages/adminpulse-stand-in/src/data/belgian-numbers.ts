/**
 * The stand-in *generates* valid (and, elsewhere, deliberately broken) Belgian numbers with the
 * mod-97 rule; its tests check every generated number through the client's mapping, which decides
 * with core's `checkId`, so a generator slip shows up there.
 */

/** `97 − (base mod 97)`; never 0, so a base divisible by 97 gets 97. */
function mod97Check(base: number): number {
  return 97 - (base % 97);
}

/** Appends the two check digits to an 8-digit enterprise-number base (first digit 0 or 1). */
export function enterpriseNumberFromBase(base8: number): string {
  const base = String(base8).padStart(8, "0");
  return `${base}${String(mod97Check(base8)).padStart(2, "0")}`;
}

/**
 * Builds a valid national register number from a birth date and serial (belgian-identifiers.md §2:
 * people born in 2000 or later get a `2` in front of the base before the mod-97).
 */
export function nationalNumberFor(
  year: number,
  month: number,
  day: number,
  serial: number,
): string {
  const base9 = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  const n = year >= 2000 ? 2_000_000_000 + Number(base9) : Number(base9);
  return `${base9}${String(mod97Check(n)).padStart(2, "0")}`;
}
