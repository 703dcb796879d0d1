import type { ChangesResponse } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("GET /v1/changes", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/changes",
    allowed: ["admin", "staff", "service"],
    badInputs: [
      { name: "cursor not a number", path: "/v1/changes?cursor=abc" },
      { name: "SQL in cursor", path: "/v1/changes?cursor=1%20OR%201%3D1" },
      { name: "unknown field", path: "/v1/changes?since=1" },
    ],
  });

  it("a mirror that follows the feed ends up equal to the cache (adds, updates, deletes)", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 12 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);

    const mirror = new Map<string, string>();
    let cursor = "0";
    const follow = async () => {
      for (;;) {
        const res = await call(h, "GET", `/v1/changes?cursor=${cursor}&limit=5`, {
          key: office.keys.service,
        });
        const body = (await res.json()) as ChangesResponse;
        for (const ch of body.changes) {
          if (ch.type === "deleted") mirror.delete(ch.id);
          else mirror.set(ch.client.id, ch.client.name);
        }
        cursor = body.nextCursor;
        if (!body.hasMore) return body;
      }
    };
    await follow();
    expect(mirror.size).toBe(12);

    h.source.records[2] = record(2, { name: "Changed BV" });
    h.source.records.splice(5, 1);
    h.source.records.push(record(100));
    await seedClients(h, office);
    const last = await follow();
    const types = last.changes.map((c) => c.type).sort();
    expect(types).toEqual(["added", "deleted", "updated"]);
    const list = (await (
      await call(h, "GET", "/v1/clients?limit=100", { key: office.keys.service })
    ).json()) as {
      data: { id: string; name: string }[];
    };
    expect(new Map(list.data.map((c) => [c.id, c.name]))).toEqual(mirror);

    const empty = (await (
      await call(h, "GET", `/v1/changes?cursor=${cursor}`, { key: office.keys.service })
    ).json()) as ChangesResponse;
    expect(empty).toEqual({ changes: [], nextCursor: cursor, hasMore: false, epoch: "0" });
  });

  it("a client updated after it was created reads `added` on every page of a first catch-up", async () => {
    const h = harness();
    h.source.records = Array.from({ length: 12 }, (_, i) => record(i));
    const office = await newOffice();
    await seedClients(h, office);
    // The first client is updated after the other eleven were created: its latest change is last.
    h.source.records[0] = record(0, { name: "Renamed NV" });
    await seedClients(h, office);

    const types: string[] = [];
    let cursor = "0";
    for (;;) {
      const res = await call(h, "GET", `/v1/changes?cursor=${cursor}&limit=5`, {
        key: office.keys.service,
      });
      const body = (await res.json()) as ChangesResponse;
      types.push(...body.changes.map((c) => c.type));
      cursor = body.nextCursor;
      if (!body.hasMore) break;
    }
    expect(types).toEqual(Array(12).fill("added"));
    // Drained: the cursor is a plain position (in epoch 0) again, and a later edit is an update.
    expect(cursor).toMatch(/^0\.\d+$/);
    h.source.records[3] = record(3, { name: "Edited BV" });
    await seedClients(h, office);
    const later = (await (
      await call(h, "GET", `/v1/changes?cursor=${cursor}`, { key: office.keys.service })
    ).json()) as ChangesResponse;
    expect(later.changes.map((c) => c.type)).toEqual(["updated"]);
  });
});
