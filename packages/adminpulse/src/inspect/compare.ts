/**
 * Where the relations AdminPulse sent disagree with the mapping table, and the override
 * (ADMINPULSE_MAPPING, mapping/table.ts) that would correct what an override can correct: field
 * names and code values. Types it cannot fix (an address sent as one line) are only reported.
 */
import { isObject, jsonType } from "../mapping/read-fields.js";
import {
  defaultMappingTable,
  knownRelationFields,
  type MappingOverride,
  type MappingTable,
} from "../mapping/table.js";

export type Disagreement = { what: string; detail: string };

/** Names the real API might use for each model field (guesses; the first one present wins). */
const synonyms: Partial<Record<keyof MappingTable["fields"], string[]>> = {
  enterpriseNumber: [
    "enterpriseNumber",
    "kboNumber",
    "cbeNumber",
    "companyNumber",
    "registrationNumber",
  ],
  vatNumber: ["vat", "vatNr", "btwNumber"],
  nationalNumber: ["nationalNumber", "nationalRegistryNumber", "rijksregisternummer", "insz"],
  kind: ["type", "kind", "relationKind", "relationTypeId"],
  email: ["emailAddress", "mail", "eMail", "e_mail"],
  phone: ["phoneNumber", "telephone", "tel", "mobileNumber"],
  responsibleUserId: [
    "responsibleId",
    "responsibleUser",
    "responsibleEmployeeId",
    "accountManagerId",
  ],
  name: ["fullName", "relationName"],
  language: ["languageCode", "lang"],
  legalForm: ["legalFormName", "companyType"],
  generalMeetingDate: ["generalMeeting", "agmDate"],
  links: ["links", "linkedRelations", "relations"],
  address: ["mainAddress", "postalAddress"],
};

/** A code of another vocabulary, read by its words (nl/fr/en), for the `codes` override. */
const kindWords: [RegExp, "company" | "soleProprietor" | "person"][] = [
  [/eenmans|sole|indépendant|independant|zelfstandig|freelance/i, "soleProprietor"],
  [/vennoot|company|société|societe|bedrijf|onderneming|entreprise|corporate/i, "company"],
  [/person|persoon|natuurlijk|physique|particulier|individu/i, "person"],
];
const languageWords: [RegExp, "nl" | "fr" | "en" | "de"][] = [
  [/^(nl|ned|dutch|nederlands|néerlandais|vlaams)/i, "nl"],
  [/^(fr|fra|french|frans|français|francais)/i, "fr"],
  [/^(en|eng|english|engels|anglais)/i, "en"],
  [/^(de|deu|ger|german|duits|allemand|deutsch)/i, "de"],
];

export function compareWithTable(
  relations: readonly unknown[],
  table: MappingTable = defaultMappingTable,
): { disagreements: Disagreement[]; override: MappingOverride; unknownFields: string[] } {
  const objects = relations.filter(isObject);
  const present = new Set<string>();
  const typesOf = new Map<string, Set<string>>();
  for (const o of objects)
    for (const [k, v] of Object.entries(o)) {
      if (v !== null && v !== undefined) present.add(k);
      if (!typesOf.has(k)) typesOf.set(k, new Set());
      typesOf.get(k)?.add(jsonType(v));
    }
  const known = knownRelationFields(table);
  const unknown = [...present].filter((k) => !known.has(k)).sort();
  const disagreements: Disagreement[] = [];
  const override: MappingOverride = {};
  const claimed = new Set<string>();

  for (const [model, names] of Object.entries(table.fields) as [
    keyof MappingTable["fields"],
    string[],
  ][]) {
    // An unknown field named like this model field is proposed even when a listed one is present
    // (the enterprise number reads every listed field; a renamed one would be missed).
    const guess = (synonyms[model] ?? []).find(
      (n) => unknown.includes(n) && !claimed.has(n) && !names.includes(n),
    );
    if (guess) {
      claimed.add(guess);
      override.fields = { ...override.fields, [model]: [guess, ...names] };
      disagreements.push({
        what: `fields.${model}`,
        detail: `\`${guess}\` was sent and is not in the table; it looks like this field (listed: ${names.map((n) => `\`${n}\``).join(", ")})`,
      });
    } else if (objects.length > 0 && !names.some((n) => present.has(n)))
      disagreements.push({
        what: `fields.${model}`,
        detail: `none of ${names.map((n) => `\`${n}\``).join(", ")} was sent (absent or always empty on this page)`,
      });
  }

  // JSON types the mapping will not read as they are.
  const expect: [keyof MappingTable["fields"], string[]][] = [
    ["address", ["object"]],
    ["links", ["array"]],
    ["kind", ["number", "string"]],
  ];
  for (const [model, ok] of expect)
    for (const n of table.fields[model]) {
      const bad = [...(typesOf.get(n) ?? [])].filter((t) => t !== "null" && !ok.includes(t));
      if (bad.length > 0)
        disagreements.push({
          what: `\`${n}\` type`,
          detail: `sent as ${bad.join("/")}, the mapping reads ${ok.join(" or ")} (an override cannot change a type: tell AdminPulse support, or adapt mapping/read-fields.ts)`,
        });
    }

  // Code values not in the table.
  const fieldsOf = (model: keyof MappingTable["fields"]) =>
    override.fields?.[model] ?? table.fields[model];
  const codeFixes = (
    model: "kind" | "language",
    words: [RegExp, string][],
    codes: Record<string, string>,
  ) => {
    const fixes: Record<string, string> = {};
    for (const o of objects) {
      const name = fieldsOf(model).find((n) => o[n] !== undefined && o[n] !== null && o[n] !== "");
      const v = name === undefined ? undefined : o[name];
      if (typeof v !== "string" && typeof v !== "number") continue;
      const key = String(v).trim().toLowerCase();
      if (codes[key] !== undefined || key in fixes) continue;
      const hit = words.find(([re]) => re.test(key))?.[1];
      if (hit) fixes[key] = hit;
      else
        disagreements.push({
          what: `codes.${model}`,
          detail: `code ${JSON.stringify(String(v).slice(0, 40))} is not in the table and its meaning cannot be guessed: add it by hand`,
        });
    }
    if (Object.keys(fixes).length > 0) {
      disagreements.push({
        what: `codes.${model}`,
        detail: `codes not in the table: ${Object.keys(fixes)
          .map((k) => JSON.stringify(k))
          .join(", ")}`,
      });
      override.codes = { ...override.codes, [model]: fixes };
    }
  };
  codeFixes("kind", kindWords, table.codes.kind);
  codeFixes("language", languageWords, table.codes.language);

  const stillUnknown = unknown.filter((k) => !claimed.has(k));
  if (stillUnknown.length > 0) {
    disagreements.push({
      what: "unknown fields",
      detail: `${stillUnknown.map((k) => `\`${k}\``).join(", ")}: not read by the mapping (each sync run counts them as \`field.unknown\`); listed under \`ignore\` once reviewed`,
    });
    override.ignore = [...table.ignore, ...stillUnknown];
  }
  return { disagreements, override, unknownFields: stillUnknown };
}
