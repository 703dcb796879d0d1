/**
 * Cells that hold one of a few API codes (a client's kind, its language) are written as words staff
 * use. Reading them back needs nothing here: core's validateRow reads the nl, fr and en spellings
 * (and the codes), so a sheet pulled in Dutch pushes the same for a French colleague.
 */
import {
  type ClientKind,
  clientKinds,
  type Language,
  languages,
  type UiLanguage,
} from "@pulsebridge/core";
import { languageNames } from "../../i18n/languages.js";

export const kindWords: Record<ClientKind, Record<UiLanguage, string>> = {
  company: { nl: "Vennootschap", fr: "Société", en: "Company" },
  soleProprietor: { nl: "Eenmanszaak", fr: "Entreprise individuelle", en: "Sole proprietor" },
  person: { nl: "Natuurlijk persoon", fr: "Personne physique", en: "Person" },
};

/**
 * Each language in its own name (i18n/languages.ts), the same whoever pulls: a re-pull in another
 * UI language does not rewrite the whole column, and every colleague recognises "Français".
 */
export { languageNames };

const isKind = (v: string): v is ClientKind => (clientKinds as readonly string[]).includes(v);
const isLanguage = (v: string): v is Language => (languages as readonly string[]).includes(v);

/** An API value as the sheet shows it; anything that is not one of the codes stays as it is. */
/** `field`: a column key or a field path ("kind", "language"); the two coincide for these. */
export function cellText(field: string, value: string, lang: UiLanguage): string {
  if (field === "kind" && isKind(value)) return kindWords[value][lang];
  if (field === "language" && isLanguage(value)) return languageNames[value];
  return value;
}
