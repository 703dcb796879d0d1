/**
 * Modes in which the stand-in disagrees with the client's assumptions (issue 12): each models one
 * unknown of adminpulse-api.md the other way, so tests show where the client and the real API
 * would part. All off by default; set them like the other controls (`createStandIn({ controls })`,
 * `POST /__control`).
 */
import { z } from "zod";
import type { ApiRelation, Office } from "./data/office.js";

export const modesShape = {
  /** API keys stop working at this instant (ms since epoch): 401 "The access token has expired" (N1). */
  tokenExpiresAt: z.number().int().nullable().optional(),
  /** `GET /relations/{UUID}` answers 404: only the APR code finds a relation (N9, U6). */
  uuidNotFound: z.boolean().optional(),
  /**
   * Every n-th relation is inactive: `GET /relations` hides it (and leaves it out of totalRowCount)
   * unless `includeInactive=true`; `GET /relations/{key}` still answers it, with `active: false` (N8).
   */
  hideInactiveEvery: z.number().int().min(2).nullable().optional(),
  /** Relation fields sent under other names: `{ "companyNumber": "enterpriseNumber" }`, or `true` for a set (U7). */
  renameFields: z
    .union([z.literal(true), z.record(z.string(), z.string())])
    .nullable()
    .optional(),
  /** Fields sent as another JSON type or vocabulary: kinds as Dutch words, status as text, the address as one line (U7). */
  retypeFields: z.boolean().optional(),
  /** Fields the client has never heard of, flat and nested, on every relation. */
  extraFields: z.boolean().optional(),
  /** Relation page `page` answers 200 with no results (envelope unchanged) its first `times` reads (U4). */
  emptyPage: z
    .strictObject({ page: z.number().int().min(0), times: z.number().int().min(1).default(1) })
    .nullable()
    .optional(),
  /** From this relation page on, `pageCount` is reported one smaller than the truth. */
  shrinkPageCountFrom: z.number().int().min(0).nullable().optional(),
  /** No `totalRowCount` in any paged envelope (N11: real clients never read it). */
  omitTotalRowCount: z.boolean().optional(),
};

export type ModeState = {
  tokenExpiresAt: number | null;
  uuidNotFound: boolean;
  hideInactiveEvery: number | null;
  renameFields: true | Record<string, string> | null;
  retypeFields: boolean;
  extraFields: boolean;
  emptyPage: { page: number; times: number } | null;
  shrinkPageCountFrom: number | null;
  omitTotalRowCount: boolean;
};

export const defaultModes = (): ModeState => ({
  tokenExpiresAt: null,
  uuidNotFound: false,
  hideInactiveEvery: null,
  renameFields: null,
  retypeFields: false,
  extraFields: false,
  emptyPage: null,
  shrinkPageCountFrom: null,
  omitTotalRowCount: false,
});

/** The renames of `renameFields: true`: plausible names the real API might use instead. */
export const defaultRenames: Readonly<Record<string, string>> = {
  companyNumber: "enterpriseNumber",
  relationType: "type",
  email: "emailAddress",
  responsibleUserId: "responsibleId",
};

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isInactive = (m: ModeState, index: number) =>
  m.hideInactiveEvery !== null && index % m.hideInactiveEvery === m.hideInactiveEvery - 1;

/** The relation list as `GET /relations` pages it: inactive ones hidden unless asked for. */
export function listedRelations(office: Office, m: ModeState, includeInactive: boolean) {
  const v = office.visible();
  if (m.hideInactiveEvery === null || includeInactive) return v;
  const list: number[] = [];
  for (let p = 0; p < v.length; p++) if (!isInactive(m, v.at(p))) list.push(v.at(p));
  return { length: list.length, at: (p: number) => list[p] ?? -1 };
}

/** `GET /relations/{key}` in UUID-404 mode: the key is a UUID, so "not found". */
export const refusesKey = (m: ModeState, key: string) => m.uuidNotFound && guid.test(key);

const kindWords = ["Vennootschap", "Eenmanszaak", "Persoon"] as const;
const statusWords = ["Prospect", "Klant", "Eigen kantoor", "Andere"] as const;

/** One relation as the API would send it in the active modes. */
export function shapeRelation(
  r: ApiRelation,
  index: number,
  m: ModeState,
): Record<string, unknown> {
  let out: Record<string, unknown> = { ...r };
  if (m.hideInactiveEvery !== null) out.active = !isInactive(m, index);
  if (m.retypeFields) {
    out.relationType = kindWords[r.relationType];
    out.status = statusWords[r.status];
    out.address = r.address
      ? [
          [r.address.street, r.address.number].filter(Boolean).join(" "),
          [r.address.postalCode, r.address.city].filter(Boolean).join(" "),
        ]
          .filter(Boolean)
          .join(", ")
      : null;
    out.language = r.language?.toUpperCase() ?? null;
  }
  if (m.extraFields) {
    out.relationSince = "2019-01-01T00:00:00";
    out.tags = ["VIP", "Dossier 2026"];
    out.customFields = [{ name: "Sector", value: "Bouw" }];
    out.externalLinks = { kbo: "https://kbopub.economie.fgov.be/" };
    out.tos = r.tos.map((l) => ({ ...l, isActive: true }));
  }
  if (m.renameFields) {
    const renames = m.renameFields === true ? defaultRenames : m.renameFields;
    const renamed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out)) renamed[renames[k] ?? k] = v;
    out = renamed;
  }
  return out;
}

type Envelope = { results: unknown[]; pageCount: number; totalRowCount?: number };

/**
 * A relation page's envelope in the active modes. `reads` counts earlier reads of each page (the
 * empty page answers empty only its first `times` reads, like a hiccup that passes).
 */
export function shapeRelationEnvelope(
  body: Envelope,
  page: number,
  m: ModeState,
  reads: Map<number, number>,
): Envelope {
  const out: Envelope = { ...body };
  if (m.emptyPage && m.emptyPage.page === page) {
    const n = reads.get(page) ?? 0;
    reads.set(page, n + 1);
    if (n < m.emptyPage.times) out.results = [];
  }
  if (m.shrinkPageCountFrom !== null && page >= m.shrinkPageCountFrom && out.pageCount > 1)
    out.pageCount -= 1;
  return omitTotal(out, m);
}

export function omitTotal<T extends { totalRowCount?: number }>(body: T, m: ModeState): T {
  if (!m.omitTotalRowCount) return body;
  const { totalRowCount: _t, ...rest } = body;
  return rest as T;
}
