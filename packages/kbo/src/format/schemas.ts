/**
 * Row schemas of the KBO Open Data files we read (see docs/kbo.md). Each file is described by
 * its exact header and a zod schema keyed by the header's column names, so a zod issue's path is
 * the column to name in the error. Parsed rows are camelCase, numbers without dots (the
 * 10-digit form the client model uses) and dates as ISO `YYYY-MM-DD`.
 */
import { z } from "zod";

/** `dd-mm-yyyy` → `yyyy-mm-dd`, refusing impossible dates. */
export const kboDateSchema = z.string().transform((s, ctx) => {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : "";
  const d = m ? new Date(`${iso}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    ctx.addIssue({ code: "custom", message: `expected a date dd-mm-yyyy, got "${s}"` });
    return z.NEVER;
  }
  return iso;
});

const undot = (s: string) => s.replaceAll(".", "");
const text = z.string();
const nullableText = z.string().nullable();
/** A code such as `000` or `610`: digits kept as text, leading zeros matter. */
const code3 = z.string().regex(/^\d{3}$/, "expected a 3-digit code");
export const enterpriseNumberSchema = z
  .string()
  .regex(/^[01]\d{3}\.\d{3}\.\d{3}$/, "expected an enterprise number 9999.999.999")
  .transform(undot);
export const establishmentNumberSchema = z
  .string()
  .regex(/^[2-8]\.\d{3}\.\d{3}\.\d{3}$/, "expected an establishment number 9.999.999.999")
  .transform(undot);
/** Enterprise, establishment or branch Id: tell them apart by format (or by the row's type). */
export const entityNumberSchema = z
  .string()
  .regex(/^(\d{4}\.\d{3}\.\d{3}|\d\.\d{3}\.\d{3}\.\d{3})$/, "expected an entity number")
  .transform(undot);

function fileSpec<const C extends readonly string[], S extends z.ZodType>(columns: C, schema: S) {
  return { columns, schema };
}

export const enterpriseFile = fileSpec(
  [
    "EnterpriseNumber",
    "Status",
    "JuridicalSituation",
    "TypeOfEnterprise",
    "JuridicalForm",
    "JuridicalFormCAC",
    "StartDate",
  ],
  z
    .object({
      EnterpriseNumber: enterpriseNumberSchema,
      Status: z.string().regex(/^[A-Z]{2}$/, "expected a 2-letter status"),
      JuridicalSituation: code3,
      TypeOfEnterprise: z.string().regex(/^\d$/, "expected a 1-digit type"),
      JuridicalForm: code3.nullable(),
      JuridicalFormCAC: code3.nullable(),
      StartDate: kboDateSchema,
    })
    .transform((r) => ({
      enterpriseNumber: r.EnterpriseNumber,
      status: r.Status,
      juridicalSituation: r.JuridicalSituation,
      typeOfEnterprise: r.TypeOfEnterprise,
      juridicalForm: r.JuridicalForm,
      juridicalFormCac: r.JuridicalFormCAC,
      startDate: r.StartDate,
    })),
);

export const establishmentFile = fileSpec(
  ["EstablishmentNumber", "StartDate", "EnterpriseNumber"],
  z
    .object({
      EstablishmentNumber: establishmentNumberSchema,
      StartDate: kboDateSchema,
      EnterpriseNumber: enterpriseNumberSchema,
    })
    .transform((r) => ({
      establishmentNumber: r.EstablishmentNumber,
      startDate: r.StartDate,
      enterpriseNumber: r.EnterpriseNumber,
    })),
);

export const branchFile = fileSpec(
  ["Id", "StartDate", "EnterpriseNumber"],
  z
    .object({
      Id: entityNumberSchema,
      StartDate: kboDateSchema,
      EnterpriseNumber: enterpriseNumberSchema,
    })
    .transform((r) => ({ id: r.Id, startDate: r.StartDate, enterpriseNumber: r.EnterpriseNumber })),
);

export const denominationFile = fileSpec(
  ["EntityNumber", "Language", "TypeOfDenomination", "Denomination"],
  z
    .object({
      EntityNumber: entityNumberSchema,
      Language: z.string().regex(/^\d$/, "expected a 1-digit language code"),
      TypeOfDenomination: code3,
      Denomination: z.string().min(1).max(320),
    })
    .transform((r) => ({
      entityNumber: r.EntityNumber,
      language: r.Language,
      typeOfDenomination: r.TypeOfDenomination,
      denomination: r.Denomination,
    })),
);

export const addressFile = fileSpec(
  [
    "EntityNumber",
    "TypeOfAddress",
    "CountryNL",
    "CountryFR",
    "Zipcode",
    "MunicipalityNL",
    "MunicipalityFR",
    "StreetNL",
    "StreetFR",
    "HouseNumber",
    "Box",
    "ExtraAddressInfo",
    "DateStrikingOff",
  ],
  z
    .object({
      EntityNumber: entityNumberSchema,
      TypeOfAddress: z.string().regex(/^[A-Z]{4}$/, "expected a 4-letter address type"),
      CountryNL: nullableText,
      CountryFR: nullableText,
      Zipcode: nullableText,
      MunicipalityNL: nullableText,
      MunicipalityFR: nullableText,
      StreetNL: nullableText,
      StreetFR: nullableText,
      HouseNumber: nullableText,
      Box: nullableText,
      ExtraAddressInfo: nullableText,
      DateStrikingOff: kboDateSchema.nullable(),
    })
    .transform((r) => ({
      entityNumber: r.EntityNumber,
      typeOfAddress: r.TypeOfAddress,
      countryNl: r.CountryNL,
      countryFr: r.CountryFR,
      zipcode: r.Zipcode,
      municipalityNl: r.MunicipalityNL,
      municipalityFr: r.MunicipalityFR,
      streetNl: r.StreetNL,
      streetFr: r.StreetFR,
      houseNumber: r.HouseNumber,
      box: r.Box,
      extraAddressInfo: r.ExtraAddressInfo,
      dateStrikingOff: r.DateStrikingOff,
    })),
);

export const activityFile = fileSpec(
  ["EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"],
  z
    .object({
      EntityNumber: entityNumberSchema,
      ActivityGroup: code3,
      NaceVersion: z.string().regex(/^\d{4}$/, "expected a 4-digit NACE version"),
      NaceCode: z.string().regex(/^\d{2,7}$/, "expected a NACE code of digits"),
      Classification: z.string().regex(/^[A-Z]{4}$/, "expected a 4-letter classification"),
    })
    .transform((r) => ({
      entityNumber: r.EntityNumber,
      activityGroup: r.ActivityGroup,
      naceVersion: r.NaceVersion,
      naceCode: r.NaceCode,
      classification: r.Classification,
    })),
);

export const codeFile = fileSpec(
  ["Category", "Code", "Language", "Description"],
  z
    .object({
      Category: z.string().min(1),
      Code: z.string().min(1),
      Language: z.string().regex(/^[A-Z]{2}$/, "expected a 2-letter language"),
      Description: text,
    })
    // The real file has descriptions with a leading space: trim them.
    .transform((r) => ({
      category: r.Category,
      code: r.Code,
      language: r.Language,
      description: r.Description.trim(),
    })),
);

export const metaFile = fileSpec(
  ["Variable", "Value"],
  z.object({ Variable: z.string().min(1), Value: nullableText }),
);

/** The snapshot described by meta.csv. */
export const snapshotMetaSchema = z.object({
  snapshotDate: kboDateSchema,
  extractTimestamp: z
    .string()
    .regex(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/, "expected dd-mm-yyyy hh:mm:ss"),
  extractType: z.enum(["full", "update"]),
  extractNumber: z.string().regex(/^\d+$/, "expected a number").transform(Number),
  version: z.string().min(1),
});
export type SnapshotMeta = z.output<typeof snapshotMetaSchema>;

export type EnterpriseRow = z.output<typeof enterpriseFile.schema>;
export type EstablishmentRow = z.output<typeof establishmentFile.schema>;
export type BranchRow = z.output<typeof branchFile.schema>;
export type DenominationRow = z.output<typeof denominationFile.schema>;
export type AddressRow = z.output<typeof addressFile.schema>;
export type ActivityRow = z.output<typeof activityFile.schema>;
export type CodeRow = z.output<typeof codeFile.schema>;

/** The register's tables and the row each holds. */
export interface RegisterRows {
  enterprise: EnterpriseRow;
  establishment: EstablishmentRow;
  branch: BranchRow;
  denomination: DenominationRow;
  address: AddressRow;
  activity: ActivityRow;
  code: CodeRow;
}
export type RegisterTable = keyof RegisterRows;
/** Tables an update changes by key (code.csv is replaced whole instead). */
export type KeyedTable = Exclude<RegisterTable, "code">;

export const dataFiles = {
  enterprise: enterpriseFile,
  establishment: establishmentFile,
  branch: branchFile,
  denomination: denominationFile,
  address: addressFile,
  activity: activityFile,
  code: codeFile,
} as const;

/** The one column of each `<t>_delete.csv` of an update. */
export const deleteFiles = {
  enterprise: fileSpec(
    ["EnterpriseNumber"],
    z.object({ EnterpriseNumber: enterpriseNumberSchema }).transform((r) => r.EnterpriseNumber),
  ),
  establishment: fileSpec(
    ["EstablishmentNumber"],
    z
      .object({ EstablishmentNumber: establishmentNumberSchema })
      .transform((r) => r.EstablishmentNumber),
  ),
  branch: fileSpec(
    ["Id"],
    z.object({ Id: entityNumberSchema }).transform((r) => r.Id),
  ),
  denomination: fileSpec(
    ["EntityNumber"],
    z.object({ EntityNumber: entityNumberSchema }).transform((r) => r.EntityNumber),
  ),
  address: fileSpec(
    ["EntityNumber"],
    z.object({ EntityNumber: entityNumberSchema }).transform((r) => r.EntityNumber),
  ),
  activity: fileSpec(
    ["EntityNumber"],
    z.object({ EntityNumber: entityNumberSchema }).transform((r) => r.EntityNumber),
  ),
} as const;

/** Header of contact.csv: not loaded, but the generator writes it. */
export const contactColumns = ["EntityNumber", "EntityContact", "ContactType", "Value"] as const;
