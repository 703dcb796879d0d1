/**
 * The mapping as data (issue 12): which AdminPulse fields feed which model field, and which codes
 * mean which kind, language and link role. The real API's relation fields are only guessed
 * (adminpulse-api.md U7, U8), so a deployment can correct them with a JSON override
 * (`ADMINPULSE_MAPPING` in the worker) without a code change; `pnpm adminpulse:inspect` prints the
 * override to paste when the API disagrees with this table.
 */
import { z } from "zod";
import { clientKindSchema, languageSchema, linkRoleSchema } from "./core-model.js";

/** Source field names, tried in order: the first one present (not null/empty) wins. */
const names = z.array(z.string().min(1).max(100)).min(1).max(10);

const fieldsShape = {
  /** The relation's own key (`GET /relations/{…}` falls back to it; the cache's adminpulseId). */
  id: names,
  /** The APR code, the key other resources and refreshes use (N9). */
  uniqueIdentifier: names,
  code: names,
  name: names,
  /** A person's (or sole proprietor's) name parts; a person's name is derived from them. */
  firstName: names,
  lastName: names,
  kind: names,
  legalForm: names,
  /** Enterprise number: every listed field is checked, and they must agree. */
  enterpriseNumber: names,
  vatNumber: names,
  nationalNumber: names,
  language: names,
  email: names,
  phone: names,
  address: names,
  generalMeetingDate: names,
  responsibleUserId: names,
  links: names,
};
const addressShape = {
  street: names,
  number: names,
  box: names,
  postalCode: names,
  city: names,
  country: names,
};
const linkShape = {
  type: names,
  relation: names,
  startDate: names,
  endDate: names,
  shares: names,
  votingRights: names,
  comment: names,
};
/** Codes are matched as lower-cased strings: `0`, `"0"` and `"Company"` can all be listed. */
const codesShape = {
  kind: z.record(z.string(), clientKindSchema),
  language: z.record(z.string(), languageSchema),
  linkRole: z.record(z.string(), linkRoleSchema),
};

/** Relation fields the model does not use but that are expected (not reported as unknown). */
const ignoreShape = z.array(z.string().min(1).max(100)).max(200);

export const mappingTableSchema = z.strictObject({
  fields: z.strictObject(fieldsShape),
  ignore: ignoreShape,
  address: z.strictObject(addressShape),
  link: z.strictObject(linkShape),
  codes: z.strictObject(codesShape),
});
export type MappingTable = z.infer<typeof mappingTableSchema>;

/** What a deployment may override: any part; code lists are merged into the defaults. */
export const mappingOverrideSchema = z.strictObject({
  fields: z.strictObject(fieldsShape).partial().optional(),
  ignore: ignoreShape.optional(),
  address: z.strictObject(addressShape).partial().optional(),
  link: z.strictObject(linkShape).partial().optional(),
  codes: z
    .strictObject({
      kind: codesShape.kind.optional(),
      language: codesShape.language.optional(),
      linkRole: codesShape.linkRole.optional(),
    })
    .optional(),
});
export type MappingOverride = z.infer<typeof mappingOverrideSchema>;

/**
 * AdminPulse `tos[].linkType` codes → link roles. 1–8 are seen in third-party code
 * (adminpulse-api.md §5.1; 4 is "owner/director"); 9–20 are the other link types of the web UI,
 * numbered by assumption U8 (20: "director" as its own type). The stand-in generates the same codes
 * (its data/link-types.ts); mapping/link-codes.test.ts keeps the two in step.
 */
const roleByLinkCode = {
  "1": "contact",
  "2": "beneficiary",
  "3": "trustee",
  "4": "director",
  "5": "partner",
  "6": "shareholder",
  "7": "auditor",
  "8": "controlOther",
  "9": "accountant",
  "10": "bank",
  "11": "child",
  "12": "holding",
  "13": "insurer",
  "14": "lawyer",
  "15": "member",
  "16": "notary",
  "17": "other",
  "18": "representative",
  "19": "vatUnit",
  "20": "director",
} as const satisfies Record<string, z.infer<typeof linkRoleSchema>>;

