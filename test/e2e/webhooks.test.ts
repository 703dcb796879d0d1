/**
 * Signed webhooks over real processes: the worker under `wrangler dev` (Queue producer and consumer
 * run locally), the stand-in AdminPulse, and a receiver on a real port that verifies each delivery
 * with the `standardwebhooks` package. AdminPulse changes, the sync runs, and the receiver learns
 * exactly what changed from the cursor ranges — also after it was down for a while.
 */
import { unwrap } from "@pulsebridge/client";
import { syncUntilDone } from "@pulsebridge/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eStack, e2eStack, sleep } from "./support/stack.js";
import { type ReceivedEvent, WebhookReceiver } from "./support/webhook-receiver.js";

let s: E2eStack;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  // Plain http to a loopback receiver is a development-only allowance (never on by default).
  s = await e2eStack({ size: 120, vars: { WEBHOOK_ALLOW_LOOPBACK_HTTP: "1" } });
});
afterAll(async () => {
  await s?.close();
  await receiver.close();
});

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The position in a change-feed cursor `<epoch>.<position>[~<origin>]`. */
const position = (cursor: unknown) => Number(String(cursor).split("~")[0]!.split(".").pop());

/** The feed's changes in (after, until], through the typed client's GET /v1/changes. */
async function changesIn(key: string, after: string, until: string) {
  const ids = new Map<string, string>();
  let cursor = after;
  for (;;) {
    const page = await unwrap(
      s.client(key).GET("/v1/changes", { params: { query: { cursor, limit: 500 } } }),
    );
    for (const c of page.changes)
      if (c.changeSeq <= position(until))
        ids.set(c.type === "deleted" ? c.id : c.client.id, c.type);
    if (!page.hasMore || position(page.nextCursor) >= position(until)) return ids;
    cursor = page.nextCursor;
  }
}

const covered = (events: ReceivedEvent[]) =>
  Math.max(
    0,
    ...events.filter((e) => e.type.startsWith("clients.")).map((e) => position(e.data.untilCursor)),
  );

describe("signed webhooks", () => {
  it("a receiver gets signed, per-batch events whose cursor ranges fetch the delta, also after being down", async () => {
    const office = await s.newOffice("Kantoor Webhooks", { connect: true });
    const admin = s.client(office.keys.admin);
    const created = await unwrap(
      admin.POST("/v1/webhooks", {
        body: { url: receiver.url, events: ["clients.changed", "clients.deleted", "sync.failed"] },
      }),
    );
    receiver.secret = created.secret;
    expect(JSON.stringify(await unwrap(admin.GET("/v1/webhooks")))).not.toContain(created.secret);

    // First full sync: 120 relations in pages of 400 (the default) → one clients.changed.
    await syncUntilDone(s.url, office.keys.staff);
    const first = await until("the first sync's events", () =>
      covered(receiver.accepted) >= 120 ? receiver.accepted.slice() : undefined,
    );
    const changed = first.filter((e) => e.type === "clients.changed");
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThan(12); // one per batch, never one per client
    const delta = await changesIn(
      office.keys.service,
      String(changed[0]!.data.afterCursor),
      String(covered(first)),
    );
    expect(delta.size).toBe(120);

    // The receiver goes down; AdminPulse changes; the sync runs.
    receiver.up = false;
    const before = receiver.accepted.length;
    s.standIn.controls.mutate({ add: 2, edit: 3, delete: 1 });
    await syncUntilDone(s.url, office.keys.staff);
    const log = await until("a failed attempt in the delivery log", async () => {
      const page = await unwrap(
        admin.GET("/v1/webhooks/{id}/deliveries", { params: { path: { id: created.id } } }),
      );
      return page.data.some((d) => d.lastStatus === 503) ? page : undefined;
    });
    expect(log.data.find((d) => d.lastStatus === 503)).toMatchObject({
      status: "pending",
      lastError: "http_503",
    });
    const endpoint = await unwrap(
      admin.GET("/v1/webhooks/{id}", { params: { path: { id: created.id } } }),
    );
    expect(endpoint.failingSince).not.toBeNull();

    // It recovers: the queued retries (5 s after the first failure) bring everything.
    receiver.up = true;
    const after = await until("the retried events", () =>
      receiver.accepted.some((e) => e.type === "clients.deleted") &&
      covered(receiver.accepted) > covered(first)
        ? receiver.accepted.slice(before)
        : undefined,
    );
    const mutation = await changesIn(
      office.keys.service,
      String(covered(first)),
      String(covered(receiver.accepted)),
    );
    expect([...mutation.values()].filter((t) => t === "added")).toHaveLength(2);
    expect([...mutation.values()].filter((t) => t === "deleted")).toHaveLength(1);
    expect([...mutation.values()].filter((t) => t === "updated").length).toBeGreaterThanOrEqual(3);
    expect(after.find((e) => e.type === "clients.deleted")!.data).toMatchObject({ count: 1 });

    // Every accepted delivery verified; nothing accepted twice.
    expect(receiver.unverified).toBe(0);
    expect(receiver.refused).toBeGreaterThan(0);
    const ids = receiver.accepted.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const healed = await unwrap(
      admin.GET("/v1/webhooks/{id}", { params: { path: { id: created.id } } }),
    );
    expect(healed).toMatchObject({ enabled: true, failingSince: null });
  });
});
