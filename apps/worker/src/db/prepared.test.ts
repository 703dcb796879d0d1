import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { db, newOffice } from "../../test/harness.js";
import { createD1Db } from "./client.js";
import { prepared } from "./prepared.js";
import { changesSinceRead, listClientsRead } from "./queries/client-reads.js";
import { officeFeedState, officeReadState } from "./queries/offices.js";

/** The read path's prepared statements (issue 17): built once, LIMITs in the text, plans by index. */
describe("prepared reads", () => {
  it("builds a statement once per name and database, and keeps at most 200 per database", () => {
    let builds = 0;
    const build = () => ({ n: ++builds });
    const a = prepared(db, "test.a", build);
    expect(prepared(db, "test.a", build)).toBe(a);
    expect(builds).toBe(1);
    const other = createD1Db(env.DB);
    expect(prepared(other, "test.a", build)).not.toBe(a);
    for (let i = 0; i < 200; i++) prepared(other, `test.fill${i}`, build);
    // "test.a" was the least recently used in `other`: built again; `db`'s own is untouched.
    expect(prepared(other, "test.a", build).n).toBe(builds);
    expect(prepared(db, "test.a", build)).toBe(a);
  });

  it("writes LIMIT into the statement (a bound LIMIT makes SQLite compile it again on every run)", async () => {
    const { officeId } = await newOffice();
    const reads = [
      listClientsRead(db, officeId, { limit: 50 }),
      listClientsRead(db, officeId, { limit: 7, q: "x", after: { name: "a", id: "b" } }),
      changesSinceRead(db, officeId, 0, 500),
      officeReadState(db, officeId),
      officeFeedState(db, officeId),
    ];
    const sqls = reads.map((r) => r.query.getQuery().sql);
    expect(sqls.map((s) => /limit (\d+)$/.exec(s)?.[1])).toEqual(["51", "8", "501", "1", "1"]);
    for (const s of sqls) expect(s).not.toMatch(/limit \?/);
  });

  it("the list and the feed read by index in any shape, with values bound per request", async () => {
    const { officeId } = await newOffice();
    const planOf = async (r: {
      query: { getQuery(): { sql: string; params: unknown[] } };
      values: Record<string, unknown>;
    }) => {
      const q = r.query.getQuery();
      const params = q.params.map((p) =>
        p && typeof p === "object" && "name" in p ? r.values[(p as { name: string }).name] : p,
      );
      const res = await env.DB.prepare(`explain query plan ${q.sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      return res.results.map((x) => x.detail).join("; ");
    };
    expect(await planOf(listClientsRead(db, officeId, { limit: 50 }))).toMatch(
      /clients_office_name_idx/,
    );
    expect(
      await planOf(listClientsRead(db, officeId, { limit: 50, after: { name: "m", id: "x" } })),
    ).toMatch(/clients_office_name_idx/);
    expect(await planOf(changesSinceRead(db, officeId, 10, 50))).toMatch(/clients_office_seq_idx/);
  });
});
