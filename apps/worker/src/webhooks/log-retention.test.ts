import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { call, db, harness, newOffice } from "../../test/harness.js";
import { runToEnd } from "../../test/run-sync.js";
import { webhookDeliveries } from "../db/schema/index.js";
import { runScheduled } from "../sync/scheduled.js";
import { deliverDue } from "./deliver.js";

const day = 86_400_000;

describe("the delivery log's retention (WEBHOOK_LOG_RETENTION_DAYS)", () => {
  it("the cron prunes finished deliveries past the retention, never a pending one or a recent one", async () => {
    const h = harness({ config: { WEBHOOK_LOG_RETENTION_DAYS: "30" } });
    const office = await newOffice();
    const reg = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url: "https://hooks.example.be/log", events: ["clients.changed"] },
    });
    expect(reg.status).toBe(201);
    const endpoint = (await reg.json()) as { id: string };
    const syncDeps = (source: FakeSource) => ({
      db,
      now: h.services.now,
      config: { SYNC_PAGE_SIZE: 10, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 100 },
      source,
    });
    const deliver = () =>
      deliverDue(
        {
          db,
          now: h.services.now,
          cipher: h.services.cipher,
          config: h.services.config,
          fetch: (async () => new Response(null, { status: 204 })) as unknown as typeof fetch,
        },
        { officeId: office.officeId },
      );
    const rows = () =>
      db
        .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));

    // 35 clients: four events, delivered; one of them marked failed (its retries ended) and one
    // still pending (a retry not yet due), so every state is old.
    const source = new FakeSource(Array.from({ length: 35 }, (_, i) => record(i)));
    await runToEnd(syncDeps(source), office.officeId);
    expect((await deliver()).delivered).toBe(4);
    const [failed, pending] = await rows();
    await db
      .update(webhookDeliveries)
      .set({ status: "failed" })
      .where(eq(webhookDeliveries.id, failed!.id));
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: h.clock.t + 365 * day })
      .where(eq(webhookDeliveries.id, pending!.id));

    // 31 days later a new change is delivered: recent, so kept.
    h.clock.t += 31 * day;
    source.records = [...source.records, record(35)];
    await runToEnd(syncDeps(source), office.officeId);
    expect((await deliver()).delivered).toBe(1);

    const report = await runScheduled(h.services, "*/5 * * * *");
    expect(report.deliveriesPruned).toBeGreaterThanOrEqual(3);
    const left = await rows();
    expect(left).toHaveLength(2);
    expect(left.map((r) => r.id)).toContain(pending!.id);
    const recent = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpoint.id),
          eq(webhookDeliveries.status, "delivered"),
        ),
      );
    expect(recent).toHaveLength(1);
    // The log an admin reads shows what is left.
    const log = await call(h, "GET", `/v1/webhooks/${endpoint.id}/deliveries`, {
      key: office.keys.admin,
    });
    expect(((await log.json()) as { data: unknown[] }).data).toHaveLength(2);
  });
});
