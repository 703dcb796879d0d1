import type { ChangesResponse } from "@pulsebridge/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, db, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { offices } from "../../../db/schema/index.js";

type Feed = ChangesResponse & { epoch: string };
type Problem = { status: number; code: string; detail: string };

async function drain(h: ReturnType<typeof harness>, key: string, from = "") {
  let cursor = from;
  for (;;) {
    const res = await call(h, "GET", `/v1/changes?limit=5${cursor ? `&cursor=${cursor}` : ""}`, {
      key,
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Feed;
    cursor = page.nextCursor;
    if (!page.hasMore) return page;
  }
}

describe("the change feed's epoch (issue 11)", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/changes/epoch",
    allowed: ["admin"],
    body: () => ({}),
    badInputs: [{ name: "unknown field", body: { epoch: "mine" } }],
  });

  it("every page and cursor carries the epoch; a continuing feed keeps it", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 7 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    const first = await drain(h, office.keys.service);
    expect(first.epoch).toMatch(/^[0-9a-f]{1,16}$/);
    expect(first.nextCursor.startsWith(`${first.epoch}.`)).toBe(true);
    h.source.records.push(record(50));
    await seedClients(h, office);
    const next = await drain(h, office.keys.service, first.nextCursor);
    expect(next.epoch).toBe(first.epoch);
    expect(next.changes.map((c) => c.type)).toEqual(["added"]);
  });

  it("after a restore an admin starts a new epoch: old cursors get 410 change_feed_reset, a resync from scratch works", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 4 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    const before = await drain(h, office.keys.service);

    expect(
      (await call(h, "POST", "/v1/changes/epoch", { key: office.keys.staff, body: {} })).status,
    ).toBe(403);
    const bumped = await call(h, "POST", "/v1/changes/epoch", { key: office.keys.admin, body: {} });
    expect(bumped.status).toBe(200);
    const { epoch } = (await bumped.json()) as { epoch: string };
    expect(epoch).not.toBe(before.epoch);

    const stale = await call(h, "GET", `/v1/changes?cursor=${before.nextCursor}`, {
      key: office.keys.service,
    });
    expect(stale.status).toBe(410);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await stale.json()) as Problem;
    expect(problem.code).toBe("change_feed_reset");
    expect(problem.detail).toContain("without a cursor");

    const again = await drain(h, office.keys.service);
    expect(again.epoch).toBe(epoch);
    expect(again.changes).toHaveLength(4);

    const audit = await call(h, "GET", "/v1/audit", { key: office.keys.admin });
    const actions = ((await audit.json()) as { data: { action: string }[] }).data.map(
      (e) => e.action,
    );
    expect(actions).toContain("feed.epoch_started");
  });

  it("a cursor past the feed's end (a database restored from an older copy) is 410 without any admin action", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 3 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    const page = await drain(h, office.keys.service);
    // The restored copy's feed ended earlier than what the mirror already saw.
    await db.update(offices).set({ changeSeq: 1 }).where(eq(offices.id, office.officeId));
    const res = await call(h, "GET", `/v1/changes?cursor=${page.nextCursor}`, {
      key: office.keys.service,
    });
    expect(res.status).toBe(410);
    expect(((await res.json()) as Problem).code).toBe("change_feed_reset");
    // The same holds for a cursor from before epochs (a plain number).
    const legacy = await call(h, "GET", "/v1/changes?cursor=999", { key: office.keys.service });
    expect(legacy.status).toBe(410);
    const fine = await call(h, "GET", "/v1/changes?cursor=1", { key: office.keys.service });
    expect(fine.status).toBe(200);
  });

  it("another office's epoch does not move, and its cursors are not this office's", async () => {
    const h = harness();
    const a = await newOffice();
    const b = await newOffice();
    const bBefore = await drain(h, b.keys.service);
    await call(h, "POST", "/v1/changes/epoch", { key: a.keys.admin, body: {} });
    const bAfter = await drain(h, b.keys.service, bBefore.nextCursor);
    expect(bAfter.epoch).toBe(bBefore.epoch);
    const aNow = await drain(h, a.keys.service);
    const cross = await call(h, "GET", `/v1/changes?cursor=${aNow.nextCursor}`, {
      key: b.keys.service,
    });
    expect(aNow.epoch).not.toBe(bAfter.epoch);
    expect(cross.status).toBe(410);
  });
});
