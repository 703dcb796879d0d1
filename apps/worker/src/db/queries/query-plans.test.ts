/**
 * Query plans of the sync's heavy lookups, asked of D1's own SQLite. A plan that scans an office
 * per row costs minutes of CPU at a few thousand clients (a 2,000-relation sync blocked the Worker
 * for over a minute in the finalize step): these tests fail when an index or a join order that the
 * lookups rely on goes away.
 */
import { env } from "cloudflare:workers";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { db, newOffice } from "../../../test/harness.js";
import { clientsWithUnnamedLinks, linkTargetsSql, unseenClientsSql } from "./clients.js";
import { stagedTemplatesQuery, templateDrift } from "./task-links.js";

async function plan(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const res = await env.DB.prepare(`explain query plan ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return res.results.map((r) => r.detail);
}

describe("query plans", () => {
  it("naming links across pages finds each link's target by index, never by scanning the office", async () => {
    const { officeId } = await newOffice();
    for (const after of [undefined, "some-id"]) {
      const steps = await plan(clientsWithUnnamedLinks(db, officeId, 200, after));
      expect(
        steps.some((s) =>
          /clients_office_uid_idx \(office_id=\? AND unique_identifier=\?\)/.test(s),
        ),
      ).toBe(true);
      // The only scans allowed: the link array of the row at hand (json_each), never a table.
      expect(steps.filter((s) => /^SCAN /.test(s) && !/VIRTUAL TABLE/.test(s))).toEqual([]);
    }
  });

  it("a relation page finds its links' targets through the office + APR code index (ADR 0025)", async () => {
    const { officeId } = await newOffice();
    const uids = Array.from({ length: 400 }, (_, i) => `APR${i}`);
    const steps = await plan({
      toSQL: () => new SQLiteAsyncDialect().sqlToQuery(linkTargetsSql(officeId, uids)),
    });
    expect(
      steps.some((s) => /clients_office_uid_idx \(office_id=\? AND unique_identifier=\?\)/.test(s)),
    ).toBe(true);
    expect(steps.filter((s) => /^SCAN /.test(s) && !/VIRTUAL TABLE/.test(s))).toEqual([]);
  });

  it("task templates are compared per client through the staging table's key, never by a scan", async () => {
    const { officeId } = await newOffice();
    for (const removals of [true, false]) {
      const steps = await plan(templateDrift(db, officeId, "run-1", { removals, limit: 400 }));
      expect(steps.filter((s) => /^SCAN /.test(s) && !/VIRTUAL TABLE/.test(s))).toEqual([]);
    }
  });

  it("a relation page reads its staged templates through the staging table's key (ADR 0023)", async () => {
    const { officeId } = await newOffice();
    const uids = Array.from({ length: 400 }, (_, i) => `uid-${i}`);
    const steps = await plan(stagedTemplatesQuery(db, officeId, "run-1", uids));
    expect(
      steps.some((s) =>
        /sync_task_links.*\(office_id=\? AND run_id=\? AND relation_uid=\?\)/.test(s),
      ),
    ).toBe(true);
    expect(steps.filter((s) => /^SCAN /.test(s) && !/VIRTUAL TABLE/.test(s))).toEqual([]);
  });

  it("the per-key deletion check walks the office's primary key from its cursor, never sorting the office", async () => {
    const { officeId } = await newOffice();
    const run = { id: "run-1", startedAt: 1 };
    for (const range of [{ after: "c-100" }, { upTo: "c-100" }, {}]) {
      const steps = await plan({
        toSQL: () =>
          new SQLiteAsyncDialect().sqlToQuery(unseenClientsSql(officeId, run, 10, range)),
      });
      expect(
        steps.some((s) => /SEARCH clients USING (INDEX|PRIMARY KEY).*office_id=\?/.test(s)),
      ).toBe(true);
      expect(steps.filter((s) => /TEMP B-TREE|^SCAN clients/.test(s))).toEqual([]);
    }
  });
});
