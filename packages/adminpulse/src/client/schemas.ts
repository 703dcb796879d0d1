/**
 * Response schemas. Objects are loose (unknown fields kept) because the API is only known from
 * third-party code (adminpulse-api.md); fields the document marks provisional (U7, U8) are
 * optional and nullable, so their absence never breaks a sync, while a wrong type still fails with
 * the field named.
 */
import { z } from "zod";

const str = z.string().nullish();
const num = z.number().nullish();

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    results: z.array(item),
    currentPage: z.number().int(),
    pageCount: z.number().int().nonnegative(),
    pageSize: z.number().int(),
    totalRowCount: z.number().int().nonnegative(),
  });
export type Page<T> = {
  results: T[];
  currentPage: number;
  pageCount: number;
  pageSize: number;
  totalRowCount: number;
};

export const relationLinkSchema = z.looseObject({
  linkType: z.number().int(),
  uniqueIdentifier: z.string().nullish(),
  // Provisional per-link extras (U8).
  startDate: str,
  endDate: str,
  numberOfShares: num,
  votingRights: num,
  comment: str,
});
export type RelationLink = z.infer<typeof relationLinkSchema>;

export const addressSchema = z.looseObject({
  street: str,
  number: str,
  box: str,
  postalCode: str,
  city: str,
  country: str,
});

export const relationSchema = z.looseObject({
  id: z.string(),
  name: str,
  code: str,
  displayName: str,
  uniqueIdentifier: str,
  accountingRelationcode: str,
  legalForm: str,
  companyId: str,
  relationGroupName: str,
  tos: z.array(relationLinkSchema).nullish(),
  commercialName: str,
  // Provisional (U7): names assumed in the API's camelCase style.
  firstName: str,
  lastName: str,
  vatNumber: str,
  companyNumber: str,
  nationalRegisterNumber: str,
  language: str,
  relationType: num,
  status: num,
  email: str,
  phone: str,
  mobile: str,
  website: str,
  address: addressSchema.nullish(),
  responsibleUserId: str,
  generalMeetingDate: str,
});
export type Relation = z.infer<typeof relationSchema>;

export const userSchema = z.looseObject({ id: z.string(), name: str });
export type User = z.infer<typeof userSchema>;

export const companySchema = z.looseObject({ id: z.string(), name: str });
export type Company = z.infer<typeof companySchema>;

export const subtaskSchema = z.looseObject({
  id: z.string(),
  name: str,
  templateName: str,
  status: num,
  deadline: str,
  // C1 compares priority both as number and string, so accept both.
  priority: z.union([z.number(), z.string()]).nullish(),
  remark: str,
  inapplicable: z.boolean().nullish(),
});
export type Subtask = z.infer<typeof subtaskSchema>;

export const taskSchema = z.looseObject({
  id: z.string(),
  name: str,
  templateName: str,
  status: num,
  deadline: str,
  referenceYear: num,
  inapplicable: z.boolean().nullish(),
  relationUniqueIdentifier: str,
  subtasks: z.array(subtaskSchema).nullish(),
});
export type Task = z.infer<typeof taskSchema>;

/** Synthetic (U10): `GET /tasks/templates` is not a known AdminPulse endpoint. */
export const taskTemplateSchema = z.looseObject({ id: z.string().nullish(), name: z.string() });
export type TaskTemplate = z.infer<typeof taskTemplateSchema>;

export const taskUpdateSchema = z.strictObject({
  status: z.number().int().min(0).max(2).optional(),
  remark: z.string().optional(),
  deadline: z.string().optional(),
  assignedUserId: z.string().optional(),
});
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;

export const errorBodySchema = z.looseObject({ message: z.string() });
