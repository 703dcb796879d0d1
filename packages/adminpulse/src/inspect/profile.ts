/**
 * What one page of JSON objects holds, field by field: JSON types, null rate, values seen (only for
 * code-like, non-personal fields) and nesting. Personal fields are masked: their values never
 * leave this module, only their count, types and format shape.
 */
import { isObject, jsonType } from "../mapping/read-fields.js";

export type FieldProfile = {
  /** Dotted path: `address.city`, `tos[].linkType`. */
  path: string;
  /** Objects that had the key at all (null included). */
  present: number;
  nulls: number;
  types: Record<string, number>;
  /** Distinct values of a code-like field (≤ maxValues, never a personal field), else null. */
  values: string[] | null;
  /** Format shapes of a masked field's values (`99999.999.999`, `Aa`), a few distinct. */
  shapes: string[];
  personal: boolean;
};

/** Fields whose values are about a person or a business's contact details: never shown. */
const personalNames =
  /name|mail|phone|mobile|vat|number|register|nrn|iban|bic|street|box|postal|zip|city|address|website|url|link|value|birth|comment|remark|code$|identifier|^id$|id$/i;
/** Values of these are codes, always shown (even when their name looks personal). */
const codeNames = /^(relationType|type|kind|status|language|linkType|legalForm|country|active)$/i;
const maxValues = 12;

export const isPersonal = (path: string) => {
  const leaf = path.split(".").pop()?.replace("[]", "") ?? path;
  // The whole path counts: anything under `externalLinks` or `address` is masked, codes aside.
  return !codeNames.test(leaf) && personalNames.test(path);
};

/** `BE 0403.019.261` → `AA 9999.999.999`; long text shortened: a shape, never the value. */
export const shapeOf = (v: unknown): string => {
  if (typeof v !== "string") return jsonType(v);
  // Unicode classes: an accented letter must not survive as itself (it would leak a name's letter).
  const s = v
    .replace(/\p{Lu}|\p{Lt}/gu, "A")
    .replace(/\p{Ll}|\p{Lo}|\p{Lm}/gu, "a")
    .replace(/\p{Nd}/gu, "9");
  const squeezed = s.replace(/a{2,}/g, "a…").replace(/A{2,}/g, "A…");
  return squeezed.length > 24 ? `${squeezed.slice(0, 24)}…` : squeezed;
};

export function profileObjects(objects: readonly unknown[]): FieldProfile[] {
  const byPath = new Map<string, FieldProfile & { distinct: Set<string>; shapeSet: Set<string> }>();
  const visit = (obj: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix + key;
      let p = byPath.get(path);
      if (!p) {
        p = {
          path,
          present: 0,
          nulls: 0,
          types: {},
          values: null,
          shapes: [],
          personal: isPersonal(path),
          distinct: new Set(),
          shapeSet: new Set(),
        };
        byPath.set(path, p);
      }
      p.present++;
      const t = jsonType(value);
      p.types[t] = (p.types[t] ?? 0) + 1;
      if (value === null) p.nulls++;
      else if (isObject(value)) visit(value, `${path}.`);
      else if (Array.isArray(value)) {
        for (const item of value) if (isObject(item)) visit(item, `${path}[].`);
      } else if (p.personal) {
        if (p.shapeSet.size < 4) p.shapeSet.add(shapeOf(value));
      } else if (p.distinct.size <= maxValues) p.distinct.add(JSON.stringify(value));
    }
  };
  for (const o of objects) if (isObject(o)) visit(o, "");
  return [...byPath.values()]
    .map(({ distinct, shapeSet, ...p }) => ({
      ...p,
      values:
        p.personal || distinct.size === 0 || distinct.size > maxValues
          ? null
          : [...distinct].sort(),
      shapes: [...shapeSet].sort(),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
