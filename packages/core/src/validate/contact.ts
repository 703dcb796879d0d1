/**
 * The checks on a client's person and contact fields that validateRow runs besides the
 * identifiers: split names (the display name derived), phone, IBAN with its BIC, e-mail domain
 * typos and postcode ↔ municipality. Each reports RowIssues with stable codes (messages.ts and the
 * identifier catalog) and, where one exists, a suggestion.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, validateIBAN } from "ibantools";
import { bicOfBankNumber, bicOfBelgianIban, bicPattern } from "../identifiers/bank.js";
import { checkId } from "../identifiers/check-id.js";
import { suggestEmailAt } from "../identifiers/email-typo.js";
import {
  checkIbanCell,
  cleanBelgianIban,
  lastCleanBankCode,
  lastShapedCheck,
} from "../identifiers/iban.js";
import { phoneE164 } from "../identifiers/phone.js";
import { checkPlace } from "../identifiers/postcode-places.js";
import type { ClientKind } from "../model/client.js";
import { normalizeName } from "../reconcile/name-key.js";
import { rowIssue } from "./row-issue.js";
import type { RowIssue } from "./types.js";

/** "Peeters Jan": family name first, the way Belgian client lists and AdminPulse sort persons. */
export function displayName(firstName: string | null, lastName: string | null): string | null {
  if (!firstName && !lastName) return null;
  return lastName && firstName ? `${lastName} ${firstName}` : (lastName ?? firstName);
}

/**
 * The client's name from the name cell and the first/last name cells. A person's name is derived
 * from the parts when they are given (a different name cell is a warning, the parts win); a sole
 * proprietor keeps a typed trade name and falls back to the parts; a company has no parts.
 */
export function readNames(
  kind: ClientKind | null,
  typed: string | null,
  firstName: string | null,
  lastName: string | null,
  issues: RowIssue[],
): { name: string | null; lastName: string | null } {
  // The AdminPulse template and many sheets have "Naam" + "Voornaam": there the name cell holds
  // the family name of a person (it does not contain the first name).
  if (kind !== "company" && firstName && !lastName && typed) {
    const words = normalizeName(typed).split(" ");
    if (
      !normalizeName(firstName)
        .split(" ")
        .every((w) => words.includes(w))
    ) {
      return { name: kind === "person" ? displayName(firstName, typed) : typed, lastName: typed };
    }
  }
  return { name: nameFromParts(kind, typed, firstName, lastName, issues), lastName };
}

function nameFromParts(
  kind: ClientKind | null,
  typed: string | null,
  firstName: string | null,
  lastName: string | null,
  issues: RowIssue[],
): string | null {
  const derived = displayName(firstName, lastName);
  if (!derived) return typed;
  if (kind === "company") {
    const field = firstName ? "firstName" : "lastName";
    issues.push(rowIssue(field, "row.field_not_for_kind", "warning", { kind }));
    return typed ?? derived;
  }
  if (kind === "soleProprietor") return typed ?? derived;
  if (typed && typed !== derived && normalizeName(typed) !== normalizeName(derived)) {
    issues.push(rowIssue("name", "row.name_parts_differ", "warning", { name: derived }, [derived]));
  }
  return derived;
}

/** A phone number in E.164; an unreadable one is kept as typed, with a warning (nothing is lost). */
export function readPhone(text: string, issues: RowIssue[]): string {
  // Valid numbers (most of a sheet) need only their E.164 form, not the display layout.
  const e164 = phoneE164(text);
  if (e164 !== null) return e164;
  const check = checkId("phone", text);
  if (check.valid) return check.normalized;
  issues.push({
    field: "phone",
    code: check.error.code,
    message: check.error.message,
    severity: "warning",
    suggestions: [],
    safeFix: null,
  });
  return text;
}

/**
 * `jan@gmial.com` → a warning suggesting `jan@gmail.com`; the address itself stays valid. `at`:
 * the index of its last "@".
 */
export function emailTypo(email: string, at: number, issues: RowIssue[]): void {
  const fixed = suggestEmailAt(email, at);
  if (fixed) issues.push(rowIssue("email", "id.email_domain_typo", "warning", undefined, [fixed]));
}

/** The answer for a row without IBAN or BIC (most rows): one shared object, none built per row. */
const noAccount: Readonly<BankAccount> = Object.freeze({ iban: null, bic: null });

export interface BankAccount {
  iban: string | null;
  bic: string | null;
}

