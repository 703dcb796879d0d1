import { type MessageCatalog, registerMessages } from "../i18n/index.js";

/**
 * Every code checkId can return, as an error or a warning, with its text in nl, fr and en.
 * Codes carry the `id.` prefix so they never collide with row or reconcile codes in the shared
 * catalog. Texts take no parameters: `translate(code, lang)` is the whole message.
 * The meaning of each code is documented in docs/identifiers.md.
 */
export const identifierMessages = {
  "id.empty": {
    nl: "Leeg: er is geen waarde ingevuld.",
    fr: "Vide : aucune valeur n'a été saisie.",
    en: "Empty: no value was given.",
  },
  "id.unknown_kind": {
    nl: "Onbekend soort nummer.",
    fr: "Type de numéro inconnu.",
    en: "Unknown kind of number.",
  },
  "id.characters": {
    nl: "Bevat tekens die niet in dit nummer thuishoren.",
    fr: "Contient des caractères qui n'ont pas leur place dans ce numéro.",
    en: "Contains characters that do not belong in this number.",
  },
  "id.prefix": {
    nl: "Begint met de landcode van een ander land: alleen Belgische nummers (BE) zijn toegelaten.",
    fr: "Commence par le code d'un autre pays : seuls les numéros belges (BE) sont acceptés.",
    en: "Starts with another country's code: only Belgian (BE) numbers are accepted.",
  },
  "id.length": {
    nl: "Verkeerd aantal cijfers voor dit soort nummer.",
    fr: "Nombre de chiffres incorrect pour ce type de numéro.",
    en: "Wrong number of digits for this kind of number.",
  },
  "id.all_zeros": {
    nl: "Het nummer bestaat enkel uit nullen.",
    fr: "Le numéro ne contient que des zéros.",
    en: "The number is all zeros.",
  },
  "id.first_digit": {
    nl: "Dit eerste cijfer kan niet: een ondernemingsnummer begint met 0 of 1, een vestigingseenheidsnummer met 2 tot 8.",
    fr: "Ce premier chiffre est impossible : un numéro d'entreprise commence par 0 ou 1, un numéro d'unité d'établissement par 2 à 8.",
    en: "This first digit is not possible: an enterprise number starts with 0 or 1, an establishment unit number with 2 to 8.",
  },
  "id.establishment_unit": {
    nl: "Dit is een vestigingseenheidsnummer (begint met 2 tot 8), geen ondernemingsnummer.",
    fr: "Ceci est un numéro d'unité d'établissement (commence par 2 à 8), pas un numéro d'entreprise.",
    en: "This is an establishment unit number (starts with 2 to 8), not an enterprise number.",
  },
  "id.enterprise_number": {
    nl: "Dit is een ondernemingsnummer (begint met 0 of 1), geen vestigingseenheidsnummer.",
    fr: "Ceci est un numéro d'entreprise (commence par 0 ou 1), pas un numéro d'unité d'établissement.",
    en: "This is an enterprise number (starts with 0 or 1), not an establishment unit number.",
  },
  "id.checksum": {
    nl: "De controlecijfers kloppen niet: waarschijnlijk een tikfout.",
    fr: "Les chiffres de contrôle ne correspondent pas : probablement une faute de frappe.",
    en: "The check digits do not match: probably a typing error.",
  },
  "id.checksum_00": {
    nl: "Controlecijfers 00 bestaan niet: als de rest deelbaar is door 97, zijn de controlecijfers 97.",
    fr: "Les chiffres de contrôle 00 n'existent pas : si le reste est divisible par 97, ils valent 97.",
    en: "Check digits 00 never occur: when the rest is divisible by 97, the check digits are 97.",
  },
  "id.month": {
    nl: "Het maanddeel is geen geldige maand.",
    fr: "La partie mois n'est pas un mois valable.",
    en: "The month part is not a valid month.",
  },
  "id.bis_month": {
    nl: "Het maanddeel (20–32 of 40–52) hoort bij een BIS-nummer, niet bij een rijksregisternummer.",
    fr: "La partie mois (20–32 ou 40–52) est celle d'un numéro BIS, pas d'un numéro de registre national.",
    en: "The month part (20–32 or 40–52) marks a BIS number, not a national register number.",
  },
  "id.nrn_month": {
    nl: "Het maanddeel (00–12) hoort bij een rijksregisternummer, niet bij een BIS-nummer.",
    fr: "La partie mois (00–12) est celle d'un numéro de registre national, pas d'un numéro BIS.",
    en: "The month part (00–12) marks a national register number, not a BIS number.",
  },
  "id.not_a_date": {
    nl: "Het geboortedatumdeel is geen bestaande datum.",
    fr: "La partie date de naissance n'est pas une date existante.",
    en: "The birth date part is not a real date.",
  },
  "id.future_date": {
    nl: "Het geboortedatumdeel ligt in de toekomst.",
    fr: "La partie date de naissance se situe dans le futur.",
    en: "The birth date part lies in the future.",
  },
  "id.format": {
    nl: "Niet in de verwachte vorm.",
    fr: "Pas dans la forme attendue.",
    en: "Not in the expected form.",
  },
  "id.iban_country": {
    nl: "Geen Belgische IBAN: die begint met BE.",
    fr: "Pas un IBAN belge : celui-ci commence par BE.",
    en: "Not a Belgian IBAN: a Belgian IBAN starts with BE.",
  },
  "id.iban_national_check": {
    nl: "De Belgische controle van het rekeningnummer (laatste twee cijfers) klopt niet.",
    fr: "Le contrôle belge du numéro de compte (deux derniers chiffres) ne correspond pas.",
    en: "The Belgian account check (last two digits) does not match.",
  },
  "id.iban_bban": {
    nl: "Dit is een oud Belgisch rekeningnummer, geen IBAN.",
    fr: "Ceci est un ancien numéro de compte belge, pas un IBAN.",
    en: "This is an old Belgian account number, not an IBAN.",
  },
  "id.postcode_range": {
    nl: "Een Belgische postcode heeft vier cijfers en begint niet met 0.",
    fr: "Un code postal belge a quatre chiffres et ne commence pas par 0.",
    en: "A Belgian postcode has four digits and does not start with 0.",
  },
  "id.email_at": {
    nl: "Een e-mailadres bevat precies één @.",
    fr: "Une adresse e-mail contient exactement un @.",
    en: "An e-mail address contains exactly one @.",
  },
  "id.email_display_name": {
    nl: "Alleen het adres zelf, zonder naam of < >.",
    fr: "Uniquement l'adresse elle-même, sans nom ni < >.",
    en: "Only the address itself, without a name or < >.",
  },
  "id.email_local": {
    nl: "Het deel voor de @ bevat ongeldige tekens of punten.",
    fr: "La partie avant le @ contient des caractères ou des points non valables.",
    en: "The part before the @ has characters or dots that are not allowed.",
  },
  "id.email_domain": {
    nl: "Het domein na de @ is ongeldig (bv. geen extensie zoals .be).",
    fr: "Le domaine après le @ n'est pas valable (p. ex. pas d'extension comme .be).",
    en: "The domain after the @ is not valid (e.g. no ending such as .be).",
  },
  "id.email_length": {
    nl: "Het e-mailadres is te lang.",
    fr: "L'adresse e-mail est trop longue.",
    en: "The e-mail address is too long.",
  },
  // Warnings: the value is valid, but someone should look at it.
  "id.padded_leading_zero": {
    nl: "Er is een 0 vooraan toegevoegd (oud nummer met 9 cijfers, of een rekenblad liet de nul weg).",
    fr: "Un 0 a été ajouté devant (ancien numéro à 9 chiffres, ou un tableur a supprimé le zéro).",
    en: "A leading 0 was added (an old 9-digit number, or a spreadsheet dropped the zero).",
  },
  "id.serial_000_999": {
    nl: "Volgnummer 000 of 999 komt in een rijksregisternummer normaal niet voor: controleer het.",
    fr: "Le numéro d'ordre 000 ou 999 n'apparaît normalement pas dans un numéro de registre national : vérifiez-le.",
    en: "Serial 000 or 999 does not normally occur in a national register number: check it.",
  },
  "id.postcode_above_range": {
    nl: "Hoger dan 9992, de hoogste Belgische postcode: controleer ze.",
    fr: "Supérieur à 9992, le code postal belge le plus élevé : vérifiez-le.",
    en: "Above 9992, the highest Belgian postcode: check it.",
  },
  "id.phone_invalid": {
    nl: "Geen geldig telefoonnummer: controleer het netnummer en de cijfers.",
    fr: "Numéro de téléphone non valable : vérifiez l'indicatif et les chiffres.",
    en: "Not a valid phone number: check the area code and the digits.",
  },
  "id.phone_length": {
    nl: "Te veel of te weinig cijfers voor een telefoonnummer.",
    fr: "Trop ou trop peu de chiffres pour un numéro de téléphone.",
    en: "Too many or too few digits for a phone number.",
  },
  "id.iban_invalid": {
    nl: "Geen geldig IBAN-rekeningnummer: de controlecijfers of de lengte kloppen niet.",
    fr: "Numéro IBAN non valable : les chiffres de contrôle ou la longueur ne correspondent pas.",
    en: "Not a valid IBAN: the check digits or the length do not match.",
  },
  "id.iban_bank_unknown": {
    nl: "Deze bankcode staat niet in de lijst van de Nationale Bank: controleer het rekeningnummer.",
    fr: "Ce code banque ne figure pas dans la liste de la Banque nationale : vérifiez le numéro de compte.",
    en: "This bank code is not in the National Bank's list: check the account number.",
  },
  "id.email_domain_typo": {
    nl: "Mogelijk een tikfout in het domein van het e-mailadres.",
    fr: "Faute de frappe possible dans le domaine de l'adresse e-mail.",
    en: "The e-mail address's domain may have a typing error.",
  },
} satisfies MessageCatalog;

export type IdCode = keyof typeof identifierMessages;

/** Every identifier code, for tests and docs. */
export const identifierCodes = Object.keys(identifierMessages) as IdCode[];

registerMessages(identifierMessages);

/** The English text of a code (the `message` of IdCheck). */
export function englishMessage(code: IdCode): string {
  return identifierMessages[code].en;
}
