/**
 * One enterprise as the register holds it, with what the check needs resolved: code descriptions,
 * names, and the addresses that can stand for its registered address (REGO, the BAET of its
 * establishments for a natural person, the ABBR of a foreign entity's branch).
 */
import { z } from "zod";
import { juridicalSituations, legalForms } from "../format/known-codes.js";
import type { MemoryRegisterStore } from "../load/memory-store.js";
import type { QueryAll } from "../load/sql-store.js";

const describedCode = z.object({
  code: z.string(),
  description: z.object({
    nl: z.string().nullable(),
    fr: z.string().nullable(),
    de: z.string().nullable(),
    en: z.string().nullable(),
  }),
});
export type DescribedCode = z.infer<typeof describedCode>;

export const registerAddressSchema = z.object({
  entityNumber: z.string(),
  typeOfAddress: z.string(),
  countryNl: z.string().nullable(),
  countryFr: z.string().nullable(),
  zipcode: z.string().nullable(),
  municipalityNl: z.string().nullable(),
  municipalityFr: z.string().nullable(),
  streetNl: z.string().nullable(),
  streetFr: z.string().nullable(),
  houseNumber: z.string().nullable(),
  box: z.string().nullable(),
  extraAddressInfo: z.string().nullable(),
  dateStrikingOff: z.string().nullable(),
});
export type RegisterAddress = z.infer<typeof registerAddressSchema>;

