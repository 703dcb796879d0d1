/** Helpers the core benchmarks share: a seeded random source and a GC-isolated timer. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** mulberry32: small and seeded, so every run sees the same data. */
export function seeded(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A full collection before every round, so no round pays for the garbage of the one before
// (the usual way to get `gc` without starting node with --expose-gc).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export interface Timing {
  best: number;
  median: number;
}

/**
 * Best and median of `rounds` rounds after `warmup`. Other processes share this machine's two
 * cores, so the best round (the least disturbed) is the figure compared; the median shows the spread.
 */
export function time(fn: () => unknown, rounds: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    gc();
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  out.sort((a, b) => a - b);
  return { best: out[0] ?? Number.NaN, median: out[Math.floor(out.length / 2)] ?? Number.NaN };
}
