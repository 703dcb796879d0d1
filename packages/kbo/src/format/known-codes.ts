/**
 * Codes the check needs to know beyond what code.csv gives. code.csv defines EN but has no English
 * rows, and it holds long legal-form names where client files hold abbreviations (BV, SRL…).
 * The NL/FR texts below are also what the synthetic generator writes into code.csv.
 */
export interface KnownCode {
  nl: string;
  fr: string;
  de?: string;
  en: string;
}

export const juridicalSituations: Record<string, KnownCode> = {
  "000": { nl: "Normale toestand", fr: "Situation normale", en: "Normal situation" },
  "001": { nl: "Oprichting rechtspersoon", fr: "Création légale", en: "Legal creation" },
  "003": {
    nl: "Vervanging ondernemingsnummer",
    fr: "Remplacement du numéro d'entreprise",
    en: "Enterprise number replaced",
  },
  "010": {
    nl: "Ontbinding van rechtswege",
    fr: "Dissolution de plein droit",
    en: "Dissolution by law",
  },
  "012": {
    nl: "Vrijwillige ontbinding - vereffening",
    fr: "Dissolution volontaire - liquidation",
    en: "Voluntary dissolution and liquidation",
  },
  "013": {
    nl: "Gerechtelijke ontbinding of nietigheid",
    fr: "Dissolution judiciaire ou nullité",
    en: "Judicial dissolution or nullity",
  },
  "014": { nl: "Sluiting vereffening", fr: "Clôture de liquidation", en: "Liquidation closed" },
  "030": {
    nl: "Gerechtelijk akkoord vóór faillissement",
    fr: "Concordat judiciaire avant faillite",
    en: "Judicial composition before bankruptcy",
  },
  "048": {
    nl: "Opening faillissement met verschoonbaarheid",
    fr: "Ouverture de faillite avec excusabilité",
    en: "Bankruptcy opened, with excusability",
  },
  "049": {
    nl: "Opening faillissement zonder verschoonbaarheid",
    fr: "Ouverture de faillite sans excusabilité",
    en: "Bankruptcy opened, without excusability",
  },
  "050": { nl: "Opening faillissement", fr: "Ouverture de faillite", en: "Bankruptcy opened" },
  "051": {
    nl: "Sluiting faillissement met verschoonbaarheid",
    fr: "Clôture de faillite avec excusabilité",
    en: "Bankruptcy closed, with excusability",
  },
  "053": { nl: "Sluiting faillissement", fr: "Clôture de faillite", en: "Bankruptcy closed" },
  "090": { nl: "Nieuwe statuten", fr: "Nouveaux statuts", en: "New statutes" },
  "091": {
    nl: "Opschorting (gerechtelijke reorganisatie)",
    fr: "Sursis (réorganisation judiciaire)",
    en: "Suspension (judicial reorganisation)",
  },
  "100": {
    nl: "Identificatie van de entiteit",
    fr: "Identification de l'entité",
    en: "Identification of the entity",
  },
  "112": {
    nl: "Heropening vereffening",
    fr: "Réouverture de la liquidation",
    en: "Liquidation reopened",
  },
};

export interface KnownLegalForm extends KnownCode {
  /** Abbreviations in use, in any language (`BV`, `SRL`). */
  abbreviations: string[];
}

export const legalForms: Record<string, KnownLegalForm> = {
  "014": {
    nl: "Naamloze vennootschap",
    fr: "Société anonyme",
    de: "Aktiengesellschaft",
    en: "Public limited company",
    abbreviations: ["NV", "SA", "AG"],
  },
  "015": {
    nl: "Besloten vennootschap met beperkte aansprakelijkheid",
    fr: "Société privée à responsabilité limitée",
    de: "Privatgesellschaft mit beschränkter Haftung",
    en: "Private limited company (old form)",
    abbreviations: ["BVBA", "SPRL", "PGmbH"],
  },
  "017": {
    nl: "Vereniging zonder winstoogmerk",
    fr: "Association sans but lucratif",
    de: "Vereinigung ohne Gewinnerzielungsabsicht",
    en: "Non-profit association",
    abbreviations: ["VZW", "ASBL", "VoG"],
  },
  "030": {
    nl: "Buitenlandse entiteit",
    fr: "Entité étrangère",
    de: "Ausländische Einheit",
    en: "Foreign entity",
    abbreviations: [],
  },
  "124": {
    nl: "Openbare instelling",
    fr: "Établissement public",
    de: "Öffentliche Einrichtung",
    en: "Public institution",
    abbreviations: [],
  },
  "610": {
    nl: "Besloten vennootschap",
    fr: "Société à responsabilité limitée",
    de: "Gesellschaft mit beschränkter Haftung",
    en: "Private limited company",
    abbreviations: ["BV", "SRL", "GmbH"],
  },
  "612": {
    nl: "Commanditaire vennootschap",
    fr: "Société en commandite",
    de: "Kommanditgesellschaft",
    en: "Limited partnership",
    abbreviations: ["CommV", "SComm", "KG"],
  },
  "706": {
    nl: "Coöperatieve vennootschap",
    fr: "Société coopérative",
    de: "Genossenschaft",
    en: "Cooperative company",
    abbreviations: ["CV", "SC", "Gen"],
  },
};

/**
 * Words that name a legal form inside a company name ("Bakkerij Peeters BV"). Removed before two
 * names are compared, since the register writes the form apart or not at all.
 */
export const legalFormWords = [
  ...new Set([
    ...Object.values(legalForms).flatMap((f) => f.abbreviations),
    "CVBA",
    "SCRL",
    "VOF",
    "SNC",
    "SCS",
    "GCV",
    "BVBA",
    "SPRL",
    "SPRLU",
    "EBVBA",
    "SA",
    "NV",
    "Ltd",
    "LLC",
    "SARL",
    "SAS",
    "BVBA-SPRL",
    "Comm.V",
    "S.Comm",
  ]),
];
