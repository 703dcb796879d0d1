/**
 * Synthetic register entities, each a pure function of (seed, index, revision): any file of the
 * dump can be written in its own pass over the indices, and an update can rebuild exactly the rows
 * an entity had, without holding two million entities in memory.
 */
import { juridicalSituations } from "../format/known-codes.js";

export interface SynthAddress {
  countryNl: string | null;
  countryFr: string | null;
  zipcode: string;
  municipalityNl: string;
  municipalityFr: string;
  streetNl: string;
  streetFr: string;
  houseNumber: string;
  box: string;
  extraAddressInfo: string;
  /** dd-mm-yyyy or null. */
  dateStrikingOff: string | null;
}

export interface SynthName {
  /** 0 unknown, 1 French, 2 Dutch, 3 German, 4 English. */
  language: string;
  /** 001 name, 002 abbreviation, 003 commercial name, 004 branch name. */
  type: string;
  text: string;
}

export interface SynthEntity {
  index: number;
  /** 10 digits, valid mod-97 check. */
  number: string;
  typeOfEnterprise: "1" | "2";
  juridicalSituation: string;
  juridicalForm: string | null;
  juridicalFormCac: string | null;
  startDate: string;
  names: SynthName[];
  rego: SynthAddress | null;
  establishments: { number: string; startDate: string; address: SynthAddress }[];
  branch: { id: string; startDate: string; address: SynthAddress; name: string } | null;
  activities: { group: string; version: string; code: string; classification: string }[];
}

/** mulberry32: tiny, fast, good enough for test data; seeded per entity. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

const pick = <T>(r: () => number, list: readonly T[]): T =>
  list[Math.floor(r() * list.length)] as T;

/** `base8` + its check digits `97 − (base8 mod 97)`. */
export function withCheck(base8: number): string {
  return `${String(base8).padStart(8, "0")}${String(97 - (base8 % 97)).padStart(2, "0")}`;
}

/** Enterprise number of entity `i`: 0-series mostly, every 40th in the 1-series. Unique for i < 4 M. */
export function enterpriseNumberOf(i: number): string {
  return withCheck(i % 40 === 7 ? 10_000_000 + i : 2_000_000 + 2 * i);
}

const establishmentNumberOf = (i: number, k: number) => withCheck(20_000_000 + 2 * i + k);

