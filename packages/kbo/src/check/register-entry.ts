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
}

type CodeLookup = (category: string, code: string) => Promise<Map<string, string>>;

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

interface RawParts {
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

async function assemble(
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

const isEstablishment = (n: string) => /^[2-8]\d{9}$/.test(n);

/** Reads entries through SQL (D1, bun:sqlite, better-sqlite3), with the tables of `kboSchemaSql`. */
export function createSqlReader(queryAll: QueryAll): RegisterReader {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
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
        "SELECT language, type_of_denomination, denomination FROM kbo_denominations WHERE entity_number = ?",
        [enterpriseNumber],
      );
      const addresses = await queryAll(
        `SELECT * FROM kbo_addresses WHERE entity_number = ?
   OR entity_number IN (SELECT establishment_number FROM kbo_establishments WHERE enterprise_number = ?)
   OR entity_number IN (SELECT id FROM kbo_branches WHERE enterprise_number = ?)`,
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
          denominations: names.map((n) => ({
            language: String(n.language),
            typeOfDenomination: String(n.type_of_denomination),
            denomination: String(n.denomination),
          })),
          addresses: addresses.map((a) => ({
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
          })),
        },
        codes,
      );
    },
  };
  return reader;
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
  };
  return reader;
}
