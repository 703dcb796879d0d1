/**
 * Field-level changes between two versions of a client, for a client's history: what a field was
 * before and what it became, over the same fields a review compares.
 */
import { z } from "zod";
import {
  type Client,
  type ComparableField,
  comparableFieldSchema,
  comparableFields,
} from "../model/client.js";
import { sameLinks } from "./differences.js";

export const fieldChangeSchema = z.strictObject({
  field: comparableFieldSchema,
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

function fieldValue(c: Client | null, field: ComparableField): unknown {
  if (c === null) return null;
  if (field.startsWith("address.")) {
    const part = field.slice("address.".length) as keyof NonNullable<Client["address"]>;
    return c.address?.[part] ?? null;
  }
  return c[field as Exclude<ComparableField, `address.${string}`>] ?? null;
}

/** Every field that differs between `before` (null: the first version) and `after`. */
export function versionChanges(before: Client | null, after: Client): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of comparableFields) {
    const a = fieldValue(before, field);
    const b = fieldValue(after, field);
    const same =
      field === "links"
        ? sameLinks((a ?? []) as Client["links"], b as Client["links"])
        : JSON.stringify(a) === JSON.stringify(b);
    if (!same) out.push({ field, before: a, after: b });
  }
  return out;
}
