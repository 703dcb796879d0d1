import type { ClientResource } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../../../test/fake-source.js";
import { record, validEnterprise } from "../../../../test/fixtures.js";
import { call, harness, newOffice, seedClients } from "../../../../test/harness.js";

type Answer = { data: ClientResource; cache: { stale: boolean; ageSeconds: number } };

describe("by-enterprise reads and the AdminPulse budget (issue 11)", () => {
  it("a service key never calls AdminPulse: a miss is a 404, a stale client comes from the cache with its age", async () => {
    const h = harness();
    h.source.records = [record(1)];
    const office = await newOffice();
    await seedClients(h, office);
    const before = h.source.calls;
    for (let i = 100; i < 110; i++) {
      const miss = await call(h, "GET", `/v1/enterprises/${validEnterprise(i)}/client`, {
        key: office.keys.service,
      });
      expect(miss.status).toBe(404);
    }
    h.clock.t += 5 * 3600_000;
    const stale = await call(h, "GET", `/v1/enterprises/${validEnterprise(1)}/client`, {
      key: office.keys.service,
    });
    expect(stale.status).toBe(200);
    expect(((await stale.json()) as Answer).cache).toMatchObject({
      stale: true,
      ageSeconds: 5 * 3600,
    });
    expect(h.source.calls).toBe(before);
  });

  it("staff refreshes on a miss are limited per key, and each key has its own allowance", async () => {
    const h = harness({ config: { UPSTREAM_REFRESHES_PER_KEY_PER_MINUTE: "2" } });
    const office = await newOffice();
    await seedClients(h, office);
    const before = h.source.calls;
    for (let i = 200; i < 205; i++)
      await call(h, "GET", `/v1/enterprises/${validEnterprise(i)}/client`, {
        key: office.keys.staff,
      });
    expect(h.source.calls - before).toBe(2);
    await call(h, "GET", `/v1/enterprises/${validEnterprise(300)}/client`, {
      key: office.keys.admin,
    });
    expect(h.source.calls - before).toBe(3);
    // A minute later the staff key may ask again.
    h.clock.t += 61_000;
    await call(h, "GET", `/v1/enterprises/${validEnterprise(301)}/client`, {
      key: office.keys.staff,
    });
    expect(h.source.calls - before).toBe(4);
  });

  it("a refresh never waits longer than the stated bound: a hanging AdminPulse gives the cache", async () => {
    const hanging = new FakeSource([record(1)]);
    const h = harness({
      config: { UPSTREAM_REFRESH_WAIT_MS: "200" },
      source: () => hanging,
    });
    const office = await newOffice();
    await seedClients(h, office);
    hanging.findByEnterpriseNumber = () => new Promise(() => {});
    h.clock.t += 5 * 3600_000;
    const res = await call(h, "GET", `/v1/enterprises/${validEnterprise(1)}/client`, {
      key: office.keys.staff,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).cache.stale).toBe(true);
    const miss = await call(h, "GET", `/v1/enterprises/${validEnterprise(400)}/client`, {
      key: office.keys.staff,
    });
    expect(miss.status).toBe(404);
  });

  it("an upstream refresh is audited with the key that asked", async () => {
    const h = harness();
    h.source.records = [record(1)];
    const office = await newOffice();
    await seedClients(h, office);
    h.source.records.push(record(77));
    await call(h, "GET", `/v1/enterprises/${validEnterprise(77)}/client`, {
      key: office.keys.staff,
    });
    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: office.keys.admin })
    ).json()) as { data: { action: string; actor: { keyId: string | null } }[] };
    expect(audit.data).toContainEqual(
      expect.objectContaining({
        action: "client.upstream_refresh",
        actor: expect.objectContaining({ keyId: office.keyIds.staff }),
      }),
    );
  });
});