export const dotEnterprise = (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
export const dotEstablishment = (n: string) =>
  `${n.slice(0, 1)}.${n.slice(1, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;

const surnames = [
  "Peeters",
  "Janssens",
  "Maes",
  "Jacobs",
  "Mertens",
  "Willems",
  "Claes",
  "Goossens",
  "Wouters",
  "De Smet",
  "Dubois",
  "Lambert",
  "Dupont",
  "Martin",
  "Simon",
  "Laurent",
  "Leclercq",
  "Lejeune",
  "Renard",
  "Hermans",
  "Vermeulen",
  "Van Damme",
  "François",
  "Lefèvre",
  "Desmet",
  "Van den Broeck",
  "D'Hondt",
];
const firstnames = [
  "Jan",
  "Marc",
  "Luc",
  "Peter",
  "Sofie",
  "An",
  "Els",
  "Tom",
  "Jean",
  "Marie",
  "Pierre",
  "Nathalie",
  "Isabelle",
  "Michel",
  "Emma",
  "Lucas",
  "Noah",
  "Léa",
  "Chloé",
  "Hélène",
  "Jérôme",
  "Anaïs",
];
const wordsNl = [
  "Bakkerij",
  "Bouwwerken",
  "Consult",
  "Dakwerken",
  "Schrijnwerkerij",
  "Transport",
  "Vastgoed",
  "Invest",
  "Advies",
  "Tuinaanleg",
  "Garage",
  "Elektro",
  "Verzekeringen",
  "Immo",
  "Brouwerij",
  "Boekhouding",
];
const wordsFr = [
  "Boulangerie",
  "Construction",
  "Conseil",
  "Toitures",
  "Menuiserie",
  "Transports",
  "Immobilière",
  "Investissements",
  "Garage",
  "Électricité",
  "Assurances",
  "Brasserie",
  "Jardins",
  "Fiduciaire",
  "Pâtisserie",
  "Rénovation",
];

type Place = readonly [zip: string, nl: string, fr: string];
const flanders: Place[] = [
  ["2000", "Antwerpen", "Anvers"],
  ["9000", "Gent", "Gand"],
  ["3000", "Leuven", "Louvain"],
  ["8000", "Brugge", "Bruges"],
  ["2800", "Mechelen", "Malines"],
  ["3500", "Hasselt", "Hasselt"],
  ["8500", "Kortrijk", "Courtrai"],
  ["9300", "Aalst", "Alost"],
];
const wallonia: Place[] = [
  ["4000", "Luik", "Liège"],
  ["5000", "Namen", "Namur"],
  ["6000", "Charleroi", "Charleroi"],
  ["7000", "Bergen", "Mons"],
  ["1300", "Waver", "Wavre"],
  ["4800", "Verviers", "Verviers"],
  ["6700", "Aarlen", "Arlon"],
];
const brussels: Place[] = [
  ["1000", "Brussel", "Bruxelles"],
  ["1030", "Schaarbeek", "Schaerbeek"],
  ["1050", "Elsene", "Ixelles"],
  ["1060", "Sint-Gillis", "Saint-Gilles"],
  ["1180", "Ukkel", "Uccle"],
];
const streetsNl = [
  "Kerkstraat",
  "Stationsstraat",
  "Dorpsstraat",
  "Nieuwstraat",
  "Molenstraat",
  "Schoolstraat",
  "Kapelstraat",
  "Grote Markt",
];
const streetsFr = [
  "Rue de la Station",
  "Rue de l'Église",
  "Rue du Moulin",
  "Chaussée de Bruxelles",
  "Rue Haute",
  "Avenue des Tilleuls",
  "Grand-Place",
];
const streetsBxl: [string, string][] = [
  ["Uyttenhovestraat", "Rue Uyttenhove"],
  ["Wetstraat", "Rue de la Loi"],
  ["Louizalaan", "Avenue Louise"],
  ["Nieuwstraat", "Rue Neuve"],
  ["Koningsstraat", "Rue Royale"],
];

type Region = "flanders" | "wallonia" | "brussels";

function date(r: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${String(d).padStart(2, "0")}-${String(m).padStart(2, "0")}-${y}`;
}

function address(r: () => number, region: Region, struckOff = false): SynthAddress {
  const place = pick(
    r,
    region === "flanders" ? flanders : region === "wallonia" ? wallonia : brussels,
  );
  let streetNl: string;
  let streetFr: string;
  if (region === "brussels") [streetNl, streetFr] = pick(r, streetsBxl);
  else streetNl = streetFr = pick(r, region === "flanders" ? streetsNl : streetsFr);
  const boxed = r() < 0.2;
  return {
    countryNl: null,
    countryFr: null,
    zipcode: place[0],
    municipalityNl: place[1],
    municipalityFr: place[2],
    streetNl,
    streetFr,
    houseNumber: String(1 + Math.floor(r() * 250)),
    box: boxed
      ? region === "flanders"
        ? `bus ${1 + Math.floor(r() * 9)}`
        : `b${1 + Math.floor(r() * 9)}`
      : "",
    extraAddressInfo: "",
    dateStrikingOff: struckOff ? date(r, 2020, 2025) : null,
  };
}

const abnormal = Object.keys(juridicalSituations).filter(
  (c) => c !== "000" && c !== "001" && c !== "100",
);
const formWeights: [string, number][] = [
  ["610", 0.45],
  ["015", 0.1],
  ["014", 0.12],
  ["017", 0.12],
  ["706", 0.06],
  ["612", 0.05],
  ["124", 0.02],
  ["030", 0.01],
];
const nace = ["62010", "69201", "47111", "56101", "41201", "43221", "70220", "86210"];

function formOf(r: () => number): string {
  let x = r();
  for (const [code, w] of formWeights) {
    if (x < w) return code;
    x -= w;
  }
  return "610";
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .toUpperCase();
}

