/**
 * The office's cache as a review (POST /v1/reconcile) or a push compares rows with it: core's
 * ExistingClient per live client (or per candidate of the rows). Read in pages of
 * `pageSize` clients by id, each page turned into clients and let go, and only the columns a client
 * is made of (issue 11/17, memory where it counts: all 10,000 rows of every column, their JSON text
 * and the clients built from them were held at once, beside the request's rows, in a 128 MB isolate).
 */
import {
  type Candidates,
  type Client,
  type ExistingClient,
  storedColumns,
} from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  candidateFilter,
  clientValueColumns,
  liveClientValues,
} from "../db/queries/client-values.js";

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

/**
 * `only`: just the clients reconcile's `candidatesOf` names (a push or a review: issue 11/17, the
 * whole cache was ~27 MB of a 10,000-client office beside a 16 MiB body), still in id order.
 * `held`: clients this request already read (a review's known rows) and still holds: one at the
 * same version is handed out again instead of being built a second time beside it.
 */
export async function officeCache(
  db: Db,
  officeId: string,
  only?: Candidates,
  pageSize = 1_000,
  held?: ReadonlyMap<string, ExistingClient>,
): Promise<ExistingClient[]> {
  const candidates = only && candidateFilter(only);
  const existing: ExistingClient[] = [];
  let after = "";
  for (;;) {
    const page = await liveClientValues(db, officeId, after, pageSize, null, candidates);
    for (const r of page) {
      const id = r[ID] as string;
      const version = r[SEQ] as number;
      const same = held?.get(id);
      existing.push(same?.version === version ? same : { id, client: clientOf(r), version });
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.[ID] as string;
  }
  return existing;
}
