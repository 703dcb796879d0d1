import {
  type Address,
  addressSchema,
  type Client,
  translate,
  type UiLanguage,
} from "@pulsebridge/core";
import { z } from "zod";
import { legalForms } from "../format/known-codes.js";
import { aliasNames, type RegisterFindingCode, registerFindingCodes } from "./messages.js";
import { fold, normalizeBox, normalizeHouseNumber, sameName } from "./normalize.js";
import type { DescribedCode, RegisterAddress, RegisterEntry } from "./register-entry.js";

const value = z.union([z.string(), addressSchema]).nullable();

export const registerFindingSchema = z.object({
  code: z.enum(registerFindingCodes),
  severity: z.enum(["error", "warning", "info"]),
  /** The client field the finding is about; the user may take `registerValue` into it. */
  field: z.enum(["enterpriseNumber", "name", "legalForm", "address"]),
  /** English text. */
  message: z.string(),
  /** The text in the language asked for. */
  localizedMessage: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The register's value, in the client's shape, to take if the user decides to. */
  registerValue: value,
  clientValue: value,
  /** SnapshotDate of the register the finding comes from (ISO). */
  snapshotDate: z.string().nullable(),
});
export type RegisterFinding = z.infer<typeof registerFindingSchema>;

/** `not_loaded`: no register loaded yet; `not_applicable`: the client has no enterprise number. */
export const registerStatuses = [
  "ok",
  "differs",
  "not_in_register",
  "not_applicable",
  "not_loaded",
] as const;
export type RegisterStatus = (typeof registerStatuses)[number];
/** The statuses that mean "differs from the register": the list filter, the pane's mark. */
export const differingStatuses = ["differs", "not_in_register"] as const satisfies RegisterStatus[];
export const isDiffering = (status: RegisterStatus) =>
  (differingStatuses as readonly RegisterStatus[]).includes(status);

export const registerCheckSchema = z.object({
  enterpriseNumber: z.string().nullable(),
  snapshotDate: z.string().nullable(),
  status: z.enum(registerStatuses),
  findings: z.array(registerFindingSchema),
});
export type RegisterCheck = z.infer<typeof registerCheckSchema>;

/** TypeOfDenomination languages (0 unknown, 1 French, 2 Dutch, 3 German, 4 English). */
const denominationLanguage: Record<UiLanguage, string> = { fr: "1", nl: "2", en: "4" };

/** A code's description in `lang`, falling back to NL, then FR, then the code itself. */
export function describeCode(code: DescribedCode, lang: UiLanguage): string {
  const d = code.description;
  return d[lang] ?? d.nl ?? d.fr ?? code.code;
}

/**
 * Compares a client with its register entry (found by `lookup` of its enterprise number). Pure:
 * it changes nothing; each finding carries the register's value for the user to take.
 * `snapshotDate` is the register's date, used when `entry` is null (an entry carries its own).
 */
export function checkAgainstRegister(
  client: Client,
  entry: RegisterEntry | null,
  lang: UiLanguage,
  snapshotDate: string | null = entry?.snapshotDate ?? null,
): RegisterCheck {
  const number = client.enterpriseNumber;
  if (number === null)
    return { enterpriseNumber: null, snapshotDate, status: "not_applicable", findings: [] };
  if (snapshotDate === null)
    return { enterpriseNumber: number, snapshotDate, status: "not_loaded", findings: [] };

  const findings: RegisterFinding[] = [];
  const add = (
    code: RegisterFindingCode,
    severity: RegisterFinding["severity"],
    field: RegisterFinding["field"],
    params: Record<string, string>,
    registerValue: string | Address | null,
    clientValue: string | Address | null,
  ) =>
    findings.push({
      code,
      severity,
      field,
      message: translate(code, "en", params),
      localizedMessage: translate(code, lang, params),
      params,
      registerValue,
      clientValue,
      snapshotDate,
    });

  if (entry === null) {
    add(
      "kbo.not_in_register",
      "error",
      "enterpriseNumber",
      { number: dotted(number), snapshotDate },
      null,
      number,
    );
    return { enterpriseNumber: number, snapshotDate, status: "not_in_register", findings };
  }
  if (entry.viaEstablishment) {
    add(
      "kbo.via_establishment",
      "info",
      "enterpriseNumber",
      { number: entry.viaEstablishment, enterpriseNumber: dotted(entry.enterpriseNumber) },
      entry.enterpriseNumber,
      number,
    );
  }
  if (entry.juridicalSituation.code !== "000") {
    const description = describeCode(entry.juridicalSituation, lang);
    add(
      "kbo.juridical_situation",
      "warning",
      "enterpriseNumber",
      { code: entry.juridicalSituation.code, description },
      description,
      null,
    );
  }
  checkName(client, entry, lang, add);
  checkLegalForm(client, entry, lang, add);
  checkAddress(client, entry, lang, add);
  const differs = findings.some((f) => f.severity !== "info");
  return { enterpriseNumber: number, snapshotDate, status: differs ? "differs" : "ok", findings };
}

type Add = (
  code: RegisterFindingCode,
  severity: RegisterFinding["severity"],
  field: RegisterFinding["field"],
  params: Record<string, string>,
  registerValue: string | Address | null,
  clientValue: string | Address | null,
) => void;

