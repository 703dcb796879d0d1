/**
 * reconcile() on an office-sized import, against a bare hash join on the enterprise number (the
 * floor: what matching alone costs, with no validation, no differences, no duplicate checks).
 * Run from packages/core: `node --import tsx bench/reconcile.ts` (add `--quick` for 25k only).
 *
 * Data (seeded): N target clients (90% companies, 10% persons with a national number) and N import
 * rows typed the way a sheet holds them (dotted numbers, "Vennootschap", "België", dd/mm/yyyy,
 * a link on a third of the clients): half match a target client (a fifth of those with a changed
 * e-mail and street), four tenths are new, a tenth are invalid (wrong check digits, bad e-mail, or
 * no name). Each size runs warm-up rounds, then the median of ROUNDS rounds is reported.
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Client, ImportRow } from "../src/model/client.js";
import { reconcile } from "../src/reconcile/reconcile.js";
import type { ExistingClient } from "../src/reconcile/types.js";

const ROUNDS = 9;
const WARMUP = 3;

// A full collection before every round, so no round pays for the garbage of the one before
// (the usual way to get `gc` without starting node with --expose-gc).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const today = new Date("2026-06-01T00:00:00Z");

let seed = 7;
function rand(): number {
  // mulberry32: small and seeded, so every run sees the same data.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Enterprise number from its 8-digit base: check digits = 97 − (base mod 97). */
function enterprise(base: number): string {
  return `${pad(base, 8)}${pad(97 - (base % 97), 2)}`;
}
/** National number of someone born in the 1900s (check without the 2-prefix). */
function national(i: number): string {
  const base = `${pad(40 + (i % 60), 2)}${pad(1 + (i % 12), 2)}${pad(1 + (i % 28), 2)}${pad(1 + (Math.floor(i / 28) % 997), 3)}`;
  return `${base}${pad(97 - (Number(base) % 97), 2)}`;
}
const dotted = (e: string) => `${e.slice(0, 4)}.${e.slice(4, 7)}.${e.slice(7)}`;
const streets = [
  "Kerkstraat",
  "Stationsstraat",
  "Rue de la Gare",
  "Dorpsstraat",
  "Nieuwstraat",
  "Chaussée de Mons",
];
const cities = ["Gent", "Antwerpen", "Brussel", "Liège", "Leuven", "Namur", "Brugge"];
const forms = ["BV", "NV", "SRL", "VZW", "CommV"];
const langs = ["Nederlands", "Français", "NL", "F"];

function client(i: number): Client {
  const isPerson = i % 10 === 9;
  const postalCode = String(1000 + (i % 8990));
  const name = isPerson ? `Persoon ${i}` : `Onderneming ${i} ${forms[i % forms.length]}`;
  return {
    sourceIds: { adminpulseId: `guid-${i}`, uniqueIdentifier: `APR${pad(i, 6)}`, code: null },
    kind: isPerson ? "person" : "company",
    name,
    // Spread the 8-digit bases over the 0- and 1-series; `i` keeps them unique.
    enterpriseNumber: isPerson ? null : enterprise(2_000_000 + i * 17),
    nationalNumber: isPerson ? national(i) : null,
    vatNumber: null,
    legalForm: isPerson ? null : (forms[i % forms.length] ?? null),
    language: i % 2 === 0 ? "nl" : "fr",
    email: `info${i}@example.be`,
    phone: `09 ${pad(i % 1000, 3)} ${pad(i % 100, 2)} ${pad(i % 97, 2)}`,
    address: {
      street: streets[i % streets.length] ?? null,
      number: String(1 + (i % 200)),
      box: null,
      postalCode,
      city: cities[i % cities.length] ?? null,
      country: "BE",
    },
    generalMeetingDate: isPerson ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
    responsibleUser: { id: `u${i % 12}`, name: `Medewerker ${i % 12}` },
    links:
      i % 3 === 0
        ? [
            {
              role: "director",
              relationIdentifier: null,
              name: `Bestuurder ${i}`,
              startDate: "2020-01-01",
              endDate: null,
              shares: 50.5,
              votingRights: null,
              comment: null,
            },
          ]
        : [],
  };
}

