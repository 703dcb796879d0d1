/**
 * What the custom functions compute, as plain functions (tested without Excel). functions.ts only
 * registers them with CustomFunctions.
 */
import {
  type ClientResource,
  checkId,
  checkPlace,
  fieldByKey,
  fieldTable,
  type IdKind,
  idKinds,
  translate,
  type UiLanguage,
  valueAt,
} from "@pulsebridge/core";
import { createApi } from "../api/client.js";
import type { Credentials } from "../features/connect/connect.js";
import { cachedClient, rememberClients } from "./cache.js";

/** =PULSEBRIDGE.ENTERPRISE(A2): the formatted number, or what is wrong with it in words. */
export function enterprise(value: unknown, lang: UiLanguage): string {
  const text = value === null || value === undefined ? "" : String(value);
  const r = checkId("enterprise", text);
  return r.valid ? r.formatted : translate(r.error.code, lang);
}

const kindAliases: Record<string, IdKind> = {
  vat: "enterprise",
  btw: "enterprise",
  tva: "enterprise",
  kbo: "enterprise",
  bce: "enterprise",
  rrn: "nrn",
  niss: "insz",
  inss: "insz",
  "e-mail": "email",
  mail: "email",
};

export function toIdKind(kind: unknown): IdKind | null {
  const k = String(kind ?? "")
    .trim()
    .toLowerCase();
  if ((idKinds as readonly string[]).includes(k)) return k as IdKind;
  return kindAliases[k] ?? null;
}

/** =PULSEBRIDGE.ISVALID("nrn"; A2). An unknown kind is an error, not FALSE. */
export function isValid(kind: unknown, value: unknown): boolean | Error {
  const k = toIdKind(kind);
  if (!k) return new Error(`unknown kind: ${String(kind)}; use ${idKinds.join(", ")}`);
  return checkId(k, value === null || value === undefined ? "" : String(value)).valid;
}

/**
 * Fields =PULSEBRIDGE.CLIENT can return: every sheet column of core's field table (so a new field
 * is there without touching this file), plus "responsible" (the user's name, the old spelling).
 * functions.json names them in its description; logic.test.ts keeps that text in step.
 */
export const lookupFields: readonly string[] = [
  ...fieldTable.filter((f) => f.sheet && f.check !== "links").map((f) => f.key),
  "responsible",
];

export function clientField(c: ClientResource, field: string): string {
  const a = c.address;
  if (field === "street") {
    // One cell for the whole street line, as a letter would print it.
    return [a?.street, a?.number, a?.box ? `bus ${a.box}` : null].filter(Boolean).join(" ");
  }
  if (field === "responsible" || field === "responsibleUser") return c.responsibleUser?.name ?? "";
  const entry = fieldByKey.get(field);
  const v = entry ? valueAt(c, entry.path) : undefined;
  return v === null || v === undefined ? "" : String(v);
}

/**
 * =PULSEBRIDGE.CHECK("iban"; A2): the value in its display form when it is valid and clean, else
 * what is wrong (or worth a second look) in the user's language, with the suggested value after an
 * arrow ("Controlegetal klopt niet → BE68 5390 0754 7034").
 */
export function check(kind: unknown, value: unknown, lang: UiLanguage): string | Error {
  const k = toIdKind(kind);
  if (!k) return new Error(`unknown kind: ${String(kind)}; use ${idKinds.join(", ")}`);
  const r = checkId(k, value === null || value === undefined ? "" : String(value));
  const hint = (s: readonly string[] | undefined) =>
    s && s.length > 0 ? ` → ${s.join(" / ")}` : "";
  if (!r.valid) return `${translate(r.error.code, lang)}${hint(r.suggestions)}`;
  const [warning] = r.warnings;
  return warning ? `${translate(warning, lang)}${hint(r.suggestions)}` : r.formatted;
}

/**
 * =PULSEBRIDGE.TOWN(B2; C2): empty when the Belgian postcode and the municipality belong together,
 * else the mismatch in the user's language with the likely right pairs ("9000 Antwerpen" →
 * "9000 Gent / 2000 Antwerpen").
 */
export function town(postcode: unknown, city: unknown, lang: UiLanguage): string {
  const p = String(postcode ?? "").trim();
  const c = String(city ?? "").trim();
  if (!p || !c) return "";
  const r = checkPlace(p, c);
  if (r.fits) return "";
  if (r.unknownPostcode) return translate("row.postcode_unknown", lang, { postcode: p });
  const message = translate("row.postcode_city_mismatch", lang, { postcode: p, city: c });
  return `${message} → ${r.suggestions.join(" / ")}`;
}

export type LookupResult =
  | { ok: true; value: string }
  | { ok: false; reason: "invalid" | "unknown_field" | "not_found" | "not_connected" };

/**
 * Numbers the cache does not hold are collected for one tick (Excel recalculates a column of CLIENT
 * cells in one burst) and fetched together: one number is one filtered request; several are one
 * listing of the office's clients (1,000 a page), remembered for the next cells.
 */
const batchWindowMs = 10;
/** After a full listing, a number still missing is not asked again for this long. */
const listingFreshMs = 60_000;
let pending: { numbers: Set<string>; done: Promise<void> } | null = null;
let listedAt = 0;

function fetchMissing(number: string, credentials: Credentials, fetchImpl?: typeof fetch) {
  if (pending) {
    pending.numbers.add(number);
    return pending.done;
  }
  const numbers = new Set([number]);
  const done = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      pending = null;
      const api = createApi({ ...credentials, fetch: fetchImpl });
      const run = async () => {
        const [only] = numbers;
        if (numbers.size === 1 && only) {
          rememberClients((await api.listClients({ enterpriseNumber: only, limit: 1 })).data);
        } else {
          rememberClients(await api.listAllClients({}));
          listedAt = Date.now();
        }
      };
      run().then(resolve, reject);
    }, batchWindowMs);
  });
  pending = { numbers, done };
  return done;
}

/** Forgets the last full listing (tests; a new connection). */
export function resetLookupBatch(): void {
  pending = null;
  listedAt = 0;
}

/** =PULSEBRIDGE.CLIENT(A2; "name"): from the pulled clients, else from the worker, batched. */
export async function lookup(
  enterpriseNumber: unknown,
  field: unknown,
  credentials: Credentials | null,
  fetchImpl?: typeof fetch,
): Promise<LookupResult> {
  const f = String(field ?? "name").trim() || "name";
  if (!lookupFields.includes(f)) return { ok: false, reason: "unknown_field" };
  const id = checkId("enterprise", String(enterpriseNumber ?? ""));
  if (!id.valid) return { ok: false, reason: "invalid" };
  let c = cachedClient(id.normalized);
  if (!c && Date.now() - listedAt > listingFreshMs) {
    if (!credentials) return { ok: false, reason: "not_connected" };
    await fetchMissing(id.normalized, credentials, fetchImpl);
    c = cachedClient(id.normalized);
  }
  return c ? { ok: true, value: clientField(c, f) } : { ok: false, reason: "not_found" };
}
