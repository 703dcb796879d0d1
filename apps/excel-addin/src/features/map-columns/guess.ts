/**
 * Guesses which of a user's headers holds which of our fields, from the names other tools and
 * people use in nl/fr/en. The user confirms or corrects the guess once per sheet layout.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { columns, type FieldKey, isStatusHeader, type Mapping } from "../sheet/columns.js";

const aliases: Record<FieldKey, string[]> = {
  adminpulseId: ["adminpulse id", "adminpulse", "guid"],
  code: [
    "code",
    "klantnummer",
    "klantcode",
    "dossiernummer",
    "dossier",
    "numero client",
    "reference",
    "ref",
    "customer code",
    "client number",
    "client code",
  ],
  kind: ["soort", "type", "type klant", "type client", "kind", "klanttype"],
  name: [
    "naam",
    "nom",
    "name",
    "bedrijfsnaam",
    "firmanaam",
    "benaming",
    "denomination",
    "raison sociale",
    "company name",
    "klantnaam",
    "naam klant",
    "nom du client",
    "client",
  ],
  firstName: ["voornaam", "prenom", "first name", "firstname", "given name", "roepnaam"],
  lastName: ["familienaam", "achternaam", "nom de famille", "last name", "lastname", "surname"],
  iban: [
    "iban",
    "rekeningnummer",
    "bankrekening",
    "compte bancaire",
    "numero de compte",
    "bank account",
  ],
  bic: ["bic", "swift", "bic code", "code bic"],
  enterpriseNumber: [
    "ondernemingsnummer",
    "ondernemingsnr",
    "onderneming",
    "kbo",
    "kbo nummer",
    "kbo nr",
    "n d entreprise",
    "numero d entreprise",
    "no d entreprise",
    "numero entreprise",
    "bce",
    "numero bce",
    "company number",
    "enterprise number",
    "cbe",
    "cbe number",
  ],
  nationalNumber: [
    "rijksregisternummer",
    "rijksregister",
    "rijksregisternr",
    "rrn",
    "insz",
    "inss",
    "niss",
    "numero national",
    "numero de registre national",
    "registre national",
    "national number",
    "national register number",
    "bis nummer",
    "bisnummer",
  ],
  vatNumber: [
    "btw nummer",
    "btw",
    "btw nr",
    "btwnummer",
    "n tva",
    "numero de tva",
    "numero tva",
    "tva",
    "vat",
    "vat number",
    "vat nr",
  ],
  legalForm: ["rechtsvorm", "forme juridique", "legal form", "vennootschapsvorm", "vorm"],
  language: ["taal", "langue", "language", "correspondentietaal", "langue de correspondance"],
  email: [
    "e mail",
    "email",
    "mail",
    "e mailadres",
    "emailadres",
    "adresse e mail",
    "adresse email",
    "courriel",
    "e mail address",
  ],
  phone: ["telefoon", "tel", "telephone", "phone", "gsm", "telefoonnummer", "mobile", "portable"],
  street: ["straat", "rue", "street", "adres", "adresse", "address", "straat en nummer"],
  number: ["huisnummer", "nummer", "nr", "numero", "n", "house number", "no"],
  box: ["bus", "boite", "box", "bte", "busnummer"],
  postalCode: ["postcode", "code postal", "cp", "postal code", "zip", "zip code", "postnummer"],
  city: [
    "gemeente",
    "stad",
    "plaats",
    "woonplaats",
    "localite",
    "ville",
    "commune",
    "city",
    "town",
  ],
  country: ["land", "pays", "country", "landcode", "code pays"],
  generalMeetingDate: [
    "algemene vergadering",
    "datum av",
    "datum algemene vergadering",
    "av",
    "jaarvergadering",
    "assemblee generale",
    "date ag",
    "ag",
    "date de l assemblee generale",
    "general meeting",
    "agm",
    "general meeting date",
  ],
  responsibleUser: [
    "verantwoordelijke",
    "dossierbeheerder",
    "dossierverantwoordelijke",
    "beheerder",
    "responsable",
    "gestionnaire",
    "responsible",
    "accountmanager",
    "account manager",
    "manager",
  ],
  directors: [
    "bestuurders",
    "zaakvoerders",
    "bestuurder",
    "zaakvoerder",
    "bestuursorgaan",
    "administrateurs",
    "administrateur",
    "gerants",
    "gerant",
    "directors",
    "director",
    "managers",
  ],
  shareholders: [
    "aandeelhouders",
    "aandeelhouder",
    "vennoten",
    "actionnaires",
    "actionnaire",
    "associes",
    "shareholders",
    "shareholder",
    "partners",
  ],
  auditors: [
    "commissarissen",
    "commissaris",
    "commissaires",
    "commissaire",
    "reviseur",
    "reviseurs",
    "auditors",
    "auditor",
  ],
  otherLinks: [
    "andere relaties",
    "autres relations",
    "other links",
    "relaties",
    "relations",
    "links",
  ],
};

/** Lower case, accents and punctuation gone: "N° d'entreprise" → "n d entreprise". */
export function foldHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

interface Candidate {
  header: string;
  key: FieldKey;
  score: number;
}

export function guessMapping(headers: string[]): Mapping {
  const candidates: Candidate[] = [];
  headers.forEach((header, position) => {
    if (isStatusHeader(header)) return;
    const f = foldHeader(header);
    if (!f) return;
    for (const col of columns) {
      let score = 0;
      if (Object.values(col.labels).some((l) => foldHeader(l) === f)) score = 4;
      else if (aliases[col.key].includes(f)) score = 3;
      else if (
        aliases[col.key].some(
          (a) => a.length >= 4 && (f.startsWith(`${a} `) || f.endsWith(` ${a}`)),
        )
      )
        score = 2;
      else if (aliases[col.key].some((a) => a.length >= 5 && f.includes(a))) score = 1;
      // Earlier columns win ties (the first "Naam" is the client's, later ones are contacts).
      if (score) candidates.push({ header, key: col.key, score: score - position / 10_000 });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.key] !== undefined || used.has(c.header)) continue;
    mapping[c.key] = c.header;
    used.add(c.header);
  }
  return mapping;
}

/** Headers of ours in the user's language, keeping the text of columns the sheet already has. */
export function headersFor(
  existing: string[],
  lang: UiLanguage,
): { mapping: Mapping; headers: string[] } {
  const found = guessExact(existing);
  const mapping: Mapping = {};
  const headers = columns.map((col) => {
    const h = found[col.key] ?? col.labels[lang];
    mapping[col.key] = h;
    return h;
  });
  return { mapping, headers };
}

/** Only exact label matches (any language): for tables we wrote ourselves. */
export function guessExact(headers: string[]): Mapping {
  const mapping: Mapping = {};
  for (const h of headers) {
    const f = foldHeader(h);
    const col = columns.find((c) => Object.values(c.labels).some((l) => foldHeader(l) === f));
    if (col && mapping[col.key] === undefined) mapping[col.key] = h;
  }
  return mapping;
}

/** True when the sheet already has our columns (a pulled table): no mapping step needed. */
export function isPulsebridgeTable(headers: string[]): boolean {
  const m = guessExact(headers);
  return m.name !== undefined && m.enterpriseNumber !== undefined && m.adminpulseId !== undefined;
}
