/**
 * Tolerant, per-field reading of an AdminPulse object (issue 12): a field of the wrong JSON type
 * becomes a recorded problem and reads as absent, so one odd field never costs the rest of the
 * relation. Problems name the field and what arrived — a JSON type, a code — never a value.
 */

/** A field the mapping could not use as-is. `seen`: what arrived, never a personal value. */
export type SourceProblem = { code: string; field: string; seen: string };

export const jsonType = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export type Problems = {
  add(code: string, field: string, seen: string): void;
  list: SourceProblem[];
};

export function problemList(): Problems {
  const list: SourceProblem[] = [];
  const keys = new Set<string>();
  return {
    list,
    // A field read for two model fields (vatNumber: enterprise and VAT number) reports once.
    add: (code, field, seen) => {
      const key = `${code}\u0000${field}\u0000${seen}`;
      if (keys.has(key)) return;
      keys.add(key);
      list.push({ code, field, seen });
    },
  };
}

/** A code as shown in a problem: short, and only ever a code (never a personal field). */
export const showCode = (v: unknown) => JSON.stringify(String(v).slice(0, 40));

/**
 * Readers over one object. `prefix` locates it in the relation (`address.`, `tos.3.`), so a
 * problem's field is the full source path.
 */
export function fieldReader(obj: Record<string, unknown>, prefix: string, problems: Problems) {
  const pick = (names: readonly string[]) => {
    for (const field of names) {
      const value = obj[field];
      if (value !== undefined && value !== null && value !== "")
        return { field: prefix + field, value };
    }
    return null;
  };
  const text = (names: readonly string[]): string | null => {
    const p = pick(names);
    if (!p) return null;
    if (typeof p.value === "string") return p.value.trim() || null;
    if (typeof p.value === "number" && Number.isFinite(p.value)) {
      problems.add("type.coerced", p.field, "number, read as text");
      return String(p.value);
    }
    problems.add("type.unexpected", p.field, `${jsonType(p.value)}, expected string`);
    return null;
  };
  /** Every listed field that carries text (for fields that must agree, e.g. enterprise number). */
  const texts = (names: readonly string[]) =>
    names.flatMap((n) => {
      const v = text([n]);
      return v ? [{ field: prefix + n, value: v }] : [];
    });
  const num = (names: readonly string[]): number | null => {
    const p = pick(names);
    if (!p) return null;
    if (typeof p.value === "number" && Number.isFinite(p.value)) return p.value;
    if (typeof p.value === "string" && /^-?\d+(\.\d+)?$/.test(p.value.trim())) {
      problems.add("type.coerced", p.field, "string, read as number");
      return Number(p.value);
    }
    problems.add("type.unexpected", p.field, `${jsonType(p.value)}, expected number`);
    return null;
  };
  /** A code looked up (lower-cased) in `codes`; undefined when absent, null when unknown. */
  const code = <T>(
    names: readonly string[],
    codes: Readonly<Record<string, T>>,
    unknownCode: string,
  ): { value: T | null; field: string } | undefined => {
    const p = pick(names);
    if (!p) return undefined;
    if (typeof p.value !== "string" && typeof p.value !== "number") {
      problems.add("type.unexpected", p.field, `${jsonType(p.value)}, expected a code`);
      return { value: null, field: p.field };
    }
    const hit = codes[String(p.value).trim().toLowerCase()];
    if (hit === undefined) problems.add(unknownCode, p.field, `code ${showCode(p.value)}`);
    return { value: hit ?? null, field: p.field };
  };
  /** An object (address) or array (links); another type is a problem and reads as absent. */
  const nested = <K extends "object" | "array">(names: readonly string[], kind: K) => {
    const p = pick(names);
    if (!p) return null;
    const okType = kind === "array" ? Array.isArray(p.value) : isObject(p.value);
    if (!okType) {
      problems.add("type.unexpected", p.field, `${jsonType(p.value)}, expected ${kind}`);
      return null;
    }
    return p as {
      field: string;
      value: K extends "array" ? unknown[] : Record<string, unknown>;
    };
  };
  return { pick, text, texts, num, code, nested };
}

/** `2026-04-20T00:00:00` → `2026-04-20`; anything else → null. */
export function isoDay(v: string | null): string | null {
  if (v === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  return m?.[1] ?? null;
}