function row(c: Client, ref: string, i: number): ImportRow {
  const a = c.address;
  const r: ImportRow = {
    ref,
    kind: c.kind === "person" ? "natuurlijk persoon" : "Vennootschap",
    name: c.name,
    enterpriseNumber: c.enterpriseNumber ? dotted(c.enterpriseNumber) : "",
    nationalNumber: c.nationalNumber ?? "",
    legalForm: c.legalForm ?? "",
    language: langs[(c.language === "nl" ? 0 : 1) + (i % 2) * 2],
    email: c.email ?? "",
    phone: c.phone ?? "",
    address: {
      street: a?.street ?? "",
      number: a?.number ?? "",
      box: "",
      postalCode: a?.postalCode ?? "",
      city: a?.city ?? "",
      country: "België",
    },
    generalMeetingDate: c.generalMeetingDate
      ? `${c.generalMeetingDate.slice(8)}/${c.generalMeetingDate.slice(5, 7)}/${c.generalMeetingDate.slice(0, 4)}`
      : "",
    responsibleUser: c.responsibleUser?.name ?? "",
  };
  // Every row carries the links block, as a sheet with link columns does; most rows have no link.
  r.links = c.links.map((l) => ({
    role: "zaakvoerder",
    name: l.name ?? "",
    startDate: "01/01/2020",
    shares: String(l.shares).replace(".", ","),
  }));
  return r;
}

function dataset(n: number): { rows: ImportRow[]; existing: ExistingClient[] } {
  seed = 7;
  const existing: ExistingClient[] = [];
  for (let i = 0; i < n; i++) existing.push({ id: `t${i}`, client: client(i) });
  const rows: ImportRow[] = [];
  const half = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    let r: ImportRow;
    if (i < half) {
      // Matches target client i; a fifth changed.
      r = row(client(i), `r${i}`, i);
      if (rand() < 0.2) {
        r.email = `boekhouding${i}@example.be`;
        if (r.address) r.address.street = "Veldstraat";
      }
    } else {
      r = row(client(n + i), `r${i}`, i); // a new client
      if (i >= n - Math.floor(n / 10)) {
        const bad = int(3);
        if (bad === 0 && r.enterpriseNumber)
          r.enterpriseNumber = `${r.enterpriseNumber.slice(0, -1)}${(Number(r.enterpriseNumber.slice(-1)) + 1) % 10}`;
        else if (bad === 1) r.email = "info@@example";
        else r.name = "";
      }
    }
    rows.push(r);
  }
  return { rows, existing };
}

/** The floor: index the target by enterprise number, probe it once per row, list the rest. */
function hashJoin(rows: ImportRow[], existing: ExistingClient[]) {
  const byNumber = new Map<string, number>();
  for (let t = 0; t < existing.length; t++) {
    const n = (existing[t] as ExistingClient).client.enterpriseNumber;
    if (n) byNumber.set(n, t);
  }
  const matched = new Uint8Array(existing.length);
  const matching: { ref: string; id: string }[] = [];
  const onlyInImport: string[] = [];
  for (const r of rows) {
    const t = r.enterpriseNumber ? byNumber.get(r.enterpriseNumber.replaceAll(".", "")) : undefined;
    if (t === undefined) onlyInImport.push(r.ref);
    else {
      matching.push({ ref: r.ref, id: (existing[t] as ExistingClient).id });
      matched[t] = 1;
    }
  }
  const onlyInTarget = existing.filter((_, t) => matched[t] === 0);
  return { matching, onlyInImport, onlyInTarget };
}

interface Timing {
  best: number;
  median: number;
}

/**
 * Best and median of ROUNDS rounds. Other processes share this machine's two cores, so the best
 * round (the least disturbed) is the figure compared; the median shows the spread.
 */
function time(fn: () => unknown): Timing {
  for (let i = 0; i < WARMUP; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    gc();
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  out.sort((a, b) => a - b);
  return { best: out[0] ?? Number.NaN, median: out[Math.floor(out.length / 2)] ?? Number.NaN };
}

const sizes = process.argv.includes("--quick") ? [25_000] : [25_000, 50_000, 100_000];
const ms = (t: Timing) => `${t.best.toFixed(1)} (${t.median.toFixed(1)})`;
console.log(
  `reconcile vs bare hash join on the enterprise number: best (median) of ${ROUNDS} rounds after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
);
console.log(
  "rows = clients | reconcile ms      | join ms         | ratio | µs/row | onlyInImport/onlyInTarget/matching/invalid",
);
for (const n of sizes) {
  const { rows, existing } = dataset(n);
  const check = reconcile(rows, existing, { today });
  const floor = hashJoin(rows, existing);
  const r = time(() => reconcile(rows, existing, { today }));
  const j = time(() => hashJoin(rows, existing));
  const buckets = [
    check.onlyInImport.length,
    check.onlyInTarget.length,
    check.matching.length,
    check.invalid.length,
  ];
  const changed = check.matching.filter((m) => m.differences.length > 0).length;
  console.log(
    `${String(n).padStart(14)} | ${ms(r).padEnd(17)} | ${ms(j).padEnd(15)} | ${(r.best / j.best).toFixed(1).padStart(5)} | ${((r.best * 1000) / n).toFixed(2).padStart(6)} | ${buckets.join("/")} (${changed} changed; the join pairs ${floor.matching.length}: companies only)`,
  );
}
