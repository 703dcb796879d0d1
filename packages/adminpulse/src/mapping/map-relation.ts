/**
 * AdminPulse relation → canonical `Client`. The mapping normalizes formats (a `BE 0403.019.261`
 * becomes `0403019261`) but never repairs content: a number that fails its check digits stays out of
 * the typed field and is reported in `problems`, so dirty source data remains visible upstream.
 */

import { checkId, displayName } from "@pulsebridge/core";
import type { Relation, User } from "../client/schemas.js";
import { checkEnterpriseNumber, checkNationalNumber } from "../shared/belgian-numbers.js";
import { linkTypeCodes } from "../shared/link-types.js";
import { type Client, type ClientLink, clientSchema, type LinkRole } from "./core-model.js";

export type MappingContext = {
  /** Users by id, to name the responsible employee. */
  users?: ReadonlyMap<string, Pick<User, "name">> | undefined;
  /** Display names of relations by `uniqueIdentifier`, to name linked relations. */
  relationNames?:
    | ReadonlyMap<string, string>
    | ((uniqueIdentifier: string) => string | null | undefined)
    | undefined;
};

export type MappingProblem = { code: string; field: string; message: string };

export type MappingResult = {
  /** Null only when the relation cannot form a valid client at all (reported in `problems`). */
  client: Client | null;
  problems: MappingProblem[];
  raw: Relation;
};

const roleByCode: Record<number, LinkRole> = {
  [linkTypeCodes.contact]: "contact",
  [linkTypeCodes.beneficiary]: "beneficiary",
  [linkTypeCodes.trustee]: "trustee",
  [linkTypeCodes.ownerDirector]: "director",
  [linkTypeCodes.partner]: "partner",
  [linkTypeCodes.shareholder]: "shareholder",
  [linkTypeCodes.auditor]: "auditor",
  [linkTypeCodes.controlOther]: "controlOther",
  [linkTypeCodes.accountant]: "accountant",
  [linkTypeCodes.bank]: "bank",
  [linkTypeCodes.child]: "child",
  [linkTypeCodes.holding]: "holding",
  [linkTypeCodes.insurer]: "insurer",
  [linkTypeCodes.lawyer]: "lawyer",
  [linkTypeCodes.member]: "member",
  [linkTypeCodes.notary]: "notary",
  [linkTypeCodes.other]: "other",
  [linkTypeCodes.representative]: "representative",
  [linkTypeCodes.vatUnit]: "vatUnit",
  [linkTypeCodes.director]: "director",
};

const kinds = { 0: "company", 1: "soleProprietor", 2: "person" } as const;
const languages = new Set(["nl", "fr", "en", "de"]);
/** A loose sanity check only: full e-mail validation belongs to core's validator. */

