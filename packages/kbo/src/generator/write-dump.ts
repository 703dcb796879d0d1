/**
 * Writes a synthetic dump (Full) or update (Update) in the exact format of the KBO Open Data files:
 * quoted text, unquoted dates, NULL as nothing between two commas, `""` for an empty string,
 * LF line ends, UTF-8 without BOM, CSVs at the ZIP root. Deterministic from the seed.
 */

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import yazl from "yazl";
import { juridicalSituations, legalForms } from "../format/known-codes.js";
import {
  activityFile,
  addressFile,
  branchFile,
  codeFile,
  contactColumns,
  denominationFile,
  enterpriseFile,
  establishmentFile,
  metaFile,
} from "../format/schemas.js";
import {
  dotEnterprise,
  dotEstablishment,
  entity,
  mix,
  rng,
  type SynthAddress,
  type SynthEntity,
} from "./entities.js";

const q = (s: string | null) => (s === null ? "" : `"${s.replaceAll('"', '""')}"`);
const header = (cols: readonly string[]) => `${cols.map(q).join(",")}\n`;
/** Branch Ids look like an establishment number (`9.000.000.001`). */
const dotEntity = (n: string) =>
  n.startsWith("0") || n.startsWith("1") ? dotEnterprise(n) : dotEstablishment(n);

