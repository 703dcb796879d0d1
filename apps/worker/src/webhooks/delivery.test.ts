import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { FakeSource } from "../../test/fake-source.js";
import { record } from "../../test/fixtures.js";
import { call, db, type Harness, harness, newOffice, type Office } from "../../test/harness.js";
import { runToEnd } from "../../test/run-sync.js";
import { auditEvents, webhookDeliveries } from "../db/schema/index.js";
import { retryDelaysSeconds } from "./backoff.js";
import { type DeliveryDeps, deliverDue } from "./deliver.js";
import { consumeWebhookBatch } from "./drain.js";

const hook = "https://hooks.example.be/pulsebridge";
/** Tests share one D1: each drains only its own office. */
const scope = (office: Office) => ({ officeId: office.officeId });
/** The position in a change-feed cursor `<epoch>.<position>`. */
const position = (cursor: string) => Number(cursor.split(".")[1]);

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  redirect: string | undefined;
}

/** A receiver behind the injected fetch: answers with `status()` and keeps what it got. */
function receiver(status: () => number | "hang" = () => 204) {
  const got: Received[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const answer = status();
    if (answer === "hang")
      return new Promise<Response>((_, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    got.push({
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: String(init.body),
      redirect: init.redirect,
    });
    return new Response(null, {
      status: answer,
      headers: answer >= 300 && answer < 400 ? { location: "https://elsewhere.example/" } : {},
    });
  }) as unknown as typeof fetch;
  return { got, fetchFn };
}

function deliveryDepsOf(h: Harness, fetchFn: typeof fetch): DeliveryDeps {
  return {
    db,
    now: h.services.now,
    cipher: h.services.cipher,
    config: h.services.config,
    fetch: fetchFn,
  };
}

async function register(h: Harness, office: Office, events: string[] = ["clients.changed"]) {
  const res = await call(h, "POST", "/v1/webhooks", {
    key: office.keys.admin,
    body: { url: hook, events },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

const deliveries = (endpointId: string) =>
  db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

const syncDeps = (h: Harness, source: FakeSource) => ({
  db,
  now: h.services.now,
  config: { SYNC_PAGE_SIZE: 10, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 100 },
  source,
});

describe("webhook outbox and delivery", () => {
  it("a sync emits one signed clients.changed per page batch whose cursor range fetches exactly that page's changes", async () => {
    const h = harness();
    h.clock.t = Date.now(); // signatures carry the attempt's time; the receiver checks it
    const office = await newOffice();
    const endpoint = await register(h, office);
    const source = new FakeSource(Array.from({ length: 35 }, (_, i) => record(i)));
    await runToEnd(syncDeps(h, source), office.officeId);

    const rx = receiver();
    const report = await deliverDue(deliveryDepsOf(h, rx.fetchFn), scope(office));
    expect(report.delivered).toBe(4); // 35 clients in pages of 10: four events, not 35
    expect(rx.got).toHaveLength(4);
    const wh = new Webhook(endpoint.secret);
    const ranges: [number, number][] = [];
    for (const r of rx.got) {
      expect(r.url).toBe(hook);
      expect(r.redirect).toBe("manual");
      const payload = wh.verify(r.body, r.headers) as {
        type: string;
        data: { afterCursor: string; untilCursor: string; count: number };
      };
      expect(payload.type).toBe("clients.changed");
      ranges.push([position(payload.data.afterCursor), position(payload.data.untilCursor)]);
      const feed = (await (
        await call(h, "GET", `/v1/changes?cursor=${payload.data.afterCursor}&limit=1000`, {
          key: office.keys.service,
        })
      ).json()) as { changes: { changeSeq: number }[]; nextCursor: string };
      const inRange = feed.changes.filter((c) => c.changeSeq <= position(payload.data.untilCursor));
      expect(inRange).toHaveLength(payload.data.count);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    // Contiguous, gap-free ranges covering the whole feed.
    expect(ranges[0]![0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
    expect(ranges.at(-1)![1]).toBe(35);
    // Delivered once: a second drain sends nothing.
    expect((await deliverDue(deliveryDepsOf(h, rx.fetchFn), scope(office))).delivered).toBe(0);
    expect(rx.got).toHaveLength(4);
  });

  it("signs with the endpoint's secret: the standardwebhooks package verifies the exact headers sent", async () => {
    const h = harness();
    h.clock.t = Date.now();
    const office = await newOffice();
    const endpoint = await register(h, office);
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    const rx = receiver();
    await deliverDue(deliveryDepsOf(h, rx.fetchFn), scope(office));
    const [r] = rx.got;
    const payload = new Webhook(endpoint.secret).verify(r!.body, r!.headers) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(payload).toMatchObject({
      type: "clients.changed",
      data: { afterCursor: "0.0", untilCursor: "0.1", count: 1 },
    });
    expect(r!.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(() => new Webhook(endpoint.secret).verify(`${r!.body} `, r!.headers)).toThrow();
  });

  it("queues nothing for an office without endpoints, a paused endpoint, or an event it did not subscribe to", async () => {
    const h = harness();
    const office = await newOffice();
    const other = await register(h, office, ["sync.failed"]);
    const paused = await register(h, office);
    await call(h, "PATCH", `/v1/webhooks/${paused.id}`, {
      key: office.keys.admin,
      body: { enabled: false },
    });
    await runToEnd(syncDeps(h, new FakeSource([record(1), record(2)])), office.officeId);
    expect(await deliveries(other.id)).toHaveLength(0);
    expect(await deliveries(paused.id)).toHaveLength(0);
  });

  it("retries a failing receiver on the backoff schedule, keeps one webhook-id, and recovers", async () => {
    const h = harness();
    const office = await newOffice();
    const endpoint = await register(h, office);
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    let up = false;
    const rx = receiver(() => (up ? 200 : 503));
    const deps = deliveryDepsOf(h, rx.fetchFn);
    expect((await deliverDue(deps, scope(office))).retrying).toBe(1);
    // Not due again before its delay.
    h.clock.t += retryDelaysSeconds[0]! * 1000 - 1;
    expect((await deliverDue(deps, scope(office))).retrying).toBe(0);
    h.clock.t += 1;
    expect((await deliverDue(deps, scope(office))).retrying).toBe(1);
    let [row] = await deliveries(endpoint.id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 2,
      lastStatus: 503,
      lastError: "http_503",
    });
    expect(row!.nextAttemptAt).toBe(h.clock.t + retryDelaysSeconds[1]! * 1000);
    const failing = (await (
      await call(h, "GET", `/v1/webhooks/${endpoint.id}`, { key: office.keys.admin })
    ).json()) as { failingSince: string | null };
    expect(failing.failingSince).not.toBeNull();

    up = true;
    h.clock.t += retryDelaysSeconds[1]! * 1000;
    expect((await deliverDue(deps, scope(office))).delivered).toBe(1);
    [row] = await deliveries(endpoint.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200 });
    expect(new Set(rx.got.map((g) => g.headers["webhook-id"])).size).toBe(1);
    const ok = (await (
      await call(h, "GET", `/v1/webhooks/${endpoint.id}`, { key: office.keys.admin })
    ).json()) as { failingSince: string | null; lastSuccessAt: string | null };
    expect(ok.failingSince).toBeNull();
    expect(ok.lastSuccessAt).not.toBeNull();
  });

  it("counts a redirect as a failure (never followed) and a silent receiver as a timeout", async () => {
    const h = harness({ config: { WEBHOOK_TIMEOUT_MS: "1000" } });
    const office = await newOffice();
    const endpoint = await register(h, office);
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    await deliverDue(deliveryDepsOf(h, receiver(() => 302).fetchFn), scope(office));
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      lastStatus: 302,
      lastError: "redirect",
    });
    h.clock.t += retryDelaysSeconds[0]! * 1000;
    await deliverDue(deliveryDepsOf(h, receiver(() => "hang").fetchFn), scope(office));
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      lastStatus: null,
      lastError: "timeout",
      attempts: 2,
    });
  });

  it("checks the URL again at delivery time: a stored internal address is never called", async () => {
    const h = harness();
    const office = await newOffice();
    const endpoint = await register(h, office);
    const { webhookEndpoints } = await import("../db/schema/index.js");
    await db
      .update(webhookEndpoints)
      .set({ url: "https://169.254.169.254/latest/meta-data" })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    const rx = receiver();
    await deliverDue(deliveryDepsOf(h, rx.fetchFn), scope(office));
    expect(rx.got).toHaveLength(0);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ lastError: "url_refused" });
  });

  it("gives up after ~24 h, disables the endpoint (audited, shown to admins); redelivery after re-enabling sends it", async () => {
    const h = harness();
    const office = await newOffice();
    const endpoint = await register(h, office);
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    const start = h.clock.t;
    const down = receiver(() => 500);
    const deps = deliveryDepsOf(h, down.fetchFn);
    for (let i = 0; i <= retryDelaysSeconds.length; i++) {
      await deliverDue(deps, scope(office));
      const [row] = await deliveries(endpoint.id);
      if (row!.status !== "pending") break;
      h.clock.t = row!.nextAttemptAt!;
    }
    expect(down.got).toHaveLength(retryDelaysSeconds.length + 1);
    const hours = (h.clock.t - start) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(24);
    const [failed] = await deliveries(endpoint.id);
    expect(failed!.status).toBe("failed");

    const shown = (await (
      await call(h, "GET", `/v1/webhooks/${endpoint.id}`, { key: office.keys.admin })
    ).json()) as { enabled: boolean; disabledReason: string };
    expect(shown).toMatchObject({ enabled: false, disabledReason: "failing" });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, endpoint.id));
    expect(audit.map((a) => a.action)).toContain("webhook.disabled");

    // While disabled, a new sync's events wait for it to come back — nothing is queued for it.
    await call(h, "PATCH", `/v1/webhooks/${endpoint.id}`, {
      key: office.keys.admin,
      body: { enabled: true },
    });
    const redo = await call(
      h,
      "POST",
      `/v1/webhooks/${endpoint.id}/deliveries/${failed!.id}/redeliver`,
      { key: office.keys.admin },
    );
    expect(redo.status).toBe(202);
    const up = receiver();
    expect((await deliverDue(deliveryDepsOf(h, up.fetchFn), scope(office))).delivered).toBe(1);
    expect(up.got[0]!.headers["webhook-id"]).toBe(failed!.id);
    const log = (await (
      await call(h, "GET", `/v1/webhooks/${endpoint.id}/deliveries`, { key: office.keys.admin })
    ).json()) as { data: { id: string; status: string; payload: { type: string } }[] };
    expect(log.data[0]).toMatchObject({ id: failed!.id, status: "delivered" });
    expect(log.data[0]!.payload.type).toBe("clients.changed");
  });

  it("sends connection.expiring once per credential on entering the window, and again when it expired", async () => {
    const h = harness();
    const office = await newOffice();
    const endpoint = await register(h, office, ["connection.expiring"]);
    const day = 86_400_000;
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: {
        kind: "token",
        token: "ap-key-expiring-0001",
        expiresAt: new Date(h.clock.t + 10 * day).toISOString(),
      },
    });
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    await call(h, "GET", "/v1/connection", { key: office.keys.admin });
    h.clock.t += day;
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    h.clock.t += 10 * day;
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    await call(h, "GET", "/v1/me", { key: office.keys.staff });
    const sent = (await deliveries(endpoint.id))
      .map((d) => JSON.parse(d.payload) as { type: string; data: Record<string, unknown> })
      .sort((a, b) => Number(b.data.daysLeft) - Number(a.data.daysLeft));
    expect(sent.map((e) => [e.type, e.data.status, e.data.daysLeft])).toEqual([
      ["connection.expiring", "expiring", 10],
      ["connection.expiring", "expired", -1],
    ]);
    expect(JSON.stringify(sent)).not.toContain("ap-key-expiring-0001");
  });

  it("the Queue consumer drains its office and retries the message with the next attempt's delay", async () => {
    const h = harness();
    const office = await newOffice();
    await register(h, office);
    await runToEnd(syncDeps(h, new FakeSource([record(1)])), office.officeId);
    const results: string[] = [];
    const message = (body: unknown) => ({
      body,
      ack: () => results.push("ack"),
      retry: (o?: { delaySeconds?: number }) => results.push(`retry ${o?.delaySeconds}`),
    });
    await consumeWebhookBatch(deliveryDepsOf(h, receiver(() => 500).fetchFn), [
      message({ officeId: office.officeId }),
      message({ officeId: office.officeId }),
      message({ nonsense: true }),
    ]);
    expect(results).toEqual([`retry ${retryDelaysSeconds[0]}`, "ack", "ack"]);
    h.clock.t += retryDelaysSeconds[0]! * 1000;
    results.length = 0;
    await consumeWebhookBatch(deliveryDepsOf(h, receiver().fetchFn), [
      message({ officeId: office.officeId }),
    ]);
    expect(results).toEqual(["ack"]);
  });
});