function checkName(client: Client, entry: RegisterEntry, lang: UiLanguage, add: Add) {
  const official = entry.denominations.filter((d) => d.typeOfDenomination === "001");
  if (official.length === 0) return;
  if (official.some((d) => sameName(client.name, d.denomination))) return;
  const preferred =
    official.find((d) => d.language === denominationLanguage[lang]) ??
    official.find((d) => d.language === (client.language === "fr" ? "1" : "2")) ??
    official[0];
  const registerValue = preferred?.denomination ?? "";
  const alias = entry.denominations.find(
    (d) =>
      (d.typeOfDenomination === "002" || d.typeOfDenomination === "003") &&
      sameName(client.name, d.denomination),
  );
  if (alias) {
    const kind = aliasNames[alias.typeOfDenomination as keyof typeof aliasNames];
    add(
      "kbo.name_matches_alias",
      "info",
      "name",
      { alias: kind[lang], registerValue },
      registerValue,
      client.name,
    );
    return;
  }
  add("kbo.name_differs", "warning", "name", { registerValue }, registerValue, client.name);
}

/** The abbreviation staff write in `lang` (BV in Dutch, SRL in French), else the description. */
function legalFormValue(form: DescribedCode, lang: UiLanguage): string {
  const known = legalForms[form.code];
  const abbr = known?.abbreviations;
  if (abbr && abbr.length >= 2) return (lang === "fr" ? abbr[1] : abbr[0]) as string;
  return describeCode(form, lang);
}

function checkLegalForm(client: Client, entry: RegisterEntry, lang: UiLanguage, add: Add) {
  const clientForm = client.legalForm?.trim() ? client.legalForm : null;
  if (entry.legalForm === null) {
    if (entry.typeOfEnterprise === "1" && clientForm) {
      add("kbo.legal_form_natural_person", "warning", "legalForm", {}, null, clientForm);
    }
    return;
  }
  const form = entry.legalForm;
  if (clientForm) {
    const c = fold(clientForm).replace(/\s+/g, "");
    const accepted = [
      form.code,
      ...Object.values(form.description).filter((d): d is string => d !== null),
      ...(legalForms[form.code]?.abbreviations ?? []),
    ].map((s) => fold(s).replace(/\s+/g, ""));
    if (accepted.includes(c)) return;
  }
  const registerValue = legalFormValue(form, lang);
  add(
    "kbo.legal_form_differs",
    "warning",
    "legalForm",
    { registerValue },
    registerValue,
    clientForm,
  );
}

function checkAddress(client: Client, entry: RegisterEntry, lang: UiLanguage, add: Add) {
  const own = entry.addresses.filter(
    (a) => a.typeOfAddress === "REGO" && a.entityNumber === entry.enterpriseNumber,
  );
  const foreign = own.some((a) => a.countryNl !== null || a.countryFr !== null);
  // A natural person has no seat: its establishments' addresses stand in. A foreign entity's
  // Belgian address is its branch's (ABBR).
  const candidates = [
    ...own,
    ...(own.length === 0 ? entry.addresses.filter((a) => a.typeOfAddress === "BAET") : []),
    ...(foreign ? entry.addresses.filter((a) => a.typeOfAddress === "ABBR") : []),
  ];
  const first = candidates[0];
  if (!first) return;
  const struck = own.find((a) => a.dateStrikingOff !== null);
  if (struck?.dateStrikingOff) {
    add(
      "kbo.address_struck_off",
      "warning",
      "address",
      { date: struck.dateStrikingOff },
      null,
      null,
    );
  }
  if (client.address && candidates.some((a) => sameAddress(client.address as Address, a))) return;
  // Prefer the Belgian address to offer: the ABBR of a foreign entity, else the first candidate.
  const offer = (foreign ? candidates.find((a) => a.typeOfAddress === "ABBR") : undefined) ?? first;
  const registerValue = toClientAddress(offer, lang);
  add(
    "kbo.address_differs",
    "warning",
    "address",
    { registerValue: formatAddress(registerValue) },
    registerValue,
    client.address,
  );
}

function sameAddress(c: Address, a: RegisterAddress): boolean {
  const eq = (x: string | null, ys: (string | null)[]) => {
    const fx = fold(x ?? "");
    return ys.some((y) => fold(y ?? "") === fx);
  };
  return (
    (c.postalCode ?? "").trim() === (a.zipcode ?? "").trim() &&
    normalizeHouseNumber(c.number) === normalizeHouseNumber(a.houseNumber) &&
    normalizeBox(c.box) === normalizeBox(a.box) &&
    eq(c.street, [a.streetNl, a.streetFr]) &&
    eq(c.city, [a.municipalityNl, a.municipalityFr])
  );
}

function toClientAddress(a: RegisterAddress, lang: UiLanguage): Address {
  const fr = lang === "fr";
  const pickLang = (nl: string | null, frv: string | null) =>
    (fr ? (frv ?? nl) : (nl ?? frv)) || null;
  const belgian = a.countryNl === null && a.countryFr === null;
  return {
    street: pickLang(a.streetNl, a.streetFr),
    number: a.houseNumber || null,
    box: a.box || null,
    postalCode: a.zipcode || null,
    city: pickLang(a.municipalityNl, a.municipalityFr),
    // The dump names foreign countries in words only; we do not guess their ISO code.
    country: belgian ? "BE" : null,
  };
}

export function formatAddress(a: Address): string {
  const line1 = [a.street, a.number, a.box ? `/${a.box}` : null].filter(Boolean).join(" ");
  const line2 = [a.postalCode, a.city].filter(Boolean).join(" ");
  return [line1, line2].filter(Boolean).join(", ");
}

const dotted = (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
