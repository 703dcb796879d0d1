import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRelations, createFakeClock, maxInWindow, withStandIn } from "../../test/helpers.js";
import { createAdminPulseClient } from "./client.js";
import { createTokenBucket, sharedLimiterFor } from "./rate-limit.js";

describe("token bucket (virtual time)", () => {
  it("never lets more than 480 calls into any 60 s window, with 6 concurrent callers", async () => {
    const clock = createFakeClock();
    const bucket = createTokenBucket({ perMinute: 480, burst: 40, clock });
    const grants: number[] = [];
    const caller = async () => {
      for (let k = 0; k < 250; k++) {
        await bucket.acquire();
        grants.push(clock.now());
      }
    };
    const all = Promise.all(Array.from({ length: 6 }, caller));
    await clock.run();
    await all;
    expect(grants).toHaveLength(1500);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(480);
    // And it does not waste the budget: within 3 % of the ideal (1500 − burst) / rate.
    const ideal = ((1500 - 40) / (480 - 40)) * 60_000;
    expect(Math.max(...grants)).toBeLessThan(ideal * 1.03);
  });

  it("returns the reservation of an aborted waiter", async () => {
    const clock = createFakeClock();
    const bucket = createTokenBucket({ perMinute: 60, burst: 1, clock });
    await bucket.acquire();
    const ac = new AbortController();
    const waiting = bucket.acquire(ac.signal);
    ac.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    const next = bucket.acquire().then(() => clock.now());
    await clock.run();
    // Had the aborted reservation been kept, this grant would come one interval later.
    expect(await next).toBeLessThan(2 * (61_000 / 59));
  });

  it("is shared by every client of one token, and only by them", async () => {
    const a = await sharedLimiterFor("token-a");
    expect(await sharedLimiterFor("token-a")).toBe(a);
    expect(await sharedLimiterFor("token-b")).not.toBe(a);
  });
});

describe("pacing against the stand-in's rate limit (scaled down: 30 calls per second)", () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await withStandIn({
      size: 400,
      seed: "pacing",
      rateLimit: { limit: 30, windowMs: 1000 },
    });
  });
  afterAll(() => standIn.close());

  it("holds the limit with three clients scanning concurrently on one token", async () => {
    const limiter = createTokenBucket({ perMinute: 30, windowMs: 1000, burst: 5, safetyMs: 150 });
    standIn.controls.resetCalls();
    // Send times are taken where the limiter acts (before the request leaves), so a loaded
    // machine that delays requests on their way in cannot blur what the pacing did.
    const sent: number[] = [];
    const clients = Array.from({ length: 3 }, () =>
      createAdminPulseClient({
        baseUrl: standIn.url,
        token: standIn.token,
        limiter,
        concurrency: 4,
        fetch: (input, init) => {
          sent.push(performance.now());
          return fetch(input, init);
        },
      }),
    );
    const results = await Promise.all(clients.map((c) => allRelations(c, { pageSize: 10 })));
    expect(results.every((r) => r.ok && r.value.length === 400)).toBe(true);
    const calls = standIn.controls.calls();
    // Every page answered exactly once (3 clients × 40 pages); any other call is a 429 that was
    // retried. The pacing itself is measured at the sender and holds exactly. The stand-in shares
    // this process's event loop: on a loaded machine its arrival times can bunch up by more than
    // the safety margin, which the client's retry (Retry-After) absorbs — that is what it is for.
    expect(calls.filter((c) => c.status === 200)).toHaveLength(120);
    expect(calls.filter((c) => c.status !== 200 && c.status !== 429)).toHaveLength(0);
    expect(sent).toHaveLength(calls.length);
    expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(30);
  });

  it("without pacing, the same load is refused with 429 and Retry-After (the limit is real)", async () => {
    standIn.controls.resetCalls();
    const unpaced = createAdminPulseClient({
      baseUrl: standIn.url,
      token: standIn.token,
      limiter: createTokenBucket({ perMinute: 100_000 }),
      maxRetryMs: 0,
    });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, page) => unpaced.listRelations({ page, pageSize: 5 })),
    );
    const limited = results.filter((r) => !r.ok && r.error.kind === "rate_limited");
    expect(limited.length).toBeGreaterThan(0);
    expect(standIn.controls.calls().filter((c) => c.status === 200).length).toBeLessThanOrEqual(30);
  });
});
