/**
 * One import row (strings as typed in a sheet) → a canonical Client, or every reason it cannot be
 * one. Identifier rules live in checkId; this file decides which fields a kind of client needs,
 * reads the free-text cells, and reports problems as RowIssues with stable codes.
 */

import { translate } from "../i18n/index.js";
import { checkId } from "../identifiers/check-id.js";
import { cleanEmailAt } from "../identifiers/email.js";
import { isCleanAtKnown } from "../identifiers/email-typo.js";
import { cleanEnterprise } from "../identifiers/enterprise.js";
import { cleanPostcode } from "../identifiers/postcode.js";
import type { IdCheck, IdKind } from "../identifiers/types.js";
import type {
  Address,
  Client,
  ClientKind,
  ClientLink,
  ImportLink,
  ImportRow,
} from "../model/client.js";
import { readCountry, readDate, readKind, readLanguage, readNumber, readRole } from "./cells.js";
import {
  checkTown,
  emailTypo,
  printIban,
  readBankAccount,
  readNames,
  readPhone,
} from "./contact.js";
import { formatEnterprise, kindChecks, missingKind, vatChecks } from "./kind-checks.js";
import "./messages.js";
import type { RowMessageCode } from "./messages.js";
import { type Params, rowIssue } from "./row-issue.js";
import { text } from "./text.js";
import type { RowIssue } from "./types.js";

export { rowIssue } from "./row-issue.js";

export interface ValidateRowOptions {
  /** "Today" for the no-future-birth-date rule of national numbers; defaults to the clock. */
  today?: Date;
  /**
   * Issues kept per row (the first ones); the rest are only counted (`issuesOmitted`). A row
   * with 200 bad links has about 600 issues: a server bounds what one request makes it hold
   * (issue 11). Unset: every issue is kept.
   */
  maxIssues?: number;
}

export type ValidateRowResult =
  | { ok: true; client: Client; warnings: RowIssue[]; issuesOmitted?: number }
  | { ok: false; issues: RowIssue[]; issuesOmitted?: number };

/**
 * Per row being validated: the issues kept at most (`maxIssues`), those counted but not built
 * past it and how many of them were errors, and the errors met so far. Module state, reset per
 * row, rather than an object per row: validateRow is synchronous and runs on 100,000 rows.
 */
let cap = Number.POSITIVE_INFINITY;
let omitted = 0;
let omittedErrors = 0;
let errorsAdded = 0;

/**
 * Adds an issue of field `field` (of link `link`, or of the row when -1), or past the cap only
 * counts it: a row of 200 bad links is 600 issues, never built (issue 11).
 */
function add(
  issues: RowIssue[],
  link: number,
  field: string,
  code: RowMessageCode,
  severity: RowIssue["severity"],
  params?: Params,
  suggestions?: string[],
): void {
  if (severity === "error") errorsAdded++;
  if (issues.length >= cap) {
    omitted++;
    if (severity === "error") omittedErrors++;
    return;
  }
  issues.push(rowIssue(linkField(link, field), code, severity, params, suggestions));
}

/** Drops the issues past the cap (the row's own, bounded, may pass it), counting them. */
function keepFirst(issues: RowIssue[]): void {
  if (issues.length <= cap) return;
  for (let i = cap; i < issues.length; i++) {
    if ((issues[i] as RowIssue).severity === "error") omittedErrors++;
  }
  omitted += issues.length - cap;
  issues.length = cap;
}

const tenDigits = /^\d{10}$/;

/**
 * The e-mail address when it is already valid and clean (most of a sheet: no result object is
 * built), with a warning for a mistyped provider domain; else what identifier() finds.
 */
function emailCell(raw: string, issues: RowIssue[], options: ValidateRowOptions): string | null {
  if (isCleanAtKnown(raw)) return raw;
  const at = cleanEmailAt(raw);
  if (at < 0) return identifier("email", "email", raw, issues, options);
  emailTypo(raw, at, issues);
  return raw;
}