/** The assumptions of adminpulse-api.md (U7, U8) and third-party code (C1, C3), as data. */
export const defaultMappingTable: MappingTable = {
  fields: {
    id: ["id"],
    uniqueIdentifier: ["uniqueIdentifier"],
    code: ["code"],
    name: ["name", "displayName", "commercialName"],
    firstName: ["firstName"],
    lastName: ["lastName"],
    kind: ["relationType"],
    legalForm: ["legalForm"],
    enterpriseNumber: ["companyNumber", "vatNumber"],
    vatNumber: ["vatNumber"],
    nationalNumber: ["nationalRegisterNumber"],
    language: ["language"],
    email: ["email"],
    phone: ["phone", "mobile"],
    address: ["address"],
    generalMeetingDate: ["generalMeetingDate"],
    responsibleUserId: ["responsibleUserId"],
    links: ["tos"],
  },
  // Seen in third-party code or the notes (§5.1, U7) but not part of the client model.
  ignore: [
    "accountingRelationcode",
    "companyId",
    "relationGroupName",
    "status",
    "website",
    "modifiedDate",
  ],
  address: {
    street: ["street"],
    number: ["number"],
    box: ["box"],
    postalCode: ["postalCode"],
    city: ["city"],
    country: ["country"],
  },
  link: {
    type: ["linkType"],
    relation: ["uniqueIdentifier"],
    startDate: ["startDate"],
    endDate: ["endDate"],
    shares: ["numberOfShares"],
    votingRights: ["votingRights"],
    comment: ["comment"],
  },
  codes: {
    kind: {
      "0": "company",
      "1": "soleProprietor",
      "2": "person",
      company: "company",
      soleproprietor: "soleProprietor",
      person: "person",
    },
    language: { nl: "nl", fr: "fr", en: "en", de: "de" },
    linkRole: roleByLinkCode,
  },
};

export type ResolvedMapping = { ok: true; table: MappingTable } | { ok: false; issues: string[] };

/**
 * The default table with a deployment's override applied: field lists are replaced, code lists
 * merged (keys lower-cased). `override` is the setting's JSON text (empty: the defaults).
 */
export function resolveMappingTable(override: string | undefined | null): ResolvedMapping {
  if (!override?.trim()) return { ok: true, table: defaultMappingTable };
  let json: unknown;
  try {
    json = JSON.parse(override);
  } catch {
    return { ok: false, issues: ["not valid JSON"] };
  }
  const parsed = mappingOverrideSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    };
  const o = parsed.data;
  const lower = <T>(r: Record<string, T> | undefined) =>
    Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const d = defaultMappingTable;
  return {
    ok: true,
    table: {
      fields: { ...d.fields, ...o.fields },
      ignore: o.ignore ?? d.ignore,
      address: { ...d.address, ...o.address },
      link: { ...d.link, ...o.link },
      codes: {
        kind: { ...d.codes.kind, ...lower(o.codes?.kind) },
        language: { ...d.codes.language, ...lower(o.codes?.language) },
        linkRole: { ...d.codes.linkRole, ...lower(o.codes?.linkRole) },
      },
    },
  };
}

/** Top-level relation fields the table reads or knowingly ignores: any other one is unknown. */
export function knownRelationFields(table: MappingTable): Set<string> {
  return new Set([...Object.values(table.fields).flat(), ...table.ignore]);
}

/**
 * Fields of these relations that the table neither reads nor ignores, each once, as problems
 * `field.unknown` (a renamed field shows up here; never a value, only the name).
 */
export function unknownFieldProblems(relations: readonly unknown[], table: MappingTable) {
  const known = knownRelationFields(table);
  const seen = new Set<string>();
  for (const r of relations)
    if (r && typeof r === "object" && !Array.isArray(r))
      for (const k of Object.keys(r)) if (!known.has(k)) seen.add(k);
  return [...seen]
    .sort()
    .slice(0, 50)
    .map((field) => ({ code: "field.unknown", field, seen: "not in the mapping table" }));
}
