/**
 * Texts for the row and reconcile issue codes (prefix `row.`). Identifier codes (`id.checksum`,
 * `id.length`, …) belong to the identifiers module and are registered there; a row issue reuses them.
 */
import { type MessageCatalog, registerMessages } from "../i18n/index.js";

export const rowMessages = {
  "row.required": {
    nl: "Dit veld is verplicht.",
    fr: "Ce champ est obligatoire.",
    en: "This field is required.",
  },
  "row.kind_unknown": {
    nl: "'{value}' is geen gekend soort klant (vennootschap, eenmanszaak, persoon).",
    fr: "'{value}' n'est pas un type de client connu (société, entreprise individuelle, personne physique).",
    en: "'{value}' is not a known kind of client (company, sole proprietor, person).",
  },
  "row.kind_inferred": {
    nl: "Geen soort klant ingevuld; afgeleid uit de nummers: {kind}.",
    fr: "Type de client absent ; déduit des numéros : {kind}.",
    en: "No kind of client given; derived from the numbers: {kind}.",
  },
  "row.nrn_recommended": {
    nl: "Vul het rijksregisternummer in: zo verloopt de koppeling met MyMinfin en Tax-on-web vlotter.",
    fr: "Ajoutez le numéro de registre national : la liaison avec MyMinfin et Tax-on-web en sera plus fiable.",
    en: "Add the national register number: it makes linking with MyMinfin and Tax-on-web reliable.",
  },
  "row.field_not_for_kind": {
    nl: "Dit veld hoort normaal niet bij een klant van het soort '{kind}'.",
    fr: "Ce champ n'est normalement pas utilisé pour un client de type '{kind}'.",
    en: "This field is not normally used for a client of kind '{kind}'.",
  },
  "row.vat_mismatch": {
    nl: "Het btw-nummer {vat} hoort niet bij het ondernemingsnummer {enterprise}.",
    fr: "Le numéro de TVA {vat} ne correspond pas au numéro d'entreprise {enterprise}.",
    en: "The VAT number {vat} does not match the enterprise number {enterprise}.",
  },
  "row.enterprise_from_vat": {
    nl: "Ondernemingsnummer overgenomen uit het btw-nummer: {enterprise}.",
    fr: "Numéro d'entreprise repris du numéro de TVA : {enterprise}.",
    en: "Enterprise number taken from the VAT number: {enterprise}.",
  },
  "row.country_unknown": {
    nl: "'{value}' is geen gekend land; gebruik een landcode van twee letters, zoals BE.",
    fr: "'{value}' n'est pas un pays connu ; utilisez un code pays à deux lettres, comme BE.",
    en: "'{value}' is not a known country; use a two-letter country code such as BE.",
  },
  "row.language_unknown": {
    nl: "'{value}' is geen gekende taal; gebruik nl, fr, en of de.",
    fr: "'{value}' n'est pas une langue connue ; utilisez nl, fr, en ou de.",
    en: "'{value}' is not a known language; use nl, fr, en or de.",
  },
  "row.date_invalid": {
    nl: "'{value}' is geen geldige datum; schrijf dd/mm/jjjj.",
    fr: "'{value}' n'est pas une date valide ; écrivez jj/mm/aaaa.",
    en: "'{value}' is not a valid date; write dd/mm/yyyy.",
  },
  "row.date_order": {
    nl: "De einddatum ligt vóór de begindatum.",
    fr: "La date de fin précède la date de début.",
    en: "The end date is before the start date.",
  },
  "row.role_unknown": {
    nl: "'{value}' is geen gekende rol (bv. bestuurder, aandeelhouder, commissaris).",
    fr: "'{value}' n'est pas un rôle connu (p. ex. administrateur, actionnaire, commissaire).",
    en: "'{value}' is not a known role (e.g. director, shareholder, auditor).",
  },
  "row.number_invalid": {
    nl: "'{value}' is geen getal.",
    fr: "'{value}' n'est pas un nombre.",
    en: "'{value}' is not a number.",
  },
  "row.number_negative": {
    nl: "'{value}' mag niet negatief zijn.",
    fr: "'{value}' ne peut pas être négatif.",
    en: "'{value}' cannot be negative.",
  },
  "row.number_ambiguous": {
    nl: "'{value}' werd gelezen als {read}; bedoelde u {other}, schrijf het dan zonder scheidingsteken.",
    fr: "'{value}' a été lu comme {read} ; si vous vouliez dire {other}, écrivez-le sans séparateur.",
    en: "'{value}' was read as {read}; if you meant {other}, write it without a separator.",
  },
  "row.link_target_missing": {
    nl: "De koppeling noemt geen relatie: vul de code of de naam van de relatie in.",
    fr: "Le lien ne désigne aucune relation : indiquez le code ou le nom de la relation.",
    en: "The link names no relation: fill in the relation's code or name.",
  },
  "row.duplicate": {
    nl: "Deze rij beschrijft dezelfde klant als rij {others} ({key}); behoud er één.",
    fr: "Cette ligne décrit le même client que la ligne {others} ({key}) ; n'en gardez qu'une.",
    en: "This row describes the same client as row {others} ({key}); keep only one.",
  },
  "row.ambiguous_match": {
    nl: "Meerdere bestaande klanten hebben deze naam en postcode ({ids}); er werd geen enkele automatisch gekoppeld.",
    fr: "Plusieurs clients existants ont ce nom et ce code postal ({ids}) ; aucun n'a été associé automatiquement.",
    en: "Several existing clients have this name and postcode ({ids}); none was matched automatically.",
  },
  "row.name_parts_differ": {
    nl: "De naam verschilt van voornaam en familienaam; de naam wordt daaruit afgeleid: {name}.",
    fr: "Le nom diffère du prénom et du nom de famille ; il en est déduit : {name}.",
    en: "The name differs from the first and last name; it is derived from them: {name}.",
  },
  "row.bic_invalid": {
    nl: "'{value}' is geen geldige BIC-code (8 of 11 tekens, bv. GEBABEBB).",
    fr: "'{value}' n'est pas un code BIC valable (8 ou 11 caractères, p. ex. GEBABEBB).",
    en: "'{value}' is not a valid BIC (8 or 11 characters, e.g. GEBABEBB).",
  },
  "row.bic_mismatch": {
    nl: "Deze BIC hoort niet bij de bank van het rekeningnummer; volgens de Nationale Bank is het {bic}.",
    fr: "Ce BIC ne correspond pas à la banque du numéro de compte ; selon la Banque nationale, c'est {bic}.",
    en: "This BIC does not belong to the account's bank; by the National Bank's list it is {bic}.",
  },
  "row.postcode_unknown": {
    nl: "Postcode {postcode} staat niet in de lijst van bpost: controleer hem.",
    fr: "Le code postal {postcode} ne figure pas dans la liste de bpost : vérifiez-le.",
    en: "Postcode {postcode} is not in bpost's list: check it.",
  },
  "row.postcode_city_mismatch": {
    nl: "{city} ligt niet in postcode {postcode}: controleer de postcode of de gemeente.",
    fr: "{city} ne correspond pas au code postal {postcode} : vérifiez le code postal ou la localité.",
    en: "{city} is not in postcode {postcode}: check the postcode or the town.",
  },
} as const satisfies MessageCatalog;

export type RowMessageCode = keyof typeof rowMessages;

registerMessages(rowMessages);
