import {
  type Client,
  clientFingerprint,
  compactResult,
  confirmKnown,
  type ExistingClient,
  type ImportRow,
  type KnownRow,
  knownAsRows,
  maxIssuesPerRow,
  type PullScope,
  reconcile,
  toImportRow,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { makeClient, record } from "../../test/fixtures.js";
import { db, harness, newOffice, seedClients, syncAll } from "../../test/harness.js";
import { allLiveClients, type ClientRow, toClient } from "../db/queries/clients.js";
import { loadBaseOf } from "../history/bases.js";
import { jsonStream } from "../lib/json-stream.js";
import { reviewRows } from "../services/reconcile.js";
import { foldSearch } from "../sync/content-hash.js";

type Body = Parameters<typeof reviewRows>[1];

/**
 * The review as it was before session 9 (the whole cache read, reconcile's own onlyInTarget), kept
 * here as the oracle: reading only the rows' candidates must answer the same bytes.
 */
async function wholeCacheReview(officeId: string, now: number, body: Body) {
  const { rows, known = [], scope, answer, onlyInTarget } = body;
  const live = (await allLiveClients(db, officeId)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const existing: ExistingClient[] = live.map((r) => ({
    id: r.id,
    client: toClient(r),
    version: r.changeSeq,
  }));
  const inScope = inScopeOf(scope, live);
  const baseOf = await loadBaseOf(db, officeId, [...rows, ...knownAsRows(known)], existing);
  const confirmed = await confirmKnown(known, existing, baseOf);
  const result = reconcile([...rows, ...confirmed.rows], existing, {
    today: new Date(now),
    baseOf,
    inScope: onlyInTarget === false ? () => false : inScope && ((e) => inScope.has(e.id)),
    known: confirmed.clients,
    maxIssues: maxIssuesPerRow,
  });
  const resend = known.length > 0 ? { resend: confirmed.resend } : {};
  return { ...(answer === "compact" ? compactResult(result) : result), ...resend };
}

/** The ids inside the pull's scope, from the mapped rows (GET /v1/clients' filters). */
function inScopeOf(scope: PullScope | undefined, live: ClientRow[]): Set<string> | undefined {
  if (!scope || scope.mode === "all") return undefined;
  const keep = (r: ClientRow) =>
    scope.mode === "taskTemplate"
      ? (JSON.parse(r.taskTemplates) as string[]).includes(scope.taskTemplate)
      : /^\d{10}$/.test(scope.text)
        ? r.enterpriseNumber === scope.text
        : r.searchText.includes(foldSearch(scope.text));
  return new Set(live.filter(keep).map((r) => r.id));
}

async function streamed(value: Record<string, unknown>): Promise<string> {
  return new Response(jsonStream(value)).text();
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

describe("the review reads only its rows' candidates (issue 17)", () => {
  it("answers byte for byte as with the whole cache: full, compact, scope, onlyInTarget false, known rows", async () => {
    const h = harness();
    const at = (postalCode: string) => ({ ...makeClient(0).address!, postalCode });
    h.source.records = [
      ...Array.from({ length: 10 }, (_, i) =>
        record(i + 1, { name: i % 2 ? `Bakkerij ${i}` : `Slagerij ${i}` }, i % 3 ? ["BTW"] : []),
      ),
      record(11, { enterpriseNumber: null, address: at("2000") }, ["Jaarrekening"]),
      record(12, { enterpriseNumber: null, name: "Bakkerij Zonder", address: at("2000") }),
      record(13, { kind: "person", enterpriseNumber: null, nationalNumber: "85073003328" }),
      record(14, { kind: "person", enterpriseNumber: null, name: "Jan Peeters" }),
      record(15, { address: at("2000") }, ["Jaarrekening"]),
    ];
    const office = await newOffice();
    await seedClients(h, office);
    const pulled = await allLiveClients(db, office.officeId);
    // A second sync changes a third of them: rows pulled before carry an older version.
    h.source.records = h.source.records.map((r, i) =>
      i % 3 ? r : { ...r, client: { ...r.client, email: `later${i}@example.be` } },
    );
    await syncAll(h, office);
    const current = await allLiveClients(db, office.officeId);
    const ctx = { officeId: office.officeId, actor: { keyId: null, name: "test" }, db };
    const now = h.services.now();
    const scopes: (PullScope | undefined)[] = [
      undefined,
      { mode: "all" },
      { mode: "taskTemplate", taskTemplate: "Jaarrekening" },
      { mode: "search", text: "bakkerij" },
      { mode: "search", text: current[4]?.enterpriseNumber ?? "" },
    ];

    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      let ref = 0;
      const rows: ImportRow[] = [];
      const known: KnownRow[] = [];
      for (const p of pulled) {
        if (rnd.chance(0.3)) continue;
        const c: Client = toClient(p);
        const row = toImportRow(rnd.chance(0.3) ? { ...c, email: "x@example.be" } : c, `${++ref}`);
        const how = rnd.pick(["id", "adminpulseId", "numbers", "known"] as const);
        const version = String(p.changeSeq);
        if (how === "known") {
          const latest = current.find((x) => x.id === p.id) as ClientRow;
          const seen = rnd.chance(0.5) ? p : latest; // pulled then or now
          const fingerprint = await clientFingerprint(rnd.chance(0.8) ? toClient(seen) : c);
          known.push({ ref: `${++ref}`, id: p.id, version: String(seen.changeSeq), fingerprint });
        } else if (how === "id") rows.push({ ...row, id: p.id, version });
        else if (how === "adminpulseId")
          rows.push({ ...row, sourceIds: { adminpulseId: p.adminpulseId }, version });
        else rows.push(rnd.chance(0.2) ? { ...row, enterpriseNumber: "123" } : row);
      }
      // New clients, one with a number a cached client has, one twice (duplicates).
      if (rnd.chance(0.5)) rows.push(toImportRow(makeClient(100 + seed), `${++ref}`));
      if (rnd.chance(0.3)) rows.push(toImportRow(makeClient(3, { name: "Derde" }), `${++ref}`));
      if (rnd.chance(0.3)) {
        const twice = makeClient(200 + seed);
        rows.push(toImportRow(twice, `${++ref}`), toImportRow(twice, `${++ref}`));
      }
      if (rnd.chance(0.3))
        rows.push(
          toImportRow(
            makeClient(300, {
              enterpriseNumber: null,
              address: at("2000"),
              name: "Bakkerij Zonder",
            }),
            `${++ref}`,
          ),
        );
      if (rows.length + known.length === 0) rows.push(toImportRow(makeClient(1), "only"));
      const body: Body = {
        rows,
        ...(known.length > 0 ? { known } : {}),
        scope: rnd.pick(scopes),
        answer: rnd.pick([undefined, "full", "compact"] as const),
        onlyInTarget: rnd.pick([undefined, true, false]),
      };
      const expected = JSON.stringify(
        await wholeCacheReview(office.officeId, now, structuredClone(body)),
      );
      const answer = await reviewRows({ ...ctx, runtime: h.services }, structuredClone(body));
      expect(await streamed(answer), `seed ${seed}`).toBe(expected);
    }
  });
});
