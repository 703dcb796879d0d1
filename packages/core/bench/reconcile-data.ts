/**
 * The seeded data set of bench/reconcile.ts, in its own module so that profiling scripts can load
 * the same rows without running the benchmark.
 */
import type { Client, ImportRow } from "../src/model/client.js";
import type { ExistingClient } from "../src/reconcile/types.js";
import { seeded } from "./support.js";

export const today = new Date("2026-06-01T00:00:00Z");

let rand = seeded(7);
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

export function dataset(n: number): { rows: ImportRow[]; existing: ExistingClient[] } {
  rand = seeded(7);
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