/**
 * Runs checkId for one field (validateRow first tries the shortcut for a value already valid and
 * in its normalised form: cleanEnterprise, emailCell, cleanPostcode). On failure the IdCheck error becomes a RowIssue with the field set
 * (its code and text are the identifier module's). Warnings of a valid value become warning issues
 * whose safe fix is the formatted value: the number is valid, so rewriting its spelling is safe.
 */
function identifier(
  field: string,
  kind: IdKind,
  raw: string,
  issues: RowIssue[],
  options: ValidateRowOptions,
): string | null {
  let check: IdCheck = checkId(kind, raw, options);
  // A national number that lost its leading zero arrives as 10 digits, the way a numeric cell
  // shows it; the checksum decides whether the padded number is real.
  if (
    !check.valid &&
    tenDigits.test(raw) &&
    (kind === "insz" || kind === "nrn" || kind === "bis")
  ) {
    const padded = checkId(kind, raw, { today: options.today, fromNumericCell: true });
    if (padded.valid) check = padded;
  }
  if (!check.valid) {
    issues.push({
      field,
      code: check.error.code,
      message: check.error.message,
      severity: "error",
      suggestions: check.suggestions,
      safeFix: null,
    });
    return null;
  }
  for (const code of check.warnings) {
    issues.push({
      field,
      code,
      message: translate(code, "en"),
      severity: "warning",
      suggestions: check.suggestions ?? [],
      safeFix: raw === check.formatted || check.suggestions ? null : check.formatted,
    });
  }
  return check.normalized;
}

function readLinks(links: ImportLink[] | undefined, issues: RowIssue[]): ClientLink[] {
  // Created at the first link as a one-element literal: `[]` plus push would reserve 17 slots,
  // kept alive with the client, where most clients have one link or none.
  let out: ClientLink[] | null = null;
  if (!links) return [];
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (!link) continue;
    const roleText = text(link.role);
    const relationIdentifier = text(link.relationIdentifier);
    const name = text(link.name);
    const startText = text(link.startDate);
    const endText = text(link.endDate);
    const sharesText = text(link.shares);
    const votingText = text(link.votingRights);
    const comment = text(link.comment);
    // A fully empty link is a blank line in the links block, not an error.
    if (
      !roleText &&
      !relationIdentifier &&
      !name &&
      !startText &&
      !endText &&
      !sharesText &&
      !votingText &&
      !comment
    ) {
      continue;
    }
    const errorsBefore = errorsAdded;
    let role = null;
    if (!roleText) add(issues, i, "role", "row.required", "error");
    else {
      role = readRole(roleText);
      if (!role) add(issues, i, "role", "row.role_unknown", "error", { value: roleText });
    }
    if (!relationIdentifier && !name) {
      add(issues, i, "relationIdentifier", "row.link_target_missing", "error");
    }
    const startDate = dateCell("startDate", startText, issues, i);
    const endDate = dateCell("endDate", endText, issues, i);
    if (startDate && endDate && endDate < startDate) {
      add(issues, i, "endDate", "row.date_order", "error");
    }
    const shares = numberCell("shares", sharesText, issues, i);
    const votingRights = numberCell("votingRights", votingText, issues, i);
    if (role && errorsAdded === errorsBefore) {
      const link: ClientLink = {
        role,
        relationIdentifier,
        name,
        startDate,
        endDate,
        shares,
        votingRights,
        comment,
      };
      if (out === null) out = [link];
      else out.push(link);
    }
  }
  return out ?? [];
}

/** Whether an issue from position `from` on is an error. */
function hasError(issues: RowIssue[], from: number): boolean {
  for (let i = from; i < issues.length; i++) {
    if ((issues[i] as RowIssue).severity === "error") return true;
  }
  return false;
}

/**
 * The path of field `name` of link `link` (`links.0.startDate`), or of the row's own field `name`
 * when `link` is -1. Built only for an issue: most cells have none.
 */
function linkField(link: number, name: string): string {
  return link < 0 ? name : `links.${link}.${name}`;
}

function dateCell(
  field: string,
  value: string | null,
  issues: RowIssue[],
  link = -1,
): string | null {
  if (!value) return null;
  const date = readDate(value);
  if (!date) add(issues, link, field, "row.date_invalid", "error", { value });
  return date;
}

