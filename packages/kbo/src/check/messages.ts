import { registerMessages } from "@pulsebridge/core";

export const registerFindingCodes = [
  "kbo.not_in_register",
  "kbo.via_establishment",
  "kbo.juridical_situation",
  "kbo.name_differs",
  "kbo.name_matches_alias",
  "kbo.legal_form_differs",
  "kbo.legal_form_natural_person",
  "kbo.address_differs",
  "kbo.address_struck_off",
] as const;
export type RegisterFindingCode = (typeof registerFindingCodes)[number];

export const registerMessagesCatalog = {
  "kbo.not_in_register": {
    en: "Enterprise number {number} is not in the KBO register of {snapshotDate}: it is unknown, stopped or never existed (the open data lists active entities only).",
    nl: "Ondernemingsnummer {number} staat niet in het KBO-register van {snapshotDate}: het is onbekend, stopgezet of heeft nooit bestaan (de open data bevatten enkel actieve entiteiten).",
    fr: "Le numéro d'entreprise {number} ne figure pas dans le registre BCE du {snapshotDate} : il est inconnu, arrêté ou n'a jamais existé (les données ouvertes ne reprennent que les entités actives).",
  },
  "kbo.via_establishment": {
    en: "{number} is an establishment unit of enterprise {enterpriseNumber}; the check uses the enterprise.",
    nl: "{number} is een vestigingseenheid van onderneming {enterpriseNumber}; de controle gebruikt de onderneming.",
    fr: "{number} est une unité d'établissement de l'entreprise {enterpriseNumber} ; le contrôle utilise l'entreprise.",
  },
  "kbo.juridical_situation": {
    en: "The register gives the juridical situation {code}: {description}.",
    nl: "Het register vermeldt de rechtstoestand {code}: {description}.",
    fr: "Le registre indique la situation juridique {code} : {description}.",
  },
  "kbo.name_differs": {
    en: "The name differs from the official name in the register: {registerValue}.",
    nl: "De naam verschilt van de officiële naam in het register: {registerValue}.",
    fr: "Le nom diffère de la dénomination officielle au registre : {registerValue}.",
  },
  "kbo.name_matches_alias": {
    en: "The name matches the register's {alias}, not its official name {registerValue}.",
    nl: "De naam komt overeen met de {alias} in het register, niet met de officiële naam {registerValue}.",
    fr: "Le nom correspond à l'{alias} au registre, pas à la dénomination officielle {registerValue}.",
  },
  "kbo.legal_form_differs": {
    en: "The legal form differs from the register: {registerValue}.",
    nl: "De rechtsvorm verschilt van het register: {registerValue}.",
    fr: "La forme juridique diffère du registre : {registerValue}.",
  },
  "kbo.legal_form_natural_person": {
    en: "The register lists a natural person, who has no legal form.",
    nl: "Het register vermeldt een natuurlijk persoon, die geen rechtsvorm heeft.",
    fr: "Le registre mentionne une personne physique, qui n'a pas de forme juridique.",
  },
  "kbo.address_differs": {
    en: "The registered address differs from the register: {registerValue}.",
    nl: "Het adres verschilt van het register: {registerValue}.",
    fr: "L'adresse diffère du registre : {registerValue}.",
  },
  "kbo.address_struck_off": {
    en: "The register marks the registered office address as struck off since {date}.",
    nl: "Het register vermeldt het zetel-adres als doorgehaald sinds {date}.",
    fr: "Le registre indique l'adresse du siège comme radiée depuis le {date}.",
  },
} satisfies Record<RegisterFindingCode, { en: string; nl: string; fr: string }>;

/** Names of the alias kinds (TypeOfDenomination 002/003) as they appear in the messages above. */
export const aliasNames = {
  "002": { en: "abbreviation", nl: "afkorting", fr: "abréviation" },
  "003": { en: "commercial name", nl: "commerciële naam", fr: "dénomination commerciale" },
} as const;

registerMessages(registerMessagesCatalog);
