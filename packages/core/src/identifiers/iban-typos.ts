/**
 * Typo suggestions for a Belgian IBAN that fails a check: neighbouring digits swapped, then one
 * digit wrong, judged on residues mod 97 (iban-fast.test.ts holds the answers to a plain search
 * by checkIban, in the same order). A sheet's mistyped IBANs are few (~1 % of rows), so the search
 * must stay small enough that V8 never tiers it up: compiling its loops cost more than running them.
 */

/** 10⁶ mod 97: "BE" (1114) and the check digits follow the BBAN in the ISO rearrangement. */
export const POW6 = 1_000_000 % 97;

/**
 * The weight mod 97 of each of the 14 digits (kk, then the BBAN) in the two checks: in the ISO
 * number (BBAN · 10⁶ + 111400 + kk, which must be ≡ 1) and in the first ten BBAN digits (whose
 * residue, 0 read as 97, must equal the last two). A changed digit moves each check by δ·weight,
 * so a candidate is judged on small integers without dividing its 14-digit value.
 */
const ISO_WEIGHT: number[] = [];
const FIRST10_WEIGHT: number[] = [];
for (let p = 0; p < 14; p++) {
  ISO_WEIGHT.push(p < 2 ? (p === 0 ? 10 : 1) : ((10 ** (13 - p) % 97) * POW6) % 97);
  FIRST10_WEIGHT.push(p >= 2 && p < 12 ? 10 ** (11 - p) % 97 : 0);
}
const LAST2_WEIGHT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1];

/** x mod 97 in 0–96, also for negative x. */
function mod97(x: number): number {
  return ((x % 97) + 97) % 97;
}

/** The inverse of w mod 97 (97 is prime; no weight or difference of neighbours' weights is 0). */
function inverse(w: number): number {
  for (let x = 1; x < 97; x++) if ((mod97(w) * x) % 97 === 1) return x;
  throw new Error(`no inverse of ${w} mod 97`);
}

/**
 * The changes the ISO check allows, by r = (1 − ISO residue) mod 97: a swap at p (δ at p, −δ at
 * p + 1) must have δ ≡ r · (w_p − w_{p+1})⁻¹, one wrong digit at p must have δ ≡ r · w_p⁻¹ (mod
 * 97), and only |δ| ≤ 9 can be a digit's change. So each r lists the few (position, δ) pairs
 * worth testing, in the plain search's order (swaps left to right, then single digits from the
 * second to the last and the first last): about five, instead of the 27 positions tried before.
 */
interface Candidates {
  swaps: number[];
  singles: number[];
}

let byResidue: Candidates[] | null = null;

function candidatesByResidue(): Candidates[] {
  const swapInverse = ISO_WEIGHT.slice(0, 13).map((w, p) => inverse(w - ISO_WEIGHT[p + 1]!));
  const singleInverse = ISO_WEIGHT.map(inverse);
  const table: Candidates[] = [];
  for (let r = 0; r < 97; r++) {
    const swaps: number[] = [];
    const singles: number[] = [];
    for (let p = 0; p < 13; p++) {
      const d = (r * swapInverse[p]!) % 97;
      if (d !== 0 && (d <= 9 || d >= 88)) swaps.push(p, d <= 9 ? d : d - 97);
    }
    for (let step = 1; step <= 14; step++) {
      const p = step % 14;
      const d = (r * singleInverse[p]!) % 97;
      if (d !== 0 && (d <= 9 || d >= 88)) singles.push(p, d <= 9 ? d : d - 97);
    }
    table.push({ swaps, singles });
  }
  return table;
}

/** Check digits (the 3rd and 4th characters) in the issued range 02–98. */
function validKk(compact: string): boolean {
  const kk = (compact.charCodeAt(2) - 48) * 10 + compact.charCodeAt(3) - 48;
  return kk >= 2 && kk <= 98;
}

/** Adds a candidate unless it has unissued check digits or is there already; true when 5 are found. */
function take(out: string[], candidate: string): boolean {
  // Check digits 00, 01 and 99 satisfy the sum as 97, 98 and 02 do, but are never issued.
  if (validKk(candidate) && !out.includes(candidate)) out.push(candidate);
  return out.length >= 5;
}

/**
 * Whether the IBAN with ISO residue `iso`, first-ten residue `first10` and last two digits
 * `last2`, changed by δp at digit p and δq at digit q, passes both checks.
 */
function fits(
  iso: number,
  first10: number,
  last2: number,
  p: number,
  dp: number,
  q: number,
  dq: number,
): boolean {
  const i = mod97(iso + dp * ISO_WEIGHT[p]! + dq * ISO_WEIGHT[q]!);
  const f = mod97(first10 + dp * FIRST10_WEIGHT[p]! + dq * FIRST10_WEIGHT[q]!);
  const l = last2 + dp * LAST2_WEIGHT[p]! + dq * LAST2_WEIGHT[q]!;
  return i === 1 && (f || 97) === l;
}

/**
 * Neighbouring digits swapped, then one digit wrong (positions left to right, the first digit
 * last): the corrected IBANs of a compact Belgian IBAN (`BE` + 14 digits) that pass both checks,
 * most likely first, at most 5.
 */
export function typoFix(compact: string): string[] {
  byResidue ??= candidatesByResidue();
  const kk = Number(compact.slice(2, 4));
  const first10 = Number(compact.slice(4, 14)) % 97;
  const last2 = Number(compact.slice(14));
  const iso = (((first10 * 100 + last2) % 97) * POW6 + 111_400 + kk) % 97;
  const { swaps, singles } = byResidue[mod97(1 - iso)]!;
  const out: string[] = [];
  for (let k = 0; k < swaps.length; k += 2) {
    const p = swaps[k]!;
    const d = swaps[k + 1]!;
    const a = compact.charCodeAt(p + 2) - 48;
    const b = compact.charCodeAt(p + 3) - 48;
    if (b - a === d && fits(iso, first10, last2, p, d, p + 1, -d)) {
      if (take(out, `${compact.slice(0, p + 2)}${b}${a}${compact.slice(p + 4)}`)) return out;
    }
  }
  for (let k = 0; k < singles.length; k += 2) {
    const p = singles[k]!;
    const x = compact.charCodeAt(p + 2) - 48 + singles[k + 1]!;
    if (x >= 0 && x <= 9 && fits(iso, first10, last2, p, singles[k + 1]!, 0, 0)) {
      if (take(out, `${compact.slice(0, p + 2)}${x}${compact.slice(p + 3)}`)) return out;
    }
  }
  return out;
}
