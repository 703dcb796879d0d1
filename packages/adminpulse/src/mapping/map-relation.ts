/**
 * AdminPulse relation → canonical `Client`, driven by the mapping table (table.ts) and read field
 * by field (read-fields.ts): a wrong type or an unknown code is a recorded problem on that client
 * and the rest is mapped. The mapping normalizes formats (a `BE 0403.019.261` becomes
 * `0403019261`) but never repairs content: a number that fails its check digits stays out of the
 * typed field and is reported, so dirty source data remains visible upstream. Problems never carry
 * the value of a personal field.
 */

import { checkId, displayName } from "@pulsebridge/core";
import type { User } from "../client/schemas.js";
import { checkEnterpriseNumber, checkNationalNumber } from "../shared/belgian-numbers.js";
import { type Client, type ClientLink, clientSchema } from "./core-model.js";
import {
  fieldReader,
  isObject,
  isoDay,
  jsonType,
  type Problems,
  problemList,
  type SourceProblem,
} from "./read-fields.js";
import { defaultMappingTable, type MappingTable } from "./table.js";

export type { SourceProblem } from "./read-fields.js";

export type MappingContext = {
  /** Users by id, to name the responsible employee. */
  users?: ReadonlyMap<string, Pick<User, "name">> | undefined;
  /** Display names of relations by `uniqueIdentifier`, to name linked relations. */
  relationNames?:
    | ReadonlyMap<string, string>
    | ((uniqueIdentifier: string) => string | null | undefined)
    | undefined;
  /** The mapping table (default: `defaultMappingTable`, the documented assumptions). */
  table?: MappingTable | undefined;
};

/** @deprecated name kept for callers: a mapping problem is a source problem. */
export type MappingProblem = SourceProblem;

export type MappingResult = {
  /** Null only when the relation cannot form a valid client at all (reported in `problems`). */
  client: Client | null;
  /** The relation's key (table `fields.id`), null when it has none: it cannot be stored. */
  adminpulseId: string | null;
  problems: SourceProblem[];
  raw: unknown;
};

export function mapRelation(raw: unknown, ctx: MappingContext = {}): MappingResult {
  const table = ctx.table ?? defaultMappingTable;
  const problems = problemList();
  if (!isObject(raw)) {
    problems.add("relation.notObject", "", `${jsonType(raw)}, expected object`);
    return { client: null, adminpulseId: null, problems: problems.list, raw };
  }
  const f = table.fields;
  const read = fieldReader(raw, "", problems);
  // The key must be text as sent (AdminPulse ids are GUIDs): a number in its place is not the
  // relation's identity, and coercing it would store a client under a key that does not exist.
  const idName = f.id.find((n) => raw[n] !== undefined && raw[n] !== null && raw[n] !== "");
  const idValue = idName === undefined ? undefined : raw[idName];
  const adminpulseId = typeof idValue === "string" ? idValue.trim() || null : null;
  if (!adminpulseId) {
    problems.add(
      "id.missing",
      f.id.join("|"),
      idValue === undefined ? "no usable id" : `${jsonType(idValue)}, expected a text id`,
    );
    return { client: null, adminpulseId: null, problems: problems.list, raw };
  }

  const legalForm = read.text(f.legalForm);
  const kindCode = read.code(f.kind, table.codes.kind, "kind.unknown");
  const kind: Client["kind"] = kindCode?.value ?? (legalForm ? "company" : "person");
  if (!kindCode) problems.add("kind.missing", f.kind.join("|"), `absent; assumed ${kind}`);

  const uniqueIdentifier = read.text(f.uniqueIdentifier);
  // A person's or sole proprietor's name parts; a person's name is derived from them, as in an
  // import (core displayName), so the two never differ by word order alone.
  const firstName = kind === "company" ? null : read.text(f.firstName);
  const lastName = kind === "company" ? null : read.text(f.lastName);
  const fromParts = displayName(firstName, lastName);
  let name = (kind === "person" ? fromParts : null) ?? read.text(f.name) ?? fromParts;
  if (!name) {
    problems.add("name.missing", f.name.join("|"), "absent");
    name = uniqueIdentifier ?? adminpulseId;
  }

  const enterpriseNumber = enterpriseNumberOf(read.texts(f.enterpriseNumber), problems);
  const vatRaw = read.text(f.vatNumber);
  const vatCheck = vatRaw ? checkEnterpriseNumber(vatRaw) : null;

  let nationalNumber: string | null = null;
  const nrnRaw = read.text(f.nationalNumber);
  if (nrnRaw) {
    const c = checkNationalNumber(nrnRaw);
    if (c.ok) nationalNumber = c.normalized;
    else
      problems.add(
        "nationalNumber.invalid",
        f.nationalNumber[0]!,
        "not a valid national register or BIS number",
      );
  }

  const language = read.code(f.language, table.codes.language, "language.unknown")?.value ?? null;

  const email = read.text(f.email);
  if (email && !checkId("email", email).valid)
    problems.add("email.invalid", f.email[0]!, "not an e-mail address");

  const addressField = read.nested(f.address, "object");
  const address = addressField
    ? addressOf(addressField.value, `${addressField.field}.`, table, problems)
    : null;

  let responsibleUser: Client["responsibleUser"] = null;
  const userId = read.text(f.responsibleUserId);
  if (userId) {
    const userName = ctx.users?.get(userId)?.name?.trim() || null;
    if (!userName)
      problems.add(
        "responsibleUser.unknown",
        f.responsibleUserId[0]!,
        "user id not in the users list",
      );
    responsibleUser = { id: userId, name: userName ?? userId };
  }

  const linksField = read.nested(f.links, "array");
  const links = linksField
    ? linksOf(linksField.value, linksField.field, table, problems, (uid) => nameOf(ctx, uid))
    : [];

  const candidate: Client = {
    sourceIds: { adminpulseId, uniqueIdentifier, code: read.text(f.code) },
    kind,
    name,
    firstName,
    lastName,
    enterpriseNumber,
    nationalNumber,
    vatNumber: vatCheck?.ok ? `BE${vatCheck.normalized}` : null,
    legalForm,
    language,
    email,
    phone: phoneOf(read.text(f.phone)),
    address,
    generalMeetingDate: isoDay(read.text(f.generalMeetingDate)),
    responsibleUser,
    links,
  };
  const parsed = clientSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problems.add("client.invalid", i.path.map(String).join("."), i.code);
    return { client: null, adminpulseId, problems: problems.list, raw };
  }
  return { client: parsed.data, adminpulseId, problems: problems.list, raw };
}

