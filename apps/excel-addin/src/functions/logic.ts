/**
 * What the custom functions compute, as plain functions (tested without Excel). functions.ts only
 * registers them with CustomFunctions.
 */
import {
  type ClientResource,
  checkId,
  type IdKind,
  idKinds,
  translate,
  type UiLanguage,
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

export const lookupFields = [
  "name",
  "kind",
  "vatNumber",
  "legalForm",
  "language",
  "email",
  "phone",
  "street",
  "postalCode",
  "city",
  "country",
  "generalMeetingDate",
  "responsible",
  "code",
] as const;

export function clientField(c: ClientResource, field: string): string {
  const a = c.address;
  switch (field) {
    case "street":
      return [a?.street, a?.number, a?.box ? `bus ${a.box}` : null].filter(Boolean).join(" ");
    case "postalCode":
      return a?.postalCode ?? "";
    case "city":
      return a?.city ?? "";
    case "country":
      return a?.country ?? "";
    case "responsible":
      return c.responsibleUser?.name ?? "";
    case "code":
      return c.sourceIds.code ?? "";
    default: {
      const v = (c as unknown as Record<string, unknown>)[field];
      return v === null || v === undefined ? "" : String(v);
    }
  }
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
  if (!(lookupFields as readonly string[]).includes(f))
    return { ok: false, reason: "unknown_field" };
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
