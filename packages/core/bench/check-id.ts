/**
 * checkId throughput on enterprise numbers and NRNs, against the `stdnum` npm package on the
 * same generated inputs. Run from packages/core: `node --import tsx bench/check-id.ts`.
 *
 * Inputs (seeded, so every run sees the same mix): 60% valid numbers typed clean, 25% valid numbers
 * in other spellings (BE prefix, dots, spaces, `(0)`, 9 digits, NBSP, dashes), 10% one-typo
 * numbers (swap or wrong digit: ours also computes up to 5 suggestions for these, stdnum does
 * not), 5% other invalid input. Each category is also measured on its own.
 * Each measurement runs a plain loop over the inputs for about `MS_PER_ROUND` ms and divides by the
 * CPU time used; the best of `ROUNDS` rounds is reported.
 */
import { loadavg } from "node:os";
import { stdnum } from "stdnum";
import { checkId } from "../src/identifiers/check-id.js";

// stdnum types its country table as a record, so check the two validators we use once.
const BE = stdnum.BE;
if (!BE?.vat || !BE.nn) throw new Error("stdnum BE.vat / BE.nn not found");
const stdVat = BE.vat;
const stdNn = BE.nn;

const ROUNDS = 8;
const MS_PER_ROUND = 300;
const N = 20_000;

let seed = 42;
function rand(): number {
  // mulberry32: small, seeded, good enough to mix inputs
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

function typo(s: string): string {
  const d = s.split("");
  const i = int(d.length - 1);
  if (rand() < 0.5) [d[i], d[i + 1]] = [d[i + 1]!, d[i]!];
  else d[i] = String((Number(d[i]) + 1 + int(9)) % 10);
  return d.join("");
}

function enterprise(): string {
  const first = rand() < 0.9 ? 0 : 1;
  const base = first * 1e7 + (first === 0 ? 2_000_000 + int(8_000_000) : int(10_000_000));
  return String(base).padStart(8, "0") + String(97 - (base % 97)).padStart(2, "0");
}

function nrn(): string {
  const year = 1930 + int(95);
  const month = 1 + int(12);
  const day = 1 + int(28);
  const serial = 1 + int(997);
  const base = ((year % 100) * 10_000 + month * 100 + day) * 1000 + serial;
  const check = 97 - ((year >= 2000 ? 2e9 + base : base) % 97);
  return String(base).padStart(9, "0") + String(check).padStart(2, "0");
}

type Category = "clean" | "spelled" | "typo" | "other";

function category(): Category {
  const r = rand();
  return r < 0.6 ? "clean" : r < 0.85 ? "spelled" : r < 0.95 ? "typo" : "other";
}

function enterpriseInput(c: Category = category()): string {
  const n = enterprise();
  if (c === "clean") return n;
  if (c === "spelled") {
    const spelled = [
      `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`,
      `BE${n}`,
      `BE ${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`,
      `BE (0)${n.slice(1, 4)}.${n.slice(4, 7)}.${n.slice(7)}`,
      n.startsWith("0") ? n.slice(1) : n,
      `BE\u00a0${n.slice(0, 4)}\u2013${n.slice(4, 7)}\u2013${n.slice(7)}`,
      `be ${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`,
    ];
    return pick(spelled);
  }
  if (c === "typo") return typo(n);
  return pick(["BE 0220,764.971", "2297964444", "12345678", "NL123456789B01", "", "BE04O3019261"]);
}

function nrnInput(c: Category = category()): string {
  const n = nrn();
  if (c === "clean") return n;
  if (c === "spelled") {
    return pick([
      `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9)}`,
      `${n.slice(0, 6)} ${n.slice(6, 9)} ${n.slice(9)}`,
      `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 9)} ${n.slice(9)}`,
    ]);
  }
  if (c === "typo") return typo(n);
  return pick(["85133000105", "98.47.28-997.65", "1", "00000000000", "85073500107"]);
}

/**
 * Checks per second of CPU time (user + system of this process), best round. Other processes share
 * this 2-core machine, so wall-clock rates swing with their load; CPU time is what one core does.
 */
function measure(inputs: readonly string[], fn: (s: string) => boolean): number {
  let best = 0;
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(MS_PER_ROUND * 1e6);
    while (process.hrtime.bigint() < deadline) {
      for (let i = 0; i < inputs.length; i++) if (fn(inputs[i]!)) sink++;
      ops += inputs.length;
    }
    const used = process.cpuUsage(cpu);
    best = Math.max(best, ops / ((used.user + used.system) / 1e6));
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return best;
}

function agreement(
  inputs: readonly string[],
  a: (s: string) => boolean,
  b: (s: string) => boolean,
) {
  let same = 0;
  for (const s of inputs) if (a(s) === b(s)) same++;
  return same / inputs.length;
}

const fmt = (x: number) => `${(x / 1e6).toFixed(2)} M/s`.padStart(11);

const enterpriseOurs = (s: string) => checkId("enterprise", s).valid;
const enterpriseTheirs = (s: string) => stdVat.validate(s).isValid;
const nrnOurs = (s: string) => checkId("nrn", s).valid;
const nrnTheirs = (s: string) => stdNn.validate(s).isValid;
const only = (gen: (c: Category) => string, c: Category) => Array.from({ length: N }, () => gen(c));

const suites = [
  {
    name: "enterprise mixed",
    inputs: Array.from({ length: N }, () => enterpriseInput()),
    ours: enterpriseOurs,
    theirs: enterpriseTheirs,
  },
  {
    name: "nrn mixed",
    inputs: Array.from({ length: N }, () => nrnInput()),
    ours: nrnOurs,
    theirs: nrnTheirs,
  },
  {
    name: "enterprise clean",
    inputs: only(enterpriseInput, "clean"),
    ours: enterpriseOurs,
    theirs: enterpriseTheirs,
  },
  {
    name: "enterprise spelled",
    inputs: only(enterpriseInput, "spelled"),
    ours: enterpriseOurs,
    theirs: enterpriseTheirs,
  },
  {
    name: "enterprise typo",
    inputs: only(enterpriseInput, "typo"),
    ours: enterpriseOurs,
    theirs: enterpriseTheirs,
  },
  { name: "nrn clean", inputs: only(nrnInput, "clean"), ours: nrnOurs, theirs: nrnTheirs },
  { name: "nrn spelled", inputs: only(nrnInput, "spelled"), ours: nrnOurs, theirs: nrnTheirs },
  { name: "nrn typo", inputs: only(nrnInput, "typo"), ours: nrnOurs, theirs: nrnTheirs },
];

console.log(
  `checkId vs stdnum 1.12.0: ${N} generated inputs per row; checks per CPU-second, best of ${ROUNDS} rounds, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("inputs                checkId       stdnum      ratio   same validity");
for (const s of suites) {
  const ours = measure(s.inputs, s.ours);
  const theirs = measure(s.inputs, s.theirs);
  const agree = agreement(s.inputs, s.ours, s.theirs);
  console.log(
    `${s.name.padEnd(19)} ${fmt(ours)}  ${fmt(theirs)}  ${`${(ours / theirs).toFixed(1)}×`.padStart(7)}   ${(agree * 100).toFixed(1)}%`,
  );
}