describe("Cloudflare Queues in workerd (offline)", () => {
  it("a message sent on the WEBHOOKS producer reaches the worker's queue() consumer, which attempts the delivery", async () => {
    const h = harness();
    const office = await newOffice();
    // A host that does not resolve here: the attempt fails as `network`, which proves it was made.
    const res = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url: "https://hooks.pulsebridge.invalid/x", events: ["sync.failed"] },
    });
    const { id } = (await res.json()) as { id: string };
    const { emitStatement } = await import("./events.js");
    const { runBatch } = await import("../db/batch.js");
    await runBatch(db, [
      emitStatement(db, {
        officeId: office.officeId,
        type: "sync.failed",
        now: Date.now(),
        data: { runId: "r1" },
      }),
    ]);
    await env.WEBHOOKS.send({ officeId: office.officeId });
    let row: typeof webhookDeliveries.$inferSelect | undefined;
    for (let i = 0; i < 100 && !row?.attempts; i++) {
      await new Promise((r) => setTimeout(r, 100));
      [row] = await deliveries(id);
    }
    expect(row).toMatchObject({ attempts: 1, status: "pending", lastError: "network" });
  });
  it("emits clients.deleted, sync.deletions_held and sync.failed in the batches that cause them", async () => {
    const h = harness();
    const office = await newOffice();
    const endpoint = await register(h, office, [
      "clients.deleted",
      "sync.deletions_held",
      "sync.failed",
    ]);
    const source = new FakeSource(Array.from({ length: 20 }, (_, i) => record(i)));
    await runToEnd(syncDeps(h, source), office.officeId);
    source.records = source.records.slice(0, 19);
    await runToEnd(syncDeps(h, source), office.officeId);
    source.records = source.records.slice(0, 5);
    const strict = {
      ...syncDeps(h, source),
      config: { ...syncDeps(h, source).config, SYNC_DELETE_MAX_PERCENT: 10 },
    };
    await runToEnd(strict, office.officeId);
    source.failNext("upstream", 10);
    const { syncStep } = await import("../sync/engine.js");
    for (let i = 0; i < 6; i++)
      await syncStep(strict, office.officeId, { start: i === 0, trigger: "manual", maxPages: 1 });
    const types = (await deliveries(endpoint.id)).map(
      (d) => JSON.parse(d.payload) as { type: string; data: Record<string, unknown> },
    );
    expect(types.find((t) => t.type === "clients.deleted")?.data).toMatchObject({
      count: 1,
      afterCursor: "0.20",
      untilCursor: "0.21",
    });
    expect(types.find((t) => t.type === "sync.deletions_held")?.data).toMatchObject({ held: 14 });
    expect(types.find((t) => t.type === "sync.failed")?.data).toMatchObject({
      reason: "page_unreadable",
    });
  });
});
