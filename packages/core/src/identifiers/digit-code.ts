/**
 * The char code of the decimal digit of `n` at `place` (1, 10, 100…) of a non-negative integer.
 * The identifiers write their normalised forms from the values they read, in one
 * `String.fromCharCode` call (no code unit of a cell read again, no intermediate strings); each
 * digit goes through this.
 */
export const digitCode = (n: number, place: number): number => 48 + (((n / place) | 0) % 10);
