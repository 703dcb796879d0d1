/**
 * Corrections for the two typing errors people make in a number: two neighbouring digits swapped,
 * and one digit wrong. Candidates are judged on their integer value (no strings); only the ones
 * the full rule accepts become strings, so a suggestion is never itself invalid.
 *
 * Order (most likely first): swaps left to right, then substitutions left to right but the first
 * digit last (a wrong first digit is rarer than a wrong later one), at most `limit`.
 */

const POW10: number[] = [];
for (let i = 0, p = 1; i < 16; i++, p *= 10) POW10.push(p);

export const SUGGESTION_LIMIT = 5;

/** 10^k mod 97. */
const POW10_MOD97: number[] = [];
for (let i = 0, p = 1; i < 16; i++, p = (p * 10) % 97) POW10_MOD97.push(p);

const mod = (x: number) => ((x % 97) + 97) % 97;
const NONE = 99;

/**
 * Per base length, precomputed so the search below does no division at all (remainders in its
 * loop were most of a typo's cost):
 * - `swap[i·19 + (b − a + 9)]`: the residue change when base digits i and i+1 (a, b) swap;
 * - `solve[k·97 + need]`: the digit change δ ∈ −9…9 at base position k that moves the residue by
 *   `need`, or NONE. Changing digit k by δ moves it by δ·10^(len−1−k), and 97 is prime, so δ is
 *   need · (10^(len−1−k))⁻¹ mod 97 read as −9…9.
 */
interface Tables {
  swap: number[];
  solve: number[];
}
const tablesByLength: Tables[] = [];

function tablesFor(baseLen: number): Tables {
  const cached = tablesByLength[baseLen];
  if (cached) return cached;
  const swap: number[] = [];
  const solve: number[] = [];
  for (let i = 0; i < baseLen; i++) {
    const w = POW10_MOD97[baseLen - 1 - i]!;
    const wNext = i + 1 < baseLen ? POW10_MOD97[baseLen - 2 - i]! : 0;
    for (let diff = -9; diff <= 9; diff++) swap.push(mod(diff * (w - wNext)));
    let inv = 1;
    while ((inv * w) % 97 !== 1) inv++;
    for (let need = 0; need < 97; need++) {
      const delta = (need * inv) % 97;
      solve.push(delta <= 9 ? delta : delta >= 88 ? delta - 97 : NONE);
    }
  }
  const tables = { swap, solve };
  tablesByLength[baseLen] = tables;
  return tables;
}

/** Adds the candidate unless already there; returns the new count. */
function push(out: string[], candidate: string): number {
  if (!out.includes(candidate)) out.push(candidate);
  return out.length;
}

/** Strings are spliced from the input, not printed from the value: number→string is slow. */
function swapAt(digits: string, i: number): string {
  return digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
}

function replaceAt(digits: string, k: number, x: number): string {
  return digits.slice(0, k) + String.fromCharCode(48 + x) + digits.slice(k + 1);
}

/**
 * The fast path for numbers made of a base and a 2-digit "97 minus remainder" check (enterprise,
 * establishment unit, NRN, BIS). Instead of testing ~100 candidates one by one (three integer
 * divisions each, which made a typo cost microseconds), it solves for the digit: changing base
 * digit k by δ moves the residue by δ·10^k, so the one δ that makes the check match is
 * (target − residue)·10^−k mod 97. `offsets` are the residues a rule adds before the check
 * (0, and 68 for the born-in-2000-or-later NRN/BIS check). `accept` (the rest of the rule, on the
 * integer value) sees only candidates whose check matches.
 */
export function mod97Suggestions(
  digits: string,
  value: number,
  offsets: readonly number[],
  accept: (value: number) => boolean,
  limit = SUGGESTION_LIMIT,
): string[] {
  const n = digits.length;
  const baseLen = n - 2;
  const { swap, solve } = tablesFor(baseLen);
  // `value` is `digits` read as an integer; the base (all but the check) fits in int32.
  const r = (Math.floor(value / 100) | 0) % 97;
  const c0 = digits.charCodeAt(baseLen) - 48;
  const c1 = digits.charCodeAt(baseLen + 1) - 48;
  const check = c0 * 10 + c1;
  const out: string[] = [];
  // Swaps of neighbours, left to right.
  for (let i = 0; i + 1 < n; i++) {
    const a = digits.charCodeAt(i) - 48;
    const b = digits.charCodeAt(i + 1) - 48;
    if (a === b) continue;
    let res = r;
    let chk = check;
    if (i + 1 < baseLen) {
      res = r + swap[i * 19 + b - a + 9]!;
      if (res >= 97) res -= 97;
    } else if (i + 1 === baseLen) {
      res = r + b - a; // the last base digit (weight 1) swaps with the first check digit
      if (res < 0) res += 97;
      else if (res >= 97) res -= 97;
      chk = a * 10 + c1;
    } else chk = c1 * 10 + c0;
    for (let o = 0; o < offsets.length; o++) {
      let t = res + offsets[o]!;
      if (t >= 97) t -= 97;
      if (t + chk !== 97) continue;
      const candidate = value + (b - a) * (POW10[n - 1 - i]! - POW10[n - 2 - i]!);
      if (accept(candidate) && push(out, swapAt(digits, i)) >= limit) return out;
      break;
    }
  }
  // One wrong digit: positions left to right, the first digit last.
  for (let step = 1; step <= n; step++) {
    const k = step % n;
    const old = digits.charCodeAt(k) - 48;
    for (let o = 0; o < offsets.length; o++) {
      const off = offsets[o]!;
      let x: number;
      if (k < baseLen) {
        // residue r + off + δ·10^j must equal 97 − check (mod 97)
        if (check < 1 || check > 97) continue;
        let need = 97 - check - r - off; // −193 … 96
        if (need < 0) need += 97;
        if (need < 0) need += 97;
        const delta = solve[k * 97 + need]!;
        if (delta === NONE) continue;
        x = old + delta;
        if (x < 0 || x > 9 || x === old) continue;
      } else {
        let t = r + off;
        if (t >= 97) t -= 97;
        const expected = 97 - t;
        const e0 = (expected / 10) | 0;
        const e1 = expected - e0 * 10;
        if (k === baseLen ? e1 !== c1 || e0 === c0 : e0 !== c0 || e1 === c1) continue;
        x = k === baseLen ? e0 : e1;
      }
      const candidate = value + (x - old) * POW10[n - 1 - k]!;
      if (accept(candidate) && push(out, replaceAt(digits, k, x)) >= limit) return out;
    }
  }
  return out;
}

/** The number left-padded with zeros to `length`, if `accept` takes it (the lost leading zero). */
export function paddedSuggestion(
  digits: string,
  length: number,
  accept: (candidate: string) => boolean,
): string[] {
  if (digits.length >= length || digits.length === 0) return [];
  const padded = digits.padStart(length, "0");
  return accept(padded) ? [padded] : [];
}

/**
 * Letters typed for look-alike digits (O for 0, I or l for 1): the repaired number, normalised,
 * if `check` accepts it.
 */
export function lookalikeSuggestion(
  input: string,
  check: (candidate: string) => { valid: boolean; normalized?: string },
): string[] {
  const repaired = input.replace(/[Oo]/g, "0").replace(/[Il]/g, "1");
  if (repaired === input) return [];
  const r = check(repaired);
  return r.valid && r.normalized ? [r.normalized] : [];
}
