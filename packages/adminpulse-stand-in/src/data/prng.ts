/**
 * Deterministic randomness for the demo office. Every record is generated from `hash(seed, index)`
 * alone, so record 180 000 costs the same as record 0 and nothing has to be kept in memory.
 * Math.random is never used: the same seed must give the same office on every machine.
 */

/** FNV-1a over the parts, then murmur3's finalizer so nearby indices land far apart. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h = Math.imul(h ^ ((p / 0x100000000) >>> 0), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function seedFrom(seed: string | number): number {
  if (typeof seed === "number") return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough for demo data. A class rather than a closure bundle:
 * millions are created per big office, and per-instance closures (plus the name-keeping wrappers
 * tsx adds to each) made generation several times slower.
 */
export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [v, w] of items) {
      x -= w;
      if (x < 0) return v;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
}

export function rng(seed: number): Rng {
  return new Rng(seed);
}

function hex(n: number, len: number): string {
  return Math.floor(n).toString(16).padStart(len, "0").slice(-len);
}

/** A GUID-shaped id whose last group encodes `index`, so lookups need no map. */
export function guidFor(seed: number, salt: number, index: number): string {
  const r = rng(hash32(seed, salt, index));
  const mask = hash32(seed, salt, 0xfeed) * 0x10000;
  const tail = (index + mask) % 2 ** 48;
  return [
    hex(r.next() * 2 ** 32, 8),
    hex(r.next() * 2 ** 16, 4),
    `4${hex(r.next() * 2 ** 12, 3)}`,
    hex(0x8000 + r.next() * 2 ** 14, 4),
    hex(tail, 12),
  ].join("-");
}

/** Inverse of `guidFor` for the index part; the caller re-generates the id to verify the rest. */
export function indexFromGuid(seed: number, salt: number, id: string): number | null {
  const m = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-([0-9a-f]{12})$/.exec(id);
  if (!m?.[1]) return null;
  const mask = hash32(seed, salt, 0xfeed) * 0x10000;
  const index = (Number.parseInt(m[1], 16) - mask + 2 ** 48) % 2 ** 48;
  return guidFor(seed, salt, index) === id ? index : null;
}
