/**
 * The seeded sheet rows of bench/validate-row.ts: 100,000 rows the way an office's sheet holds them.
 * The columns the first validateRow did not know (IBAN, first and last name) are in the rows from
 * the start, so the figure before and after the field checks is taken on the same input: the old
 * validateRow ignored them, the new one checks them.
 *
 * Mix: 85 % companies, 15 % persons (split names, national number); dotted enterprise numbers;
 * Belgian phone numbers as typed (landlines and mobiles, some +32); e-mail at common and Belgian
 * providers, 3 % with a mistyped domain; a real postcode with its municipality, 3 % with another
 * town's name; an IBAN on 60 % of rows (2 % of them mistyped); words for kind and language.
 */
import type { ImportRow } from "../src/model/client.js";
import { seeded } from "./support.js";

export const today = new Date("2026-06-01T00:00:00Z");

let rand = seeded(11);
const int = (n: number) => Math.floor(rand() * n);
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

function enterprise(base: number): string {
  const e = `${pad(base, 8)}${pad(97 - (base % 97), 2)}`;
  return `${e.slice(0, 4)}.${e.slice(4, 7)}.${e.slice(7)}`;
}
function national(i: number): string {
  const base = `${pad(40 + (i % 60), 2)}${pad(1 + (i % 12), 2)}${pad(1 + (i % 28), 2)}${pad(1 + (Math.floor(i / 28) % 997), 3)}`;
  return `${base}${pad(97 - (Number(base) % 97), 2)}`;
}
/** A Belgian IBAN for bank code `bank` (3 digits) and a 7-digit account. */
function iban(bank: string, account: number): string {
  const first10 = `${bank}${pad(account, 7)}`;
  const bban = `${first10}${pad(Number(first10) % 97 || 97, 2)}`;
  const kk = 98 - Number(BigInt(`${bban}111400`) % 97n);
  const s = `BE${pad(kk, 2)}${bban}`;
  return `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8, 12)} ${s.slice(12)}`;
}

/** Postcodes with their municipality as bpost writes them (nl or fr), well-known pairs only. */
const places: readonly (readonly [string, string])[] = [
  ["9000", "Gent"],
  ["2000", "Antwerpen"],
  ["1000", "Brussel"],
  ["1050", "Ixelles"],
  ["3000", "Leuven"],
  ["8000", "Brugge"],
  ["4000", "Liège"],
  ["5000", "Namur"],
  ["2800", "Mechelen"],
  ["3500", "Hasselt"],
  ["8500", "Kortrijk"],
  ["9300", "Aalst"],
  ["6000", "Charleroi"],
  ["7000", "Mons"],
];
const banks = ["001", "068", "363", "737", "979", "083", "103", "143"];
const domains = [
  "gmail.com",
  "telenet.be",
  "skynet.be",
  "proximus.be",
  "hotmail.com",
  "outlook.be",
];
const typos = ["gmial.com", "telenet.b", "skynet.bee", "hotmial.com", "proximus.eb", "gmail.con"];
const firstNames = ["Jan", "Marie", "Luc", "Sofie", "Pieter", "Nathalie", "Koen", "Élodie"];
const lastNames = ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Van den Broeck", "De Smet"];
const forms = ["BV", "NV", "SRL", "VZW", "CommV"];

function phone(i: number): string {
  const r = i % 4;
  const n = pad(i % 10_000_000, 7);
  if (r === 0) return `09 2${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`;
  if (r === 1) return `047${i % 10} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`;
  if (r === 2) return `+32 4${80 + (i % 20)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`;
  return `02/5${n.slice(1, 3)}.${n.slice(3, 5)}.${n.slice(5, 7)}`;
}

function row(i: number): ImportRow {
  const person = i % 20 >= 17;
  const [postalCode, city0] = pick(places);
  const city = rand() < 0.03 ? (pick(places)[1] as string) : (city0 as string);
  const first = pick(firstNames);
  const last = pick(lastNames);
  const domain = rand() < 0.03 ? pick(typos) : pick(domains);
  const r: Record<string, unknown> = {
    ref: String(i + 2),
    kind: person ? "Natuurlijk persoon" : "Vennootschap",
    name: person ? `${last} ${first}` : `Onderneming ${i} ${forms[i % forms.length]}`,
    firstName: person ? first : "",
    lastName: person ? last : "",
    enterpriseNumber: person ? "" : enterprise(2_000_000 + i * 17),
    nationalNumber: person ? national(i) : "",
    legalForm: person ? "" : forms[i % forms.length],
    language: i % 2 === 0 ? "Nederlands" : "Français",
    email: `${person ? first.toLowerCase() : `info${i}`}@${domain}`,
    phone: phone(i),
    iban: rand() < 0.6 ? iban(pick(banks), i % 10_000_000) : "",
    address: {
      street: "Kerkstraat",
      number: String(1 + (i % 200)),
      box: "",
      postalCode,
      city,
      country: "België",
    },
    generalMeetingDate: person ? "" : `1${i % 10}/0${1 + (i % 9)}/2024`,
    responsibleUser: `Medewerker ${i % 12}`,
    links: [],
  };
  if (typeof r.iban === "string" && r.iban && rand() < 0.02) r.iban = `${r.iban.slice(0, -1)}0`;
  return r as unknown as ImportRow;
}

export function sheetRows(n: number): ImportRow[] {
  rand = seeded(11);
  const rows: ImportRow[] = [];
  for (let i = 0; i < n; i++) rows.push(row(i));
  return rows;
}
