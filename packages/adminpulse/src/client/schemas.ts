/**
 * Response schemas. Objects are loose (unknown fields kept) because the API is only known from
 * third-party code (adminpulse-api.md); fields the document marks provisional (U7, U8) are
 * optional and nullable, so their absence never breaks a sync, while a wrong type still fails with
 * the field named.
 */
import { z } from "zod";

const str = z.string().nullish();
const num = z.number().nullish();

/**
 * The paged envelope. Only `results` and `pageCount` are needed to page; `currentPage`, `pageSize`
 * and `totalRowCount` are read when present (N11: real clients read only results/currentPage/
 * pageCount), and a missing `totalRowCount` simply means a scan cannot prove absence (ADR 0013).
 */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    results: z.array(item),
    currentPage: z.number().int().nullish(),
    pageCount: z.number().int().nonnegative(),
    pageSize: z.number().int().nullish(),
    totalRowCount: z
      .number()
      .int()
      .nonnegative()
      .nullish()
      .transform((v) => v ?? null),
  });
export type Page<T> = {
  results: T[];
  currentPage?: number | null | undefined;
  pageCount: number;
  pageSize?: number | null | undefined;
  totalRowCount: number | null;
};

/**
 * A relation is checked only for being an object: its fields are read one by one by the mapping
 * (mapping/read-fields.ts, driven by mapping/table.ts), so a field of an unexpected type is a
 * problem on that relation, not a failed page (issue 12). Unknown fields stay on the object.
 */
export const relationSchema = z.record(z.string(), z.unknown());
export type Relation = z.infer<typeof relationSchema>;

export const userSchema = z.looseObject({ id: z.string(), name: str });
export type User = z.infer<typeof userSchema>;

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

export const errorBodySchema = z.looseObject({ message: z.string() });
