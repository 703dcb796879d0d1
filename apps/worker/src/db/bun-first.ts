import type { Statement } from "bun:sqlite";
import { Column, type DriverValueDecoder, is, Param, Placeholder, SQL } from "drizzle-orm";
import type { BoundRead } from "./prepared.js";

/**
 * `db.$first` on Bun (issue 17): a prepared read's first row straight from its bun:sqlite statement,
 * synchronously. Drizzle's own `get` (drizzle-orm/bun-sqlite/session.js) binds through
 * `fillPlaceholders` and maps through `mapResultRow`, which ask `is(…)` of every parameter and field
 * on every call: ~36,000 instructions a one-client read against ~21,500 for the select itself
 * (cachegrind, in process). The same work is planned here once per prepared query — which value
 * binds where, which decoder reads which column — and replayed; the row is the one Drizzle returns
 * (same keys, same decoders, null kept as null). A query this cannot plan (nested fields, a custom
 * mapper) keeps Drizzle's `get`.
 */

/** What Drizzle's bun-sqlite prepared query holds (the fields its own `get` reads). */
interface BunPrepared {
  stmt: Statement;
  query: { params: unknown[] };
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
  get(values: Record<string, unknown>): unknown;
}

interface Plan {
  stmt: Statement;
  /** Per parameter: the placeholder's name and encoder, or the constant bound as is. */
  params: ({ name: string; encode?: (v: unknown) => unknown } | { value: unknown })[];
  keys: string[];
  decoders: DriverValueDecoder<unknown, unknown>[];
}

const plans = new WeakMap<object, Plan | null>();

/** The decoder `mapResultRow` uses for a field (an SQL chunk's is internal to Drizzle's types). */
type Decoded = { decoder: DriverValueDecoder<unknown, unknown> };
function decoderOf(field: unknown): DriverValueDecoder<unknown, unknown> | null {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as Decoded).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as Decoded).decoder;
  return null;
}

function planOf(q: BunPrepared): Plan | null {
  if (!q.fields || q.customResultMapper) return null;
  const keys: string[] = [];
  const decoders: DriverValueDecoder<unknown, unknown>[] = [];
  for (const { path, field } of q.fields) {
    const decoder = decoderOf(field);
    if (path.length !== 1 || !decoder) return null;
    keys.push(path[0]!);
    decoders.push(decoder);
  }
  const params = q.query.params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { encoder } = p;
      return { name: p.value.name, encode: (v: unknown) => encoder.mapToDriverValue(v) };
    }
    return { value: p };
  });
  return { stmt: q.stmt, params, keys, decoders };
}

export function bunFirst<R>(read: BoundRead<R[]>): R | undefined {
  const q = read.query as unknown as BunPrepared;
  let plan = plans.get(q);
  if (plan === undefined) {
    plan = planOf(q);
    plans.set(q, plan);
  }
  if (!plan) return q.get(read.values) as R | undefined;
  const { values } = read;
  const args = plan.params.map((p) => {
    if ("value" in p) return p.value;
    if (!(p.name in values)) throw new Error(`No value for placeholder "${p.name}" was provided`);
    return p.encode ? p.encode(values[p.name]) : values[p.name];
  });
  const row = plan.stmt.values(...(args as never[]))[0];
  if (!row) return undefined;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < plan.keys.length; i++) {
    const raw = row[i];
    out[plan.keys[i]!] = raw === null ? null : plan.decoders[i]!.mapFromDriverValue(raw);
  }
  return out as R;
}
