import type { Db } from "../db/client.js";
import {
  bumpOfficeSeqStatement,
  clientsWithUnnamedLinks,
  linkTargets,
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

/**
 * A relation a link may name (ADR 0025). `settled`: its name cannot change any more in this run —
 * it is on the page at hand, deferred by an earlier page, or a client this run already saw.
 */
export interface LinkTarget {
  adminpulseId: string;
  name: string;
  settled: boolean;
}

/** Link targets by APR code; each relation once, the freshest source first (page, pending, cache). */
export class LinkTargets {
  private byUid = new Map<string, LinkTarget[]>();
  private seen = new Set<string>();

  add(uid: string | null | undefined, t: LinkTarget) {
    if (!uid || this.seen.has(t.adminpulseId)) return;
    this.seen.add(t.adminpulseId);
    this.byUid.set(uid, [...(this.byUid.get(uid) ?? []), t]);
  }

  /**
   * The target a link names: of the relations sharing the code, the smallest AdminPulse id, the
   * same rule as `clientsWithUnnamedLinks` — so a code two relations share never flips a name.
   */
  of(uid: string): { name: string; settled: boolean } | null {
    const all = this.byUid.get(uid);
    if (!all) return null;
    const first = all.reduce((a, b) => (b.adminpulseId < a.adminpulseId ? b : a));
    return { name: first.name, settled: all.every((t) => t.settled) };
  }
}

/** The APR codes the records' links point to. */
export const linkedUids = (records: SourceRecord[]) => [
  ...new Set(records.flatMap((r) => r.client.links.flatMap((l) => l.relationIdentifier ?? []))),
];

/** Names of this run's deferred clients (ADR 0025), by APR code: settled link targets. */
export class PendingNames {
  private byUid = new Map<string, { adminpulseId: string; name: string }[]>();
  readonly ids = new Set<string>();

  add(uid: string | null, adminpulseId: string, name: string) {
    this.ids.add(adminpulseId);
    if (uid) this.byUid.set(uid, [...(this.byUid.get(uid) ?? []), { adminpulseId, name }]);
  }

  of(uid: string) {
    return this.byUid.get(uid) ?? [];
  }
}

/**
 * The targets of the records' links, freshest source first: the records themselves, this run's
 * deferred clients, then the cache's live clients. The cache's are settled when this run (`runId`)
 * already saw them; with a null run (an on-demand refresh) never.
 */
export async function targetsFor(
  db: Db,
  officeId: string,
  runId: string | null,
  records: SourceRecord[],
  pending?: PendingNames,
): Promise<LinkTargets> {
  const targets = new LinkTargets();
  for (const r of records)
    targets.add(r.client.sourceIds.uniqueIdentifier, {
      adminpulseId: r.adminpulseId,
      name: r.client.name,
      settled: true,
    });
  const uids = linkedUids(records);
  for (const uid of uids)
    for (const p of pending?.of(uid) ?? []) targets.add(uid, { ...p, settled: true });
  for (const c of await linkTargets(db, officeId, uids))
    if (!pending?.ids.has(c.adminpulseId))
      targets.add(c.uid, {
        adminpulseId: c.adminpulseId,
        name: c.name,
        settled: runId !== null && c.lastSeenRun === runId,
      });
  return targets;
}

/**
 * Each link named after its target's mapped name (not the raw list's, which can differ from it, and
 * then the page and finalize renamed the link back and forth every run). A link without a known
 * target keeps what the mapping found (a relation on the page that could not be mapped) or null,
 * and counts as unsettled: the target may be on a later page.
 * `unsettled`: the records with a link whose name may still change in this run — written now, such
 * a record could need a second write in finalize, so a changed one waits for it (ADR 0025).
 */
export function nameLinks(
  records: SourceRecord[],
  targets: LinkTargets,
): { records: SourceRecord[]; unsettled: Set<string> } {
  const unsettled = new Set<string>();
  const named = records.map((r) => {
    let changed = false;
    const links = r.client.links.map((l) => {
      if (!l.relationIdentifier) return l;
      const t = targets.of(l.relationIdentifier);
      if (!t) {
        unsettled.add(r.adminpulseId);
        return l;
      }
      if (!t.settled) unsettled.add(r.adminpulseId);
      if (t.name === l.name) return l;
      changed = true;
      return { ...l, name: t.name };
    });
    return changed ? { ...r, client: { ...r.client, links } } : r;
  });
  return { records: named, unsettled };
}

/**
 * The finalize step that renames links whose target was renamed after the linking client was
 * written (or left unchanged) in this run. Each renamed link set is a change in the feed (new hash,
 * new change_seq). Returns false when the budget ran out.
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
    const clients = rows.map((r) => ({ row: r, client: toClient(r) }));
    const targets = await targetsFor(
      db,
      officeId,
      null,
      clients.map(({ row, client }) => ({ adminpulseId: row.adminpulseId, client })),
    );
    const writes = [];
    for (const { row, client } of clients) {
      const links = client.links.map((l) => {
        const t = l.relationIdentifier ? targets.of(l.relationIdentifier) : null;
        return t ? { ...l, name: t.name } : l;
      });
      // The query and this rule agree; should they ever not, an unchanged client stays unwritten.
      if (links.every((l, k) => l.name === client.links[k]!.name)) continue;
      writes.push({
        id: row.id,
        links,
        contentHash: await contentHash(
          { ...client, links },
          JSON.parse(row.taskTemplates) as string[],
          JSON.parse(row.sourceProblems) as SourceProblemRecord[],
        ),
        k: writes.length + 1,
      });
    }
    if (writes.length > 0)
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
