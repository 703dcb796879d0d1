import type { Client } from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import {
  bumpOfficeSeqStatement,
  clientsWithUnnamedLinks,
  namesByUniqueIdentifier,
  type SourceProblemRecord,
  toClient,
  updateLinksStatement,
} from "../db/queries/clients.js";
import { addToRunStatement } from "../db/queries/sync.js";
import { feedEventStatement } from "../webhooks/events.js";
import { contentHash } from "./content-hash.js";
import type { LeaseWriter } from "./lease.js";
import type { SourceRecord } from "./source.js";

const chunk = 200;

/** Links with the cache's names filled in where the page itself could not name them. */
export async function nameLinksFromCache(
  db: Db,
  officeId: string,
  records: SourceRecord[],
): Promise<SourceRecord[]> {
  const wanted = new Set<string>();
  for (const r of records)
    for (const l of r.client.links)
      if (l.name === null && l.relationIdentifier) wanted.add(l.relationIdentifier);
  if (wanted.size === 0) return records;
  const names = await namesByUniqueIdentifier(db, officeId, [...wanted]);
  return records.map((r) =>
    r.client.links.some(
      (l) => l.name === null && l.relationIdentifier && names.has(l.relationIdentifier),
    )
      ? {
          ...r,
          client: {
            ...r.client,
            links: r.client.links.map((l) =>
              l.name === null && l.relationIdentifier
                ? { ...l, name: names.get(l.relationIdentifier) ?? null }
                : l,
            ),
          },
        }
      : r,
  );
}

/**
 * The finalize step that names links across pages: a link to a relation on another page (or one
 * renamed since) gets the linked client's current name from the cache. Each renamed link set is a
 * change in the feed (new hash, new change_seq). Returns false when the budget ran out.
 */
export async function nameLinksAcrossPages(
  deps: { db: Db; now: () => number },
  w: LeaseWriter,
  officeId: string,
  runId: string,
  maxBatches: number,
): Promise<boolean> {
  const { db } = deps;
  // Each batch goes on after the last one's ids: restarting from the first id made every batch
  // re-test the clients already named (quadratic: minutes of finalize at 100,000 clients).
  let after: string | undefined;
  for (let i = 0; i < maxBatches; i++) {
    const rows = await clientsWithUnnamedLinks(db, officeId, chunk, after);
    if (rows.length === 0) return true;
    after = rows.at(-1)!.id;
    const uids = new Set<string>();
    for (const r of rows)
      for (const l of JSON.parse(r.links) as Client["links"])
        if (l.relationIdentifier) uids.add(l.relationIdentifier);
    const names = await namesByUniqueIdentifier(db, officeId, [...uids]);
    const writes = [];
    for (const r of rows) {
      const client = toClient(r);
      const links = client.links.map((l) =>
        l.relationIdentifier && names.has(l.relationIdentifier)
          ? { ...l, name: names.get(l.relationIdentifier)! }
          : l,
      );
      writes.push({
        id: r.id,
        links,
        contentHash: await contentHash(
          { ...client, links },
          JSON.parse(r.taskTemplates) as string[],
          JSON.parse(r.sourceProblems) as SourceProblemRecord[],
        ),
        k: writes.length + 1,
      });
    }
    await w.write(runId, [
      updateLinksStatement(db, officeId, deps.now(), writes),
      bumpOfficeSeqStatement(db, officeId, writes.length),
      feedEventStatement(db, { officeId, now: deps.now(), count: writes.length, runId }),
      addToRunStatement(db, runId, { updated: writes.length }),
    ]);
    if (rows.length < chunk) return true;
  }
  return false;
}
