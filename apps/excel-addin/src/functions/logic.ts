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

/** =PULSEBRIDGE.CLIENT(A2; "name"): from the pulled clients, else one request to the worker. */
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
  if (!c) {
    if (!credentials) return { ok: false, reason: "not_connected" };
    const page = await createApi({ ...credentials, fetch: fetchImpl }).listClients({
      enterpriseNumber: id.normalized,
      limit: 1,
    });
    rememberClients(page.data);
    c = page.data[0];
  }
  return c ? { ok: true, value: clientField(c, f) } : { ok: false, reason: "not_found" };
}