/** Entity `i` as it is in revision `rev` (0: the full dump; an update's extract number after). */
export function entity(seed: number, i: number, rev = 0): SynthEntity {
  const r = rng(mix(seed, i));
  const number = enterpriseNumberOf(i);
  const natural = r() < 0.4;
  const x = r();
  const region: Region = x < 0.55 ? "flanders" : x < 0.85 ? "wallonia" : "brussels";
  const situation = r() < 0.96 ? "000" : pick(r, abnormal);
  const startDate = date(r, 1960, 2024);
  const names: SynthName[] = [];
  const establishments: SynthEntity["establishments"] = [];
  let rego: SynthAddress | null = null;
  let branch: SynthEntity["branch"] = null;
  let form: string | null = null;
  let formCac: string | null = null;

  const surname = pick(r, surnames);
  if (natural) {
    names.push({ language: "0", type: "001", text: `${surname}, ${pick(r, firstnames)}` });
  } else {
    form = formOf(r);
    if (form === "015" && r() < 0.3) formCac = "610";
    const k = Math.floor(r() * wordsNl.length);
    const nl = `${wordsNl[k]} ${surname}`;
    const fr = `${wordsFr[k]} ${surname}`;
    if (form === "030") {
      names.push({ language: "4", type: "001", text: `${surname} International Trading, Ltd` });
    } else if (region === "brussels") {
      names.push(
        { language: "1", type: "001", text: fr },
        { language: "2", type: "001", text: nl },
      );
    } else {
      names.push({
        language: region === "flanders" ? "2" : "1",
        type: "001",
        text: region === "flanders" ? nl : fr,
      });
    }
    const main = names[0] as SynthName;
    if (r() < 0.2) names.push({ language: main.language, type: "002", text: initials(main.text) });
    if (r() < 0.15)
      names.push({
        language: main.language,
        type: "003",
        text: `${surname} & ${r() < 0.5 ? "Zonen" : "Fils"}`,
      });
    if (form === "030") {
      rego = {
        countryNl: "Frankrijk",
        countryFr: "France",
        zipcode: "75008",
        municipalityNl: "Parijs",
        municipalityFr: "Paris",
        streetNl: "Rue du Faubourg Saint-Honoré",
        streetFr: "Rue du Faubourg Saint-Honoré",
        houseNumber: String(1 + Math.floor(r() * 200)),
        box: "",
        extraAddressInfo: "",
        dateStrikingOff: null,
      };
      branch = {
        id: String(9_000_000_000 + i),
        startDate: date(r, 1990, 2024),
        address: address(r, region),
        name: `${surname} Belgium`,
      };
    } else {
      rego = address(r, region, r() < 0.003);
    }
  }
  const nEst = natural ? 1 : r() < 0.5 ? 0 : r() < 0.7 ? 1 : 2;
  for (let k = 0; k < nEst; k++) {
    establishments.push({
      number: establishmentNumberOf(i, k),
      startDate: date(r, 1990, 2024),
      address: address(r, region),
    });
  }
  const activities = [
    { group: "003", version: "2025", code: pick(r, nace), classification: "MAIN" },
  ];

  const e: SynthEntity = {
    index: i,
    number,
    typeOfEnterprise: natural ? "1" : "2",
    juridicalSituation: situation,
    juridicalForm: form,
    juridicalFormCac: formCac,
    startDate,
    names,
    rego,
    establishments,
    branch,
    activities,
  };
  if (rev > 0) revise(e, rng(mix(seed, i, rev)), region);
  return e;
}

/** What an update changes: a name word, the seat's house number, sometimes the situation. */
function revise(e: SynthEntity, r: () => number, region: Region): void {
  if (e.typeOfEnterprise === "2") {
    const k = Math.floor(r() * wordsNl.length);
    e.names = e.names.map((n) =>
      n.type !== "001" || n.language === "4"
        ? n
        : {
            ...n,
            text: `${n.language === "2" ? wordsNl[k] : wordsFr[k]} ${n.text.split(" ").slice(1).join(" ")}`,
          },
    );
    if (e.rego && e.rego.countryNl === null)
      e.rego = { ...e.rego, houseNumber: String(251 + Math.floor(r() * 100)) };
  } else {
    const est = e.establishments[0];
    if (est) est.address = address(r, region);
  }
  if (r() < 0.3) e.juridicalSituation = "012";
}
