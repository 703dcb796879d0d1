import {
  changesResponseSchema,
  clientListResponseSchema,
  clientResourceSchema,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, db, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runBatch } from "../../../db/batch.js";
import {
  allLiveClients,
  bumpOfficeSeqStatement,
  markNotFoundUpstreamStatement,
  toClientResource,
  tombstoneStatement,
} from "../../../db/queries/clients.js";

/**
 * The read endpoints write their JSON from stored text (issue 17: no re-parsing of the JSON
 * columns); whatever they send must be exactly the resource `toClientResource` builds, and must
 * satisfy the published schemas.
 */
function rich() {
  const h = harness();
  h.source.records = [
    record(
      1,
      {
        links: [
          {
            role: "director",
            relationIdentifier: "APR00002",
            name: 'Jan "Sr" Peeters\n<b>',
            startDate: "2020-01-01",
            endDate: null,
            shares: 12.5,
            votingRights: null,
            comment: "é ß \u2028 \\",
          },
        ],
      },
      ["Jaarrekening", 'BTW "Q"'],
    ),
    record(2, {
      address: null,
      responsibleUser: null,
      kind: "person",
      enterpriseNumber: null,
      nationalNumber: "85073003328",
    }),
    record(3, { name: "Ébéniste \u0000 Renée", generalMeetingDate: "2026-06-15" }),
  ];
  return h;
}

describe("read endpoints' JSON = the resource", () => {
  it("list, one client, by enterprise and the change feed send exactly toClientResource's data", async () => {
    const h = rich();
    const office = await newOffice();
    await seedClients(h, office);
    const rows = await allLiveClients(db, office.officeId);
    const expected = new Map(rows.map((r) => [r.id, toClientResource(r)]));
    expect(expected.size).toBe(3);

    const list = await call(h, "GET", "/v1/clients", { key: office.keys.staff });
    expect(list.headers.get("content-type")).toMatch(/^application\/json/);
    const body = clientListResponseSchema.parse(await list.json());
    expect(body.data).toHaveLength(3);
    for (const c of body.data) expect(c).toStrictEqual(expected.get(c.id));

    for (const r of rows) {
      const text = await (
        await call(h, "GET", `/v1/clients/${r.id}`, { key: office.keys.staff })
      ).text();
      // Byte for byte, not only as parsed: the same escapes (quotes, newline, U+0000, U+2028, é),
      // nulls and number forms as `JSON.stringify` of the resource.
      expect(text.startsWith(`{"data":${JSON.stringify(expected.get(r.id))},"cache":`)).toBe(true);
      const one = JSON.parse(text) as { data: unknown };
      expect(clientResourceSchema.parse(one.data)).toStrictEqual(expected.get(r.id));
      if (r.enterpriseNumber) {
        const by = (await (
          await call(h, "GET", `/v1/clients/by-enterprise/${r.enterpriseNumber}`, {
            key: office.keys.staff,
          })
        ).json()) as { data: unknown };
        expect(by.data).toStrictEqual(expected.get(r.id));
      }
    }

    // A deletion in the feed (deleting through a sync needs proof, docs/adr/0013-deletion-only-on-proof.md; the feed is what counts here).
    const gone = rows.find((r) => r.adminpulseId === "ap-1")!;
    await runBatch(db, [
      tombstoneStatement(db, office.officeId, h.clock.t, [gone.id]),
      bumpOfficeSeqStatement(db, office.officeId, 1),
    ]);
    const feed = changesResponseSchema.parse(
      await (await call(h, "GET", "/v1/changes?limit=2", { key: office.keys.staff })).json(),
    );
    expect(feed.hasMore).toBe(true);
    const rest = changesResponseSchema.parse(
      await (
        await call(h, "GET", `/v1/changes?cursor=${feed.nextCursor}`, { key: office.keys.staff })
      ).json(),
    );
    const all = [...feed.changes, ...rest.changes];
    const deleted = all.filter((c) => c.type === "deleted");
    expect(deleted).toEqual([expect.objectContaining({ id: gone.id })]);
    for (const c of all)
      if (c.type !== "deleted") expect(c.client).toStrictEqual(expected.get(c.client.id));
  });

  it("a client's ETag changes exactly when that client's change_seq does", async () => {
    const h = rich();
    const office = await newOffice();
    await seedClients(h, office);
    const before = await allLiveClients(db, office.officeId);
    const tag = async (id: string) =>
      (await call(h, "GET", `/v1/clients/${id}`, { key: office.keys.staff })).headers.get("etag");
    const tags = new Map<string, string | null>();
    for (const r of before) tags.set(r.id, await tag(r.id));
    expect(new Set(tags.values()).size).toBe(before.length);
    const a = before[0]!;
    const i = h.source.records.findIndex((r) => r.adminpulseId === a.adminpulseId);
    h.source.records[i] = {
      ...h.source.records[i]!,
      client: { ...h.source.records[i]!.client, email: "new@example.be" },
    };
    await seedClients(h, office);
    const after = new Map((await allLiveClients(db, office.officeId)).map((r) => [r.id, r]));
    expect(after.get(a.id)!.changeSeq).not.toBe(a.changeSeq);
    let unchanged = 0;
    for (const r of before) {
      const same = after.get(r.id)!.changeSeq === r.changeSeq;
      if (same) unchanged++;
      expect((await tag(r.id)) === tags.get(r.id)).toBe(same);
      const conditional = await call(h, "GET", `/v1/clients/${r.id}`, {
        key: office.keys.staff,
        headers: { "if-none-match": tags.get(r.id)! },
      });
      expect(conditional.status).toBe(same ? 304 : 200);
    }
    expect(unchanged).toBeGreaterThan(0);
  });

  it("a list's ETag depends on the query and the office, not only on the data", async () => {
    const h = rich();
    const a = await newOffice();
    const b = await newOffice();
    await seedClients(h, a);
    await seedClients(h, b);
    const tag = async (key: string, qs: string) =>
      (await call(h, "GET", `/v1/clients${qs}`, { key })).headers.get("etag");
    const base = await tag(a.keys.staff, "");
    expect(await tag(a.keys.staff, "")).toBe(base);
    expect(await tag(a.keys.staff, "?limit=2")).not.toBe(base);
    expect(await tag(a.keys.staff, "?kind=person")).not.toBe(base);
    expect(await tag(b.keys.staff, "")).not.toBe(base);
  });

  it("the upstream-404 flag (no new change_seq) still changes the client's and the list's ETag and body", async () => {
    const h = rich();
    const office = await newOffice();
    await seedClients(h, office);
    const [a] = await allLiveClients(db, office.officeId);
    const get = () => call(h, "GET", `/v1/clients/${a!.id}`, { key: office.keys.staff });
    const list = () => call(h, "GET", "/v1/clients", { key: office.keys.staff });
    const [one0, list0] = [(await get()).headers.get("etag"), (await list()).headers.get("etag")];
    await markNotFoundUpstreamStatement(db, office.officeId, a!.id, h.clock.t);
    const one1 = await get();
    expect(one1.headers.get("etag")).not.toBe(one0);
    expect((await list()).headers.get("etag")).not.toBe(list0);
    const [flagged] = (await allLiveClients(db, office.officeId)).filter((r) => r.id === a!.id);
    const body = (await one1.json()) as { data: { sourceProblems: { code: string }[] } };
    expect(body.data).toStrictEqual(toClientResource(flagged!));
    expect(body.data.sourceProblems.map((p) => p.code)).toContain("upstream.not_found");
  });
});