export function mapRelation(raw: Relation, ctx: MappingContext = {}): MappingResult {
  const problems: MappingProblem[] = [];
  const problem = (code: string, field: string, message: string) =>
    problems.push({ code, field, message });
  const text = (v: string | null | undefined) =>
    typeof v === "string" && v.trim() !== "" ? v.trim() : null;

  let kind: Client["kind"];
  if (raw.relationType === 0 || raw.relationType === 1 || raw.relationType === 2)
    kind = kinds[raw.relationType];
  else {
    kind = text(raw.legalForm) ? "company" : "person";
    problem(
      "kind.unknown",
      "relationType",
      `relationType ${JSON.stringify(raw.relationType ?? null)} is not 0, 1 or 2; assumed ${kind}`,
    );
  }

  // A person's or sole proprietor's name parts; a person's name is derived from them, as in an
  // import (core displayName), so the two never differ by word order alone.
  const firstName = kind === "company" ? null : text(raw.firstName);
  const lastName = kind === "company" ? null : text(raw.lastName);
  const fromParts = displayName(firstName, lastName);
  let name =
    (kind === "person" ? fromParts : null) ??
    text(raw.name) ??
    text(raw.displayName) ??
    text(raw.commercialName) ??
    fromParts;
  if (!name) {
    problem("name.missing", "name", "relation has no name");
    name = text(raw.uniqueIdentifier) ?? raw.id;
  }

  const enterprise = enterpriseNumberOf(raw, problem);
  const vatRaw = text(raw.vatNumber);
  const vatCheck = vatRaw ? checkEnterpriseNumber(vatRaw) : null;
  const vatNumber = vatCheck?.ok ? `BE${vatCheck.normalized}` : null;

  let nationalNumber: string | null = null;
  const nrnRaw = text(raw.nationalRegisterNumber);
  if (nrnRaw) {
    const c = checkNationalNumber(nrnRaw);
    if (c.ok) nationalNumber = c.normalized;
    else
      problem(
        "nationalNumber.invalid",
        "nationalRegisterNumber",
        `"${nrnRaw}" is not a valid national register or BIS number`,
      );
  }

  let language: Client["language"] = null;
  const lang = text(raw.language)?.toLowerCase();
  if (lang && languages.has(lang)) language = lang as Client["language"];
  else if (lang)
    problem("language.unknown", "language", `language "${lang}" is not nl, fr, en or de`);

  const email = text(raw.email);
  if (email && !checkId("email", email).valid)
    problem("email.invalid", "email", `"${email}" does not look like an e-mail address`);

  let address: Client["address"] = null;
  if (raw.address) {
    const a = raw.address;
    let country = text(a.country)?.toUpperCase() ?? null;
    if (country && !/^[A-Z]{2}$/.test(country)) {
      problem(
        "address.country",
        "address.country",
        `country "${country}" is not an ISO 3166 alpha-2 code`,
      );
      country = null;
    }
    const mapped = {
      street: text(a.street),
      number: text(a.number),
      box: text(a.box),
      postalCode: text(a.postalCode),
      city: text(a.city),
      country,
    };
    if (Object.values(mapped).some((v) => v !== null)) address = mapped;
  }

  let responsibleUser: Client["responsibleUser"] = null;
  const userId = text(raw.responsibleUserId);
  if (userId) {
    const user = ctx.users?.get(userId);
    const userName = text(user?.name);
    if (!userName)
      problem(
        "responsibleUser.unknown",
        "responsibleUserId",
        `user ${userId} is not in the users list`,
      );
    responsibleUser = { id: userId, name: userName ?? userId };
  }

  const nameOf = (uid: string | null) => {
    if (!uid || !ctx.relationNames) return null;
    const n =
      typeof ctx.relationNames === "function" ? ctx.relationNames(uid) : ctx.relationNames.get(uid);
    return text(n);
  };
  const links: ClientLink[] = (raw.tos ?? []).map((l, k) => {
    let role = roleByCode[l.linkType];
    if (!role) {
      problem(
        "link.unknownType",
        `tos.${k}.linkType`,
        `linkType ${l.linkType} is unknown; kept as "other"`,
      );
      role = "other";
    }
    const count = (v: number | null | undefined, field: string) => {
      if (v === null || v === undefined) return null;
      if (v < 0) {
        problem("link.negative", `tos.${k}.${field}`, `${field} ${v} is negative`);
        return null;
      }
      return v;
    };
    const uid = text(l.uniqueIdentifier);
    return {
      role,
      relationIdentifier: uid,
      name: nameOf(uid),
      startDate: isoDay(l.startDate),
      endDate: isoDay(l.endDate),
      shares: count(l.numberOfShares, "numberOfShares"),
      votingRights: count(l.votingRights, "votingRights"),
      comment: text(l.comment),
    };
  });

  const candidate: Client = {
    sourceIds: {
      adminpulseId: raw.id,
      uniqueIdentifier: text(raw.uniqueIdentifier),
      code: text(raw.code),
    },
    kind,
    name,
    firstName,
    lastName,
    enterpriseNumber: enterprise,
    nationalNumber,
    vatNumber,
    legalForm: text(raw.legalForm),
    language,
    email,
    phone: phoneOf(text(raw.phone) ?? text(raw.mobile)),
    address,
    generalMeetingDate: isoDay(raw.generalMeetingDate),
    responsibleUser,
    links,
  };
  const parsed = clientSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problem("client.invalid", i.path.map(String).join("."), i.message);
    return { client: null, problems, raw };
  }
  return { client: parsed.data, problems, raw };
}

/** E.164 when the number reads (as imports store it), else the text as AdminPulse has it. */
function phoneOf(phone: string | null): string | null {
  if (!phone) return null;
  const c = checkId("phone", phone);
  return c.valid ? c.normalized : phone;
}

function enterpriseNumberOf(
  raw: Relation,
  problem: (code: string, field: string, message: string) => void,
): string | null {
  const found: { field: "companyNumber" | "vatNumber"; value: string }[] = [];
  for (const field of ["companyNumber", "vatNumber"] as const) {
    const v = raw[field];
    if (typeof v === "string" && v.trim() !== "") found.push({ field, value: v.trim() });
  }
  let result: string | null = null;
  const seen = new Set<string>();
  for (const { field, value } of found) {
    const c = checkEnterpriseNumber(value);
    if (!c.ok) {
      const why =
        c.reason === "checksum"
          ? "fails the mod-97 check"
          : c.reason === "establishment_unit"
            ? "is an establishment unit number, not an enterprise number"
            : "is not 9 or 10 digits";
      if (!seen.has(`bad:${value}`))
        problem(`enterpriseNumber.${c.reason}`, field, `"${value}" ${why}`);
      seen.add(`bad:${value}`);
      continue;
    }
    if (c.repairedLeadingZero && !seen.has(`zero:${value}`)) {
      problem(
        "enterpriseNumber.leadingZero",
        field,
        `"${value}" has 9 digits; read as ${c.normalized} (leading zero restored)`,
      );
      seen.add(`zero:${value}`);
    }
    if (result && result !== c.normalized) {
      problem(
        "enterpriseNumber.conflict",
        field,
        `companyNumber and vatNumber differ (${result} vs ${c.normalized}); kept ${result}`,
      );
      continue;
    }
    result = c.normalized;
  }
  return result;
}

/** `2026-04-20T00:00:00` → `2026-04-20`; anything else → null. */
function isoDay(v: string | null | undefined): string | null {
  if (typeof v !== "string") return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  return m?.[1] ?? null;
}

/** Convenience for a full sync: users map and relation names built from the lists themselves. */
export function mapRelations(relations: Relation[], users: User[] = []): MappingResult[] {
  const usersById = new Map(users.map((u) => [u.id, u] as const));
  const names = new Map<string, string>();
  for (const r of relations)
    if (r.uniqueIdentifier && r.name) names.set(r.uniqueIdentifier, r.name);
  return relations.map((r) => mapRelation(r, { users: usersById, relationNames: names }));
}