function numberCell(
  field: string,
  value: string | null,
  issues: RowIssue[],
  link = -1,
): number | null {
  if (!value) return null;
  const reading = readNumber(value);
  if (!reading.ok) {
    const code = reading.negative ? "row.number_negative" : "row.number_invalid";
    add(issues, link, field, code, "error", { value });
    return null;
  }
  if (reading.ambiguousWith !== null) {
    const other = String(reading.ambiguousWith);
    const params = { value, read: reading.value, other };
    add(issues, link, field, "row.number_ambiguous", "warning", params, [other]);
  }
  return reading.value;
}

/** The address cells: country, postcode (Belgian unless another country is given) and town. */
function readAddress(
  a: NonNullable<ImportRow["address"]>,
  issues: RowIssue[],
  options: ValidateRowOptions,
): Address | null {
  const countryText = text(a.country);
  let country: string | null = null;
  if (countryText) {
    country = readCountry(countryText);
    if (!country)
      issues.push(
        rowIssue("address.country", "row.country_unknown", "error", { value: countryText }),
      );
  }
  // Belgian rules apply unless the row says another country.
  const belgian = !countryText || country === "BE";
  const postalText = text(a.postalCode);
  let postalCode: string | null = null;
  if (postalText) {
    postalCode = !belgian
      ? postalText
      : (cleanPostcode(postalText) ??
        identifier("address.postalCode", "postcode", postalText, issues, options));
  }
  const street = text(a.street);
  const number = text(a.number);
  const box = text(a.box);
  const city = text(a.city);
  if (postalCode && belgian) checkTown(postalCode, city, issues);
  if (street || number || box || postalText || city || countryText) {
    return { street, number, box, postalCode, city, country };
  }
  return null;
}

function languageUnknown(languageText: string, issues: RowIssue[]): void {
  issues.push(
    rowIssue("language", "row.language_unknown", "error", { value: languageText }, [
      "nl",
      "fr",
      "en",
      "de",
    ]),
  );
}

/** Validates one row. Never throws on bad data: every problem is an issue. */
export function validateRow(row: ImportRow, options: ValidateRowOptions = {}): ValidateRowResult {
  const issues: RowIssue[] = [];
  cap = options.maxIssues ?? Number.POSITIVE_INFINITY;
  omitted = 0;
  omittedErrors = 0;

  // Identifiers first: an empty kind is derived from them. Values already valid and in their
  // normalised form (most of a sheet) skip checkId: no result object is built for them.
  const enterpriseText = text(row.enterpriseNumber);
  const vatText = text(row.vatNumber);
  const nationalText = text(row.nationalNumber);
  let enterpriseNumber = enterpriseText
    ? (cleanEnterprise(enterpriseText) ??
      identifier("enterpriseNumber", "enterprise", enterpriseText, issues, options))
    : null;
  const vatEnterprise = vatText
    ? (cleanEnterprise(vatText) ?? identifier("vatNumber", "enterprise", vatText, issues, options))
    : null;
  const nationalNumber = nationalText
    ? identifier("nationalNumber", "insz", nationalText, issues, options)
    : null;
  if (vatEnterprise) {
    enterpriseNumber = vatChecks(enterpriseNumber, enterpriseText, vatEnterprise, issues);
  }

  const kindText = text(row.kind);
  let kind = kindText ? readKind(kindText) : null;
  if (!kind) kind = missingKind(kindText, !!(enterpriseText || vatText), nationalText, issues);

  const firstName = text(row.firstName);
  let name = text(row.name);
  let lastName = text(row.lastName);
  // Most rows (companies) have no name parts: nothing to derive, no object built.
  if (firstName || lastName)
    ({ name, lastName } = readNames(kind, name, firstName, lastName, issues));
  if (!name) issues.push(rowIssue("name", "row.required", "error"));
  kindChecks(kind, enterpriseText, vatText, nationalText, issues);

  const emailText = text(row.email);
  const email = emailText ? emailCell(emailText, issues, options) : null;
  const address = row.address ? readAddress(row.address, issues, options) : null;

  const languageText = text(row.language);
  const language = languageText ? readLanguage(languageText) : null;
  if (languageText && !language) languageUnknown(languageText, issues);

  const phoneText = text(row.phone);
  const phone = phoneText ? readPhone(phoneText, issues) : null;
  const account = readBankAccount(text(row.iban), text(row.bic), issues);
  const iban = account.iban;
  const bic = account.bic;

  const generalMeetingDate = dateCell("generalMeetingDate", text(row.generalMeetingDate), issues);
  const links = readLinks(row.links, issues);
  const responsibleName = text(row.responsibleUser);

  const failed = omittedErrors > 0 || hasError(issues, 0);
  keepFirst(issues);
  if (failed)
    return omitted > 0 ? { ok: false, issues, issuesOmitted: omitted } : { ok: false, issues };
  const ids = row.sourceIds;
  const client: Client = {
    sourceIds: {
      adminpulseId: text(ids?.adminpulseId),
      uniqueIdentifier: text(ids?.uniqueIdentifier),
      code: text(ids?.code),
    },
    kind: kind as ClientKind,
    name: name as string,
    firstName,
    lastName,
    enterpriseNumber,
    nationalNumber,
    vatNumber: vatEnterprise ? `BE${vatEnterprise}` : null,
    legalForm: text(row.legalForm),
    language,
    email,
    phone,
    iban,
    bic,
    address,
    generalMeetingDate,
    responsibleUser: responsibleName ? { id: null, name: responsibleName } : null,
    links,
  };
  return omitted > 0
    ? { ok: true, client, warnings: issues, issuesOmitted: omitted }
    : { ok: true, client, warnings: issues };
}