/**
 * The answer for a clean Belgian IBAN whose BIC the bank code gives (most rows with an account):
 * one object, rewritten by each call, so read it before the next (validateRow copies both out).
 */
const cleanAccount: BankAccount = { iban: null, bic: null };

/**
 * An IBAN in electronic form, and its BIC: typed, or for a Belgian account derived from the bank
 * code. Belgian accounts get the national check (checkId); foreign ones ibantools' generic check.
 * The answer may be shared with the next call: read it at once.
 */
export function readBankAccount(
  ibanText: string | null,
  bicText: string | null,
  issues: RowIssue[],
): Readonly<BankAccount> {
  if (!ibanText && !bicText) return noAccount;
  const iban = ibanText ? cleanBelgianIban(ibanText) : null;
  // A clean Belgian IBAN (most of a sheet), as typed compact or in groups of four.
  if (iban && !bicText) {
    const bic = bicOfBankNumber(lastCleanBankCode());
    if (bic) {
      cleanAccount.iban = iban;
      cleanAccount.bic = bic;
      return cleanAccount;
    }
  }
  return otherAccount(ibanText, iban, bicText, issues);
}

/**
 * readBankAccount for every other cell: a mistyped or foreign IBAN, a typed BIC, a bank code with
 * no BIC. Its own function, not part of readBankAccount's: the clean row's machine code stays small
 * (BENCHMARKS, "Session 12 — validateRow code size"). `iban`: cleanBelgianIban's answer, just read.
 */
function otherAccount(
  ibanText: string | null,
  clean: string | null,
  bicText: string | null,
  issues: RowIssue[],
): Readonly<BankAccount> {
  let iban = clean;
  if (ibanText && !iban) {
    // A cell starting "BE" (any case) is Belgian without asking ibantools (its electronic form
    // starts "BE" too): most mistyped IBANs of a sheet, and ibantools was much of their cost.
    const compact = isBelgianPrefix(ibanText)
      ? "BE"
      : (electronicFormatIBAN(ibanText.replace(/\./g, "")) ?? "");
    if (compact.startsWith("BE") || /^\d/.test(compact)) {
      // Shaped like a clean IBAN (nearly every mistyped one): judged from the digits already read.
      const check = lastShapedCheck() ?? checkIbanCell(ibanText);
      if (check.valid) iban = check.normalized;
      else
        issues.push({
          field: "iban",
          code: check.error.code,
          message: check.error.message,
          severity: "error",
          suggestions: check.suggestions,
          safeFix: null,
        });
    } else if (validateIBAN(compact).valid) iban = compact;
    else issues.push(rowIssue("iban", "id.iban_invalid", "error", undefined));
  }
  const derived = iban ? bicOfBelgianIban(iban) : null;
  if (iban?.startsWith("BE") && !derived) {
    issues.push(rowIssue("iban", "id.iban_bank_unknown", "warning", undefined));
  }
  if (!bicText) return { iban, bic: derived };
  const bic = bicText.replace(/\s+/g, "").toUpperCase();
  if (!bicPattern.test(bic)) {
    issues.push(
      rowIssue("bic", "row.bic_invalid", "error", { value: bicText }, derived ? [derived] : []),
    );
    return { iban, bic: null };
  }
  // An 8-character BIC and its XXX branch form are the same bank.
  if (derived && bic.slice(0, 8) !== derived.slice(0, 8)) {
    issues.push(rowIssue("bic", "row.bic_mismatch", "warning", { bic: derived }, [derived]));
  }
  return { iban, bic };
}

/** Whether a cell starts with "BE" in any case. */
function isBelgianPrefix(cell: string): boolean {
  return (cell.charCodeAt(0) | 0x20) === 98 && (cell.charCodeAt(1) | 0x20) === 101;
}

/** The IBAN as printed (`BE68 5390 0754 7034`), for the sheet. */
export function printIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}

/** A Belgian postcode and town that do not belong together, or a postcode bpost does not list. */
export function checkTown(postcode: string, city: string | null, issues: RowIssue[]): void {
  if (!city) return;
  const place = checkPlace(postcode, city);
  if (place.fits) return;
  if (place.unknownPostcode) {
    issues.push(rowIssue("address.postalCode", "row.postcode_unknown", "warning", { postcode }));
    return;
  }
  issues.push(
    rowIssue(
      "address.city",
      "row.postcode_city_mismatch",
      "warning",
      { postcode, city },
      place.suggestions,
    ),
  );
}
