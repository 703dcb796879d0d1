import { env } from "cloudflare:workers";
import {
  addressFile,
  codeFile,
  createSqlStore,
  denominationFile,
  enterpriseFile,
  establishmentFile,
  type LoadResult,
  loadDump,
  memoryDump,
  metaFile,
  type SqlStatement,
} from "@pulsebridge/kbo/portable";

/** A register entry, written as the KBO files write it. */
export interface RegisterFixtureEntry {
  number: string;
  situation?: string;
  form?: string | null;
  type?: "1" | "2";
  names: { lang: string; type?: string; text: string }[];
  rego?: { street: string; streetFr?: string; number: string; zip: string; city: string } | null;
}

const q = (s: string | null) => (s === null ? "" : `"${s.replaceAll('"', '""')}"`);
const dotted = (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
const dmy = (iso: string) => iso.split("-").reverse().join("-");

/** The CSV files of a small synthetic Full dump, in the exact open-data format. */
export function registerFiles(
  entries: RegisterFixtureEntry[],
  meta: { snapshotDate: string; extractNumber: number },
): Record<string, string> {
  // Headers from the format's own file specs: one source for the open-data columns.
  const lines = (header: readonly string[], rows: string[]) =>
    `${header.map(q).join(",")}\n${rows.map((r) => `${r}\n`).join("")}`;
  return {
    "meta.csv": lines(metaFile.columns, [
      `"SnapshotDate","${dmy(meta.snapshotDate)}"`,
      `"ExtractTimestamp","${dmy(meta.snapshotDate)} 07:40:18"`,
      `"ExtractType","full"`,
      `"ExtractNumber","${meta.extractNumber}"`,
      `"Version","1.0.0"`,
    ]),
    "code.csv": lines(codeFile.columns, [
      `"JuridicalForm","610","NL","Besloten Vennootschap"`,
      `"JuridicalForm","610","FR","Société à responsabilité limitée"`,
      `"JuridicalSituation","000","NL","Normale toestand"`,
      `"JuridicalSituation","000","FR","Situation normale"`,
      `"JuridicalSituation","012","NL","Vrijwillige ontbinding - vereffening"`,
      `"JuridicalSituation","012","FR","Dissolution volontaire - liquidation"`,
    ]),
    "enterprise.csv": lines(
      enterpriseFile.columns,
      entries.map(
        (e) =>
          `${q(dotted(e.number))},"AC",${q(e.situation ?? "000")},${q(e.type ?? "2")},${q(e.form === undefined ? "610" : e.form)},,01-02-2010`,
      ),
    ),
    "establishment.csv": lines(establishmentFile.columns, []),
    "denomination.csv": lines(
      denominationFile.columns,
      entries.flatMap((e) =>
        e.names.map(
          (n) => `${q(dotted(e.number))},${q(n.lang)},${q(n.type ?? "001")},${q(n.text)}`,
        ),
      ),
    ),
    "address.csv": lines(
      addressFile.columns,
      entries.flatMap((e) =>
        e.rego
          ? [
              `${q(dotted(e.number))},"REGO",,,${q(e.rego.zip)},${q(e.rego.city)},${q(e.rego.city)},${q(e.rego.street)},${q(e.rego.streetFr ?? e.rego.street)},${q(e.rego.number)},"","",`,
            ]
          : [],
      ),
    ),
  };
}

/** Loads a synthetic register into the test's D1 through the SQL store: each commit one D1 batch. */
export async function loadRegister(
  entries: RegisterFixtureEntry[],
  meta = { snapshotDate: "2025-10-04", extractNumber: 140 },
): Promise<LoadResult & { batches: number }> {
  let batches = 0;
  const store = createSqlStore({
    execBatch: async (statements: SqlStatement[]) => {
      batches++;
      await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
    },
    queryAll: async (sql, params) =>
      (
        await env.DB.prepare(sql)
          .bind(...params)
          .all<Record<string, unknown>>()
      ).results,
  });
  const source = memoryDump(`KboOpenData_${meta.extractNumber}_Full`, registerFiles(entries, meta));
  const result = await loadDump(source, store);
  return { ...result, batches };
}