/** E.164 when the number reads (as imports store it), else the text as AdminPulse has it. */
function phoneOf(phone: string | null): string | null {
  if (!phone) return null;
  const c = checkId("phone", phone);
  return c.valid ? c.normalized : phone;
}

function nameOf(ctx: MappingContext, uid: string | null): string | null {
  if (!uid || !ctx.relationNames) return null;
  const n =
    typeof ctx.relationNames === "function" ? ctx.relationNames(uid) : ctx.relationNames.get(uid);
  return n?.trim() || null;
}

function addressOf(
  obj: Record<string, unknown>,
  prefix: string,
  table: MappingTable,
  problems: Problems,
): Client["address"] {
  const read = fieldReader(obj, prefix, problems);
  const a = table.address;
  let country = read.text(a.country)?.toUpperCase() ?? null;
  if (country && !/^[A-Z]{2}$/.test(country)) {
    problems.add(
      "address.country",
      prefix + a.country[0]!,
      `not a 2-letter ISO code (${country.length} characters)`,
    );
    country = null;
  }
  const mapped = {
    street: read.text(a.street),
    number: read.text(a.number),
    box: read.text(a.box),
    postalCode: read.text(a.postalCode),
    city: read.text(a.city),
    country,
  };
  return Object.values(mapped).some((v) => v !== null) ? mapped : null;
}

function linksOf(
  items: unknown[],
  field: string,
  table: MappingTable,
  problems: Problems,
  nameOfUid: (uid: string | null) => string | null,
): ClientLink[] {
  const links: ClientLink[] = [];
  items.forEach((item, k) => {
    const prefix = `${field}.${k}.`;
    if (!isObject(item)) {
      problems.add("type.unexpected", `${field}.${k}`, `${jsonType(item)}, expected object`);
      return;
    }
    const read = fieldReader(item, prefix, problems);
    const l = table.link;
    const role = read.code(l.type, table.codes.linkRole, "link.unknownType");
    if (!role) problems.add("link.missingType", prefix + l.type[0]!, "absent; kept as other");
    const count = (names: string[]) => {
      const v = read.num(names);
      if (v !== null && v < 0) {
        problems.add("link.negative", prefix + names[0]!, "negative number");
        return null;
      }
      return v;
    };
    const uid = read.text(l.relation);
    links.push({
      role: role?.value ?? "other",
      relationIdentifier: uid,
      name: nameOfUid(uid),
      startDate: isoDay(read.text(l.startDate)),
      endDate: isoDay(read.text(l.endDate)),
      shares: count(l.shares),
      votingRights: count(l.votingRights),
      comment: read.text(l.comment),
    });
  });
  return links;
}

const reasons = {
  checksum: "fails the mod-97 check",
  establishment_unit: "an establishment unit number, not an enterprise number",
  format: "not 9 or 10 digits",
} as const;

/** The enterprise number from every field the table lists for it; they must agree. */
function enterpriseNumberOf(
  found: { field: string; value: string }[],
  problems: Problems,
): string | null {
  let result: string | null = null;
  const seen = new Set<string>();
  for (const { field, value } of found) {
    const c = checkEnterpriseNumber(value);
    if (!c.ok) {
      if (!seen.has(`bad:${value}`))
        problems.add(`enterpriseNumber.${c.reason}`, field, reasons[c.reason]);
      seen.add(`bad:${value}`);
      continue;
    }
    if (c.repairedLeadingZero && !seen.has(`zero:${value}`)) {
      problems.add("enterpriseNumber.leadingZero", field, "9 digits; leading zero restored");
      seen.add(`zero:${value}`);
    }
    if (result && result !== c.normalized) {
      problems.add(
        "enterpriseNumber.conflict",
        field,
        "differs from the number in an earlier field; the earlier one kept",
      );
      continue;
    }
    result = c.normalized;
  }
  return result;
}

/** Display names by `uniqueIdentifier` of the relations in a list (to name links). */
export function relationNames(
  relations: unknown[],
  table: MappingTable = defaultMappingTable,
): Map<string, string> {
  const names = new Map<string, string>();
  const pickText = (o: Record<string, unknown>, fields: string[]) => {
    for (const k of fields)
      if (typeof o[k] === "string" && (o[k] as string).trim()) return (o[k] as string).trim();
    return null;
  };
  for (const r of relations) {
    if (!isObject(r)) continue;
    const uid = pickText(r, table.fields.uniqueIdentifier);
    const name = pickText(r, table.fields.name);
    if (uid && name) names.set(uid, name);
  }
  return names;
}
