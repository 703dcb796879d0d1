/**
 * The office's cache as a review (POST /v1/reconcile) or a push compares rows with it: core's
 * ExistingClient per live client, and which of them are inside the pull's scope. Read in pages of
 * `pageSize` clients by id, each page turned into clients and let go, and only the columns a client
 * is made of (issue 11/17, memory where it counts: all 10,000 rows of every column, their JSON text
 * and the clients built from them were held at once, beside the request's rows, in a 128 MB isolate).
 */
import {
  type Candidates,
  type Client,
  checkId,
  type ExistingClient,
  type PullScope,
  storedColumns,
} from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  candidateFilter,
  clientValueColumns,
  type ExtraClientColumn,
  liveClientValues,
} from "../db/queries/client-values.js";
import { foldSearch } from "../sync/content-hash.js";

/** Positions in a row of `liveClientValues`: its base columns, then the stored fields, then the extra. */
const [ID, SEQ, AP, UID, CODE, RUID, RUNAME, ADDRESS, LINKS] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
const firstStored = clientValueColumns.length;

type Row = unknown[];

/** A client from its columns: the same object `toClient` (db/queries/clients.ts) makes. */
function clientOf(r: Row): Client {
  const stored: Record<string, unknown> = {};
  storedColumns.forEach((c, i) => {
    stored[c.path] = r[firstStored + i];
  });
  const address = r[ADDRESS] as string | null;
  return {
    sourceIds: {
      adminpulseId: r[AP] as string,
      uniqueIdentifier: r[UID] as string | null,
      code: r[CODE] as string | null,
    },
    ...(stored as Omit<Client, "sourceIds" | "responsibleUser" | "address" | "links">),
    responsibleUser: r[RUNAME] ? { id: r[RUID] as string | null, name: r[RUNAME] as string } : null,
    address: address ? (JSON.parse(address) as Client["address"]) : null,
    links: JSON.parse(r[LINKS] as string) as Client["links"],
  } as Client;
}

/** The index of the first extra column (task templates or search text), after the stored ones. */
const extra = firstStored + storedColumns.length;
const enterpriseAt = firstStored + storedColumns.findIndex((c) => c.path === "enterpriseNumber");

/**
 * What decides whether a cached client is inside the pull's scope, the way GET /v1/clients selects,
 * and the column it needs (read after the stored ones).
 */
function scopeFilter(
  scope: PullScope | undefined,
): { column: ExtraClientColumn | null; keep: (r: Row) => boolean } | undefined {
  if (!scope || scope.mode === "all") return undefined;
  if (scope.mode === "taskTemplate") {
    const name = scope.taskTemplate;
    return {
      column: "task_templates",
      keep: (r) => (JSON.parse(r[extra] as string) as string[]).includes(name),
    };
  }
  const id = checkId("enterprise", scope.text.trim());
  if (id.valid) return { column: null, keep: (r) => r[enterpriseAt] === id.normalized };
  const text = foldSearch(scope.text);
  return { column: "search_text", keep: (r) => (r[extra] as string).includes(text) };
}

export interface OfficeCache {
  existing: ExistingClient[];
  /** Whether a client is inside the pull's scope; undefined: every client is (scope `all`). */
  inScope: ((e: ExistingClient) => boolean) | undefined;
}

/**
 * `only`: just the clients reconcile's `candidatesOf` names (a push: issue 11/17, the whole cache
 * was ~27 MB of a 10,000-client office beside a 16 MiB body), still in id order; `inScope` is
 * then not asked for.
 */
export async function officeCache(
  db: Db,
  officeId: string,
  scope?: PullScope,
  pageSize = 1_000,
  only?: Candidates,
): Promise<OfficeCache> {
  const filter = scopeFilter(scope);
  const candidates = only && candidateFilter(only);
  const existing: ExistingClient[] = [];
  const inScopeIds = filter ? new Set<string>() : undefined;
  let after = "";
  for (;;) {
    const page = await liveClientValues(
      db,
      officeId,
      after,
      pageSize,
      filter?.column ?? null,
      candidates,
    );
    for (const r of page) {
      const id = r[ID] as string;
      existing.push({ id, client: clientOf(r), version: r[SEQ] as number });
      if (filter?.keep(r)) inScopeIds?.add(id);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.[ID] as string;
  }
  return {
    existing,
    inScope: inScopeIds ? (e) => inScopeIds.has(e.id) : undefined,
  };
}
