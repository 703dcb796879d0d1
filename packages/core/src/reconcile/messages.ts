/** Texts of the reconcile's own row warnings (identity and numbers), in the three staff languages. */
import { type MessageCatalog, registerMessages, translate } from "../i18n/index.js";
import type { RowIssue } from "../validate/types.js";

export const reconcileMessages = {
  "row.unknown_id": {
    nl: "Deze rij verwijst naar klant {id}, die hier niet (meer) bestaat; ze werd gekoppeld op haar nummers.",
    fr: "Cette ligne renvoie au client {id}, qui n'existe pas (ou plus) ici ; elle a été associée par ses numéros.",
    en: "This row refers to client {id}, which does not exist here (any more); it was matched on its numbers.",
  },
  "row.number_of_other_client": {
    nl: "Het nieuwe nummer {value} hoort al bij een andere klant ({ids}); controleer of dit dezelfde klant is.",
    fr: "Le nouveau numéro {value} appartient déjà à un autre client ({ids}) ; vérifiez qu'il s'agit du même client.",
    en: "The new number {value} already belongs to another client ({ids}); check that this is the same client.",
  },
} as const satisfies MessageCatalog;

registerMessages(reconcileMessages);

export function reconcileWarning(
  field: string,
  code: keyof typeof reconcileMessages,
  params: Record<string, string>,
  suggestions: string[] = [],
): RowIssue {
  return {
    field,
    code,
    message: translate(code, "en", params),
    severity: "warning",
    suggestions,
    safeFix: null,
    params,
  };
}