/** `yyyy-mm-dd` → `dd/mm/yyyy`, the way Belgian sheets show dates. */
function sheetDate(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : "";
}

function sheetNumber(n: number | null): string {
  // Plain JS notation ("1234.5"), which readNumber reads back exactly; no grouping marks.
  return n === null ? "" : String(n);
}

/**
 * The inverse of validateRow, for writing a Client to a sheet: every field as the string a person
 * would type, identifiers in their display form. `validateRow(toImportRow(c, ref))` gives `c` back.
 */
export function toImportRow(client: Client, ref: string): ImportRow {
  const a = client.address;
  return {
    ref,
    sourceIds: {
      adminpulseId: client.sourceIds.adminpulseId ?? "",
      uniqueIdentifier: client.sourceIds.uniqueIdentifier ?? "",
      code: client.sourceIds.code ?? "",
    },
    kind: client.kind,
    name: client.name,
    firstName: client.firstName ?? "",
    lastName: client.lastName ?? "",
    enterpriseNumber: client.enterpriseNumber ? formatEnterprise(client.enterpriseNumber) : "",
    nationalNumber: client.nationalNumber ? formatNational(client.nationalNumber) : "",
    vatNumber: client.vatNumber ?? "",
    legalForm: client.legalForm ?? "",
    language: client.language ?? "",
    email: client.email ?? "",
    phone: client.phone ? printPhone(client.phone) : "",
    iban: client.iban ? printIban(client.iban) : "",
    bic: client.bic ?? "",
    address: {
      street: a?.street ?? "",
      number: a?.number ?? "",
      box: a?.box ?? "",
      postalCode: a?.postalCode ?? "",
      city: a?.city ?? "",
      country: a?.country ?? "",
    },
    generalMeetingDate: sheetDate(client.generalMeetingDate),
    responsibleUser: client.responsibleUser?.name ?? "",
    links: client.links.map((l) => ({
      role: l.role,
      relationIdentifier: l.relationIdentifier ?? "",
      name: l.name ?? "",
      startDate: sheetDate(l.startDate),
      endDate: sheetDate(l.endDate),
      shares: sheetNumber(l.shares),
      votingRights: sheetNumber(l.votingRights),
      comment: l.comment ?? "",
    })),
  };
}

/** A stored E.164 number the Belgian way (`09 223 45 67`); anything else as it is. */
function printPhone(phone: string): string {
  if (!phone.startsWith("+")) return phone;
  const check = checkId("phone", phone);
  return check.valid ? check.formatted : phone;
}

/** `YY.MM.DD-SSS.CC`, the display form of a national number. */
function formatNational(n: string): string {
  return `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9)}`;
}