/** Buffers lines and writes them in large chunks, waiting when the stream asks to. */
class LineWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly stream: WriteStream) {}
  async line(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const ok = this.stream.write(this.buf.join(""));
    this.buf = [];
    this.size = 0;
    if (!ok) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

async function writeFile(
  dir: string,
  name: string,
  head: string,
  body: (w: LineWriter) => Promise<void>,
): Promise<void> {
  const w = new LineWriter(createWriteStream(path.join(dir, name)));
  await w.line(head);
  await body(w);
  await w.close();
}

export const enterpriseLine = (e: SynthEntity) =>
  `${q(dotEnterprise(e.number))},"AC",${q(e.juridicalSituation)},${q(e.typeOfEnterprise)},${q(e.juridicalForm)},${q(e.juridicalFormCac)},${e.startDate}\n`;

const addressLine = (entityNumber: string, type: string, a: SynthAddress) =>
  `${q(entityNumber)},${q(type)},${q(a.countryNl)},${q(a.countryFr)},${q(a.zipcode)},${q(a.municipalityNl)},${q(a.municipalityFr)},${q(a.streetNl)},${q(a.streetFr)},${q(a.houseNumber)},${q(a.box)},${q(a.extraAddressInfo)},${a.dateStrikingOff ?? ""}\n`;

function denominationLines(e: SynthEntity): string {
  let s = "";
  for (const n of e.names)
    s += `${q(dotEnterprise(e.number))},${q(n.language)},${q(n.type)},${q(n.text)}\n`;
  if (e.branch) s += `${q(dotEntity(e.branch.id))},"1","004",${q(e.branch.name)}\n`;
  return s;
}

function addressLines(e: SynthEntity): string {
  let s = "";
  if (e.rego) s += addressLine(dotEnterprise(e.number), "REGO", e.rego);
  for (const est of e.establishments)
    s += addressLine(dotEstablishment(est.number), "BAET", est.address);
  if (e.branch) s += addressLine(dotEntity(e.branch.id), "ABBR", e.branch.address);
  return s;
}

const establishmentLines = (e: SynthEntity) =>
  e.establishments
    .map((x) => `${q(dotEstablishment(x.number))},${x.startDate},${q(dotEnterprise(e.number))}\n`)
    .join("");
const branchLines = (e: SynthEntity) =>
  e.branch
    ? `${q(dotEntity(e.branch.id))},${e.branch.startDate},${q(dotEnterprise(e.number))}\n`
    : "";
const activityLines = (e: SynthEntity) =>
  e.activities
    .map(
      (a) =>
        `${q(dotEnterprise(e.number))},${q(a.group)},${q(a.version)},${q(a.code)},${q(a.classification)}\n`,
    )
    .join("");
const contactLines = (e: SynthEntity) =>
  e.index % 10 === 3 ? `${q(dotEnterprise(e.number))},"ENT","TEL","053/39-00-70"\n` : "";
/** Every entity number that holds rows of `e` (enterprise, establishments, branch). */
const entityNumbers = (e: SynthEntity) => [
  dotEnterprise(e.number),
  ...e.establishments.map((x) => dotEstablishment(x.number)),
  ...(e.branch ? [dotEntity(e.branch.id)] : []),
];

/** code.csv: the categories the check reads, plus NACE rows with a doubled quote and a comma. */
export function codeCsv(): string {
  const rows: [string, string, string, string][] = [];
  const both = (cat: string, code: string, nl: string, fr: string, de?: string) => {
    rows.push([cat, code, "NL", nl], [cat, code, "FR", fr]);
    if (de) rows.push([cat, code, "DE", de]);
  };
  for (const [c, f] of Object.entries(legalForms)) both("JuridicalForm", c, f.nl, f.fr, f.de);
  for (const [c, s] of Object.entries(juridicalSituations))
    both("JuridicalSituation", c, s.nl, s.fr, s.nl);
  both("TypeOfEnterprise", "0", "Onbekend", "Inconnu");
  both("TypeOfEnterprise", "1", "Natuurlijk persoon", "Personne physique");
  both("TypeOfEnterprise", "2", "Rechtspersoon", "Personne morale");
  both("TypeOfAddress", "REGO", "Adres van de zetel", "Adresse du siège");
  both(
    "TypeOfAddress",
    "BAET",
    "Adres van de vestigingseenheid",
    "Adresse de l'unité d'établissement",
  );
  both("TypeOfAddress", "ABBR", "Adres van het bijkantoor", "Adresse de la succursale");
  both(
    "TypeOfAddress",
    "OBAD",
    "Adres oudste actieve vestigingseenheid",
    "Adresse de la plus ancienne unité d'établissement active",
  );
  both("TypeOfDenomination", "001", "Naam", "Dénomination");
  both("TypeOfDenomination", "002", "Afkorting", "Abréviation");
  both("TypeOfDenomination", "003", "Commerciële naam", "Dénomination commerciale");
  both("TypeOfDenomination", "004", "Naam van het bijkantoor", " Dénomination de la succursale");
  both("Language", "0", "Onbekend", "Inconnu");
  both("Language", "1", "Frans", "Français");
  both("Language", "2", "Nederlands", "Néerlandais");
  both("Language", "3", "Duits", "Allemand");
  both("Language", "4", "Engels", "Anglais");
  both("Status", "AC", "Actief", "Actif");
  both(
    "Nace2025",
    "07210",
    'Winning van uraniumerts ("yellow cake")',
    'Extraction de minerais d\'uranium ("yellow cake")',
  );
  both(
    "Nace2025",
    "62010",
    "Ontwerpen en programmeren van computerprogramma's",
    "Programmation informatique",
  );
  both(
    "Nace2025",
    "69201",
    "Accountants, boekhouders en belastingconsulenten",
    "Activités des experts-comptables, comptables et conseils fiscaux",
  );
  both(
    "Nace2025",
    "47111",
    "Detailhandel in niet-gespecialiseerde winkels, voedings- en genotmiddelen",
    "Commerce de détail en magasin non spécialisé, à prédominance alimentaire",
  );
  both("ActivityGroup", "003", "Activiteiten", "Activités");
  both("Classification", "MAIN", "Hoofdactiviteit", "Activité principale");
  both("ContactType", "TEL", "Telefoonnummer", "Numéro de téléphone");
  both("EntityContact", "ENT", "Onderneming", "Entreprise");
  return header(codeFile.columns) + rows.map((r) => `${r.map(q).join(",")}\n`).join("");
}

export interface DumpOptions {
  seed: number;
  /** Enterprises in the full dump (indices 0…enterprises−1). */
  enterprises: number;
  extractNumber: number;
  /** ISO `YYYY-MM-DD`. The dump is named after the next day, the day it is created. */
  snapshotDate: string;
  zip?: boolean;
}

export interface UpdateOptions extends DumpOptions {
  /** Entities changed (delete + insert), removed (delete only) and added (insert only). */
  changed: number;
  removed: number;
  added: number;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

export function dumpName(
  extractNumber: number,
  snapshotDate: string,
  type: "Full" | "Update",
): string {
  const created = new Date(`${snapshotDate}T00:00:00Z`);
  created.setUTCDate(created.getUTCDate() + 1);
  const [y, m, d] = created.toISOString().slice(0, 10).split("-");
  return `KboOpenData_${String(extractNumber).padStart(4, "0")}_${y}_${m}_${d}_${type}`;
}

function metaCsv(o: DumpOptions, type: "full" | "update"): string {
  const created = new Date(`${o.snapshotDate}T07:40:18Z`);
  created.setUTCDate(created.getUTCDate() + 1);
  const ts = `${ddmmyyyy(created.toISOString().slice(0, 10))} 07:40:18`;
  const rows = [
    ["SnapshotDate", ddmmyyyy(o.snapshotDate)],
    ["ExtractTimestamp", ts],
    ["ExtractType", type],
    ["ExtractNumber", String(o.extractNumber)],
    ["Version", "1.0.0"],
  ];
  return header(metaFile.columns) + rows.map((r) => `${r.map(q).join(",")}\n`).join("");
}

async function writeSmall(dir: string, name: string, text: string) {
  await writeFile(dir, name, text, async () => {});
}

/** Writes a Full dump into `outDir`; returns the path of the folder or ZIP. */
export async function writeFullDump(outDir: string, o: DumpOptions): Promise<string> {
  const name = dumpName(o.extractNumber, o.snapshotDate, "Full");
  const dir = path.join(outDir, name);
  await mkdir(dir, { recursive: true });
  await writeSmall(dir, "meta.csv", metaCsv(o, "full"));
  await writeSmall(dir, "code.csv", codeCsv());
  const perEntity = async (
    file: string,
    cols: readonly string[],
    lines: (e: SynthEntity) => string,
  ) =>
    writeFile(dir, file, header(cols), async (w) => {
      for (let i = 0; i < o.enterprises; i++) {
        const s = lines(entity(o.seed, i));
        if (s) await w.line(s);
      }
    });
  await perEntity("enterprise.csv", enterpriseFile.columns, enterpriseLine);
  await perEntity("establishment.csv", establishmentFile.columns, establishmentLines);
  await perEntity("denomination.csv", denominationFile.columns, denominationLines);
  await perEntity("address.csv", addressFile.columns, addressLines);
  await perEntity("contact.csv", contactColumns, contactLines);
  await perEntity("activity.csv", activityFile.columns, activityLines);
  await perEntity("branch.csv", branchFile.columns, branchLines);
  return o.zip ? zipFolder(dir) : dir;
}

/** The indices an update touches, disjoint and deterministic from (seed, extract number). */
export function updatePlan(o: UpdateOptions): {
  changed: number[];
  removed: number[];
  added: number[];
} {
  const r = rng(mix(o.seed, o.extractNumber, 0x5eed));
  const picked = new Set<number>();
  const draw = (n: number) => {
    const out: number[] = [];
    while (out.length < Math.min(n, o.enterprises - picked.size)) {
      const i = Math.floor(r() * o.enterprises);
      if (!picked.has(i)) {
        picked.add(i);
        out.push(i);
      }
    }
    return out.sort((a, b) => a - b);
  };
  const changed = draw(o.changed);
  const removed = draw(o.removed);
  const added = Array.from({ length: o.added }, (_, k) => o.enterprises + k);
  return { changed, removed, added };
}

/**
 * Writes an Update: each changed entity's rows are replaced (its keys in `<t>_delete.csv`, all its
 * current rows in `<t>_insert.csv`), removed entities are only deleted, added ones only inserted.
 */
export async function writeUpdate(outDir: string, o: UpdateOptions): Promise<string> {
  const name = dumpName(o.extractNumber, o.snapshotDate, "Update");
  const dir = path.join(outDir, name);
  await mkdir(dir, { recursive: true });
  const plan = updatePlan(o);
  const before = [...plan.changed, ...plan.removed].map((i) => entity(o.seed, i));
  const after = [
    ...plan.changed.map((i) => entity(o.seed, i, o.extractNumber)),
    ...plan.added.map((i) => entity(o.seed, i)),
  ];
  const one = (col: string) => header([col]);
  const lines = async (file: string, head: string, text: string) =>
    writeFile(dir, file, head, async (w) => {
      if (text) await w.line(text);
    });
  const uniq = (xs: string[]) => [...new Set(xs)].map((x) => `${q(x)}\n`).join("");

  await writeSmall(dir, "meta.csv", metaCsv(o, "update"));
  await writeSmall(dir, "code.csv", codeCsv());
  await lines(
    "enterprise_delete.csv",
    one("EnterpriseNumber"),
    uniq(before.map((e) => dotEnterprise(e.number))),
  );
  await lines(
    "enterprise_insert.csv",
    header(enterpriseFile.columns),
    after.map(enterpriseLine).join(""),
  );
  await lines(
    "establishment_delete.csv",
    one("EstablishmentNumber"),
    uniq(before.flatMap((e) => e.establishments.map((x) => dotEstablishment(x.number)))),
  );
  await lines(
    "establishment_insert.csv",
    header(establishmentFile.columns),
    after.map(establishmentLines).join(""),
  );
  await lines(
    "denomination_delete.csv",
    one("EntityNumber"),
    uniq(
      before.flatMap((e) => [
        dotEnterprise(e.number),
        ...(e.branch ? [dotEntity(e.branch.id)] : []),
      ]),
    ),
  );
  await lines(
    "denomination_insert.csv",
    header(denominationFile.columns),
    after.map(denominationLines).join(""),
  );
  await lines("address_delete.csv", one("EntityNumber"), uniq(before.flatMap(entityNumbers)));
  await lines("address_insert.csv", header(addressFile.columns), after.map(addressLines).join(""));
  await lines(
    "activity_delete.csv",
    one("EntityNumber"),
    uniq(before.map((e) => dotEnterprise(e.number))),
  );
  await lines(
    "activity_insert.csv",
    header(activityFile.columns),
    after.map(activityLines).join(""),
  );
  // Only removed entities lose their branch; changed ones keep it: usually header-only.
  const removedSet = new Set(plan.removed);
  await lines(
    "branch_delete.csv",
    one("Id"),
    uniq(
      before
        .filter((e) => removedSet.has(e.index) && e.branch)
        .map((e) => dotEntity((e.branch as { id: string }).id)),
    ),
  );
  await lines(
    "branch_insert.csv",
    header(branchFile.columns),
    after
      .filter((e) => e.index >= o.enterprises)
      .map(branchLines)
      .join(""),
  );
  await lines("contact_delete.csv", one("EntityNumber"), "");
  await lines("contact_insert.csv", header(contactColumns), "");
  return o.zip ? zipFolder(dir) : dir;
}

/** Zips the folder's CSVs at the ZIP root, then removes the folder. */
async function zipFolder(dir: string): Promise<string> {
  const { readdir } = await import("node:fs/promises");
  const target = `${dir}.zip`;
  const zip = new yazl.ZipFile();
  for (const f of (await readdir(dir)).sort())
    zip.addFile(path.join(dir, f), f, { compressionLevel: 1 });
  zip.end();
  const out = createWriteStream(target);
  zip.outputStream.pipe(out);
  await once(out, "finish");
  await rm(dir, { recursive: true, force: true });
  return target;
}
