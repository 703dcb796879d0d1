/**
 * validateRow's checks of the kind of client against its numbers: the VAT number against the
 * enterprise number, an empty or unknown kind, numbers a kind needs or does not use. Out of
 * validateRow's body: most rows raise none of these issues.
 */
import { type ClientKind, clientKinds } from "../model/client.js";
import { rowIssue } from "./row-issue.js";
import type { RowIssue } from "./types.js";

/**
 * The enterprise number a VAT number gives (`vatEnterprise`, valid): a mismatch with the
 * enterprise number is an error, and a row without one takes it, with a warning. Returns the
 * row's enterprise number.
 */
export function vatChecks(
  enterpriseNumber: string | null,
  enterpriseText: string | null,
  vatEnterprise: string,
  issues: RowIssue[],
): string | null {
  if (enterpriseNumber && enterpriseNumber !== vatEnterprise) {
    issues.push(
      rowIssue("vatNumber", "row.vat_mismatch", "error", {
        vat: `BE${vatEnterprise}`,
        enterprise: enterpriseNumber,
      }),
    );
  } else if (!enterpriseText) {
    const formatted = formatEnterprise(vatEnterprise);
    issues.push(
      rowIssue(
        "enterpriseNumber",
        "row.enterprise_from_vat",
        "warning",
        { enterprise: formatted },
        [],
        formatted,
      ),
    );
    return vatEnterprise;
  }
  return enterpriseNumber;
}

/**
 * The kind of a row whose kind cell is empty or unknown (`kindText`): unknown is an error; an
 * empty one is derived from the numbers, offered as a suggestion, not a safe fix (it is a guess,
 * not a spelling).
 */
export function missingKind(
  kindText: string | null,
  enterpriseOrVat: boolean,
  nationalText: string | null,
  issues: RowIssue[],
): ClientKind | null {
  let kind: ClientKind | null = null;
  if (kindText) {
    issues.push(
      rowIssue("kind", "row.kind_unknown", "error", { value: kindText }, [...clientKinds]),
    );
  } else if (enterpriseOrVat) {
    kind = nationalText ? "soleProprietor" : "company";
    issues.push(rowIssue("kind", "row.kind_inferred", "warning", { kind }, [kind]));
  } else if (nationalText) {
    kind = "person";
    issues.push(rowIssue("kind", "row.kind_inferred", "warning", { kind }, [kind]));
  } else {
    issues.push(rowIssue("kind", "row.required", "error", undefined, [...clientKinds]));
  }
  return kind;
}

/** The numbers a kind needs or does not use: a missing enterprise number, a stray one. */
export function kindChecks(
  kind: ClientKind | null,
  enterpriseText: string | null,
  vatText: string | null,
  nationalText: string | null,
  issues: RowIssue[],
): void {
  if (kind === "company" || kind === "soleProprietor") {
    if (!enterpriseText && !vatText)
      issues.push(rowIssue("enterpriseNumber", "row.required", "error"));
    if (kind === "company" && nationalText) {
      issues.push(rowIssue("nationalNumber", "row.field_not_for_kind", "warning", { kind }));
    }
  } else if (kind === "person") {
    if (!nationalText) issues.push(rowIssue("nationalNumber", "row.nrn_recommended", "warning"));
    if (enterpriseText) {
      issues.push(
        rowIssue("enterpriseNumber", "row.field_not_for_kind", "warning", { kind }, [
          "soleProprietor",
        ]),
      );
    }
  }
}

/** `0403.019.261`, the display form of an enterprise number. */
export function formatEnterprise(n: string): string {
  return `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
}