export const registerEntrySchema = z.object({
  snapshotDate: z.string(),
  enterpriseNumber: z.string().regex(/^[01]\d{9}$/),
  /** Set when the number looked up was an establishment unit of this enterprise. */
  viaEstablishment: z.string().nullable(),
  status: z.string(),
  typeOfEnterprise: z.string(),
  juridicalSituation: describedCode,
  /** JuridicalFormCAC when filled, else JuridicalForm; null for a natural person. */
  legalForm: describedCode.nullable(),
  startDate: z.string(),
  denominations: z.array(
    z.object({ language: z.string(), typeOfDenomination: z.string(), denomination: z.string() }),
  ),
  addresses: z.array(registerAddressSchema),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

export interface RegisterReader {
  /** The snapshot date of the last extract applied, or null when nothing is loaded. */
  snapshotDate(): Promise<string | null>;
  /** The entry for a 10-digit enterprise or establishment number, or null if it is not in the register. */
  lookup(number: string): Promise<RegisterEntry | null>;
  /**
   * Many numbers at once: entries by the number asked for (absent = not in the register). On SQL
   * this is a fixed handful of queries per 500 numbers (json_each), not a handful per number: D1
   * allows 1,000 queries per invocation and a pulled sheet holds thousands of clients.
   */
  lookupMany(numbers: string[]): Promise<Map<string, RegisterEntry>>;
}

export type CodeLookup = (category: string, code: string) => Promise<Map<string, string>>;

function describe(category: string, code: string, found: Map<string, string>): DescribedCode {
  const known = category === "JuridicalForm" ? legalForms[code] : juridicalSituations[code];
  return {
    code,
    description: {
      nl: found.get("NL") ?? known?.nl ?? null,
      fr: found.get("FR") ?? known?.fr ?? null,
      de: found.get("DE") ?? known?.de ?? null,
      // code.csv defines EN but ships none: our own translation when we have one.
      en: found.get("EN") ?? known?.en ?? null,
    },
  };
}

export interface RawParts {
  enterprise: {
    enterpriseNumber: string;
    status: string;
    juridicalSituation: string;
    typeOfEnterprise: string;
    juridicalForm: string | null;
    juridicalFormCac: string | null;
    startDate: string;
  };
  denominations: RegisterEntry["denominations"];
  addresses: RegisterAddress[];
}

export async function assemble(
  snapshotDate: string,
  viaEstablishment: string | null,
  parts: RawParts,
  codes: CodeLookup,
): Promise<RegisterEntry> {
  const e = parts.enterprise;
  const form = e.juridicalFormCac ?? e.juridicalForm;
  return {
    snapshotDate,
    enterpriseNumber: e.enterpriseNumber,
    viaEstablishment,
    status: e.status,
    typeOfEnterprise: e.typeOfEnterprise,
    juridicalSituation: describe(
      "JuridicalSituation",
      e.juridicalSituation,
      await codes("JuridicalSituation", e.juridicalSituation),
    ),
    legalForm: form ? describe("JuridicalForm", form, await codes("JuridicalForm", form)) : null,
    startDate: e.startDate,
    denominations: parts.denominations,
    addresses: parts.addresses,
  };
}

export const isEstablishment = (n: string) => /^[2-8]\d{9}$/.test(n);

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A `kbo_denominations` row as the entry holds it; both readers below go through it. */
const denominationRow = (n: Record<string, unknown>) => ({
  language: String(n.language),
  typeOfDenomination: String(n.type_of_denomination),
  denomination: String(n.denomination),
});

/** A `kbo_addresses` row as the entry holds it; both readers below go through it. */
const addressRow = (a: Record<string, unknown>) => ({
  entityNumber: String(a.entity_number),
  typeOfAddress: String(a.type_of_address),
  countryNl: str(a.country_nl),
  countryFr: str(a.country_fr),
  zipcode: str(a.zipcode),
  municipalityNl: str(a.municipality_nl),
  municipalityFr: str(a.municipality_fr),
  streetNl: str(a.street_nl),
  streetFr: str(a.street_fr),
  houseNumber: str(a.house_number),
  box: str(a.box),
  extraAddressInfo: str(a.extra_address_info),
  dateStrikingOff: str(a.date_striking_off),
});

/** Reads entries through SQL (D1, bun:sqlite, better-sqlite3), with the tables of `kboSchemaSql`. */
export function createSqlReader(queryAll: QueryAll): RegisterReader {
  const codes: CodeLookup = async (category, code) => {
    const rows = await queryAll(
      "SELECT language, description FROM kbo_codes WHERE category = ? AND code = ?",
      [category, code],
    );
    return new Map(rows.map((r) => [String(r.language), String(r.description)]));
  };
  const reader: RegisterReader = {
    async snapshotDate() {
      const rows = await queryAll(
        "SELECT snapshot_date FROM kbo_meta WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, extract_number DESC LIMIT 1",
        [],
      );
      return str(rows[0]?.snapshot_date);
    },
    async lookup(number) {
      const snapshot = await reader.snapshotDate();
      if (snapshot === null) return null;
      let enterpriseNumber = number;
      let via: string | null = null;
      if (isEstablishment(number)) {
        const est = await queryAll(
          "SELECT enterprise_number FROM kbo_establishments WHERE establishment_number = ?",
          [number],
        );
        if (!est[0]) return null;
        enterpriseNumber = String(est[0].enterprise_number);
        via = number;
      }
      const ent = (
        await queryAll(
          `SELECT enterprise_number, status, juridical_situation, type_of_enterprise, juridical_form, juridical_form_cac, start_date
FROM kbo_enterprises WHERE enterprise_number = ?`,
          [enterpriseNumber],
        )
      )[0];
      if (!ent) return null;
      const names = await queryAll(
        "SELECT language, type_of_denomination, denomination FROM kbo_denominations WHERE entity_number = ? ORDER BY type_of_denomination, language, denomination",
        [enterpriseNumber],
      );
      const addresses = await queryAll(
        `SELECT * FROM kbo_addresses WHERE entity_number = ?
   OR entity_number IN (SELECT establishment_number FROM kbo_establishments WHERE enterprise_number = ?)
   OR entity_number IN (SELECT id FROM kbo_branches WHERE enterprise_number = ?)
ORDER BY entity_number, type_of_address`,
        [enterpriseNumber, enterpriseNumber, enterpriseNumber],
      );
      return assemble(
        snapshot,
        via,
        {
          enterprise: {
            enterpriseNumber: String(ent.enterprise_number),
            status: String(ent.status),
            juridicalSituation: String(ent.juridical_situation),
            typeOfEnterprise: String(ent.type_of_enterprise),
            juridicalForm: str(ent.juridical_form),
            juridicalFormCac: str(ent.juridical_form_cac),
            startDate: String(ent.start_date),
          },
          denominations: names.map(denominationRow),
          addresses: addresses.map(addressRow),
        },
        codes,
      );
    },
    lookupMany: (numbers) => sqlLookupMany(queryAll, reader, numbers),
  };
  return reader;
}

/** Numbers per round of `lookupMany`: one JSON array bound per query, far below D1's limits. */
const LOOKUP_CHUNK = 500;

async function sqlLookupMany(
  queryAll: QueryAll,
  reader: RegisterReader,
  numbers: string[],
): Promise<Map<string, RegisterEntry>> {
  const out = new Map<string, RegisterEntry>();
  const wanted = [...new Set(numbers)];
  if (wanted.length === 0) return out;
  const snapshot = await reader.snapshotDate();
  if (snapshot === null) return out;
  const inList = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;
  // The two code categories the check describes: a few hundred rows, read once per call.
  const codeRows = await queryAll(
    "SELECT category, code, language, description FROM kbo_codes WHERE category IN ('JuridicalForm', 'JuridicalSituation')",
    [],
  );
  const codeMap = new Map<string, Map<string, string>>();
  for (const r of codeRows) {
    const k = `${r.category}|${r.code}`;
    const m = codeMap.get(k) ?? new Map<string, string>();
    m.set(String(r.language), String(r.description));
    codeMap.set(k, m);
  }
  const codes: CodeLookup = async (category, code) =>
    codeMap.get(`${category}|${code}`) ?? new Map();

  for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
    const chunk = wanted.slice(i, i + LOOKUP_CHUNK);
    const via = new Map<string, string>(); // establishment asked for → its enterprise
    const estAsked = chunk.filter(isEstablishment);
    if (estAsked.length > 0) {
      for (const r of await queryAll(
        `SELECT establishment_number, enterprise_number FROM kbo_establishments WHERE ${inList("establishment_number")}`,
        [JSON.stringify(estAsked)],
      ))
        via.set(String(r.establishment_number), String(r.enterprise_number));
    }
    const enterprises = [
      ...new Set(chunk.map((n) => (isEstablishment(n) ? via.get(n) : n)).filter(Boolean)),
    ] as string[];
    if (enterprises.length === 0) continue;
    const ents = new Map<string, Record<string, unknown>>();
    for (const r of await queryAll(
      `SELECT enterprise_number, status, juridical_situation, type_of_enterprise, juridical_form, juridical_form_cac, start_date
FROM kbo_enterprises WHERE ${inList("enterprise_number")}`,
      [JSON.stringify(enterprises)],
    ))
      ents.set(String(r.enterprise_number), r);
    const found = [...ents.keys()];
    if (found.length === 0) continue;
    const foundJson = JSON.stringify(found);
    const names = new Map<string, RegisterEntry["denominations"]>();
    for (const r of await queryAll(
      `SELECT entity_number, language, type_of_denomination, denomination FROM kbo_denominations WHERE ${inList("entity_number")}
ORDER BY entity_number, type_of_denomination, language, denomination`,
      [foundJson],
    )) {
      const list = names.get(String(r.entity_number)) ?? [];
      list.push(denominationRow(r));
      names.set(String(r.entity_number), list);
    }
    // Who else holds addresses of these enterprises: their establishments and branches.
    const holderOf = new Map<string, string>(found.map((n) => [n, n]));
    for (const r of await queryAll(
      `SELECT establishment_number AS holder, enterprise_number FROM kbo_establishments WHERE ${inList("enterprise_number")}
UNION ALL SELECT id AS holder, enterprise_number FROM kbo_branches WHERE ${inList("enterprise_number")}`,
      [foundJson, foundJson],
    ))
      holderOf.set(String(r.holder), String(r.enterprise_number));
    const addresses = new Map<string, RegisterAddress[]>();
    const holders = [...holderOf.keys()];
    for (let h = 0; h < holders.length; h += LOOKUP_CHUNK * 4) {
      for (const a of await queryAll(
        `SELECT * FROM kbo_addresses WHERE ${inList("entity_number")} ORDER BY entity_number, type_of_address`,
        [JSON.stringify(holders.slice(h, h + LOOKUP_CHUNK * 4))],
      )) {
        const owner = holderOf.get(String(a.entity_number));
        if (!owner) continue;
        const list = addresses.get(owner) ?? [];
        list.push(addressRow(a));
        addresses.set(owner, list);
      }
    }
    // Same order as `lookup` (its candidates' order decides which address is offered).
    for (const list of addresses.values())
      list.sort((x, y) =>
        x.entityNumber === y.entityNumber
          ? x.typeOfAddress.localeCompare(y.typeOfAddress)
          : x.entityNumber < y.entityNumber
            ? -1
            : 1,
      );
    for (const asked of chunk) {
      const enterpriseNumber = isEstablishment(asked) ? via.get(asked) : asked;
      const ent = enterpriseNumber ? ents.get(enterpriseNumber) : undefined;
      if (!enterpriseNumber || !ent) continue;
      out.set(
        asked,
        await assemble(
          snapshot,
          isEstablishment(asked) ? asked : null,
          {
            enterprise: {
              enterpriseNumber,
              status: String(ent.status),
              juridicalSituation: String(ent.juridical_situation),
              typeOfEnterprise: String(ent.type_of_enterprise),
              juridicalForm: str(ent.juridical_form),
              juridicalFormCac: str(ent.juridical_form_cac),
              startDate: String(ent.start_date),
            },
            denominations: names.get(enterpriseNumber) ?? [],
            addresses: addresses.get(enterpriseNumber) ?? [],
          },
          codes,
        ),
      );
    }
  }
  return out;
}

/** Reads entries from a `MemoryRegisterStore` (tests, small tools). */
export function createMemoryReader(store: MemoryRegisterStore): RegisterReader {
  const t = store.tables;
  const reader: RegisterReader = {
    async snapshotDate() {
      return (await store.lastApplied())?.snapshotDate ?? null;
    },
    async lookup(number) {
      const snapshot = await reader.snapshotDate();
      if (snapshot === null) return null;
      let enterpriseNumber = number;
      let via: string | null = null;
      if (isEstablishment(number)) {
        const est = t.establishment.get(number);
        if (!est) return null;
        enterpriseNumber = est.enterpriseNumber;
        via = number;
      }
      const enterprise = t.enterprise.get(enterpriseNumber);
      if (!enterprise) return null;
      const holders = new Set([enterpriseNumber]);
      for (const e of t.establishment.values())
        if (e.enterpriseNumber === enterpriseNumber) holders.add(e.establishmentNumber);
      for (const b of t.branch.values())
        if (b.enterpriseNumber === enterpriseNumber) holders.add(b.id);
      const codes: CodeLookup = async (category, code) => {
        const m = new Map<string, string>();
        for (const c of t.code.values())
          if (c.category === category && c.code === code) m.set(c.language, c.description);
        return m;
      };
      return assemble(
        snapshot,
        via,
        {
          enterprise,
          denominations: [...t.denomination.values()]
            .filter((d) => d.entityNumber === enterpriseNumber)
            .map(({ language, typeOfDenomination, denomination }) => ({
              language,
              typeOfDenomination,
              denomination,
            })),
          addresses: [...t.address.values()].filter((a) => holders.has(a.entityNumber)),
        },
        codes,
      );
    },
    lookupMany: (numbers) => lookupEach(reader, numbers),
  };
  return reader;
}

async function lookupEach(
  reader: Pick<RegisterReader, "lookup">,
  numbers: string[],
): Promise<Map<string, RegisterEntry>> {
  const out = new Map<string, RegisterEntry>();
  for (const n of new Set(numbers)) {
    const e = await reader.lookup(n);
    if (e) out.set(n, e);
  }
  return out;
}
