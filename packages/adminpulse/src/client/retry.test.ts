import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRelations, withStandIn } from "../../test/helpers.js";
import { createAdminPulseClient } from "./client.js";
import { retryAfterMs } from "./http.js";
import { type Clock, createTokenBucket, realClock } from "./rate-limit.js";
import type { Relation } from "./schemas.js";

let standIn: StandIn;
beforeAll(async () => {
  standIn = await withStandIn({ size: 900, seed: "retry" });
});
afterAll(() => standIn.close());

/** Real time, but every backoff sleep is recorded and shortened, so Retry-After can be asserted. */
function recordingClock() {
  const slept: number[] = [];
  const clock: Clock = {
    now: realClock.now,
    sleep: (ms, signal) => {
      slept.push(ms);
      return realClock.sleep(Math.min(ms, 5), signal);
    },
  };
  return { clock, slept };
}
const make = (clock: Clock) =>
  createAdminPulseClient({
    baseUrl: standIn.url,
    token: standIn.token,
    clock,
    limiter: createTokenBucket({ perMinute: 100_000 }),
    timeoutMs: 300,
  });

describe("retries on injected faults", () => {
  it("recovers from 5xx and reports each attempt to the server", async () => {
    const { clock, slept } = recordingClock();
    standIn.controls.resetCalls();
    standIn.controls.set({ serverErrorNext: 2, serverErrorStatus: 503 });
    const res = await make(clock).listRelations({ pageSize: 5 });
    expect(res.ok).toBe(true);
    expect(standIn.controls.calls().map((c) => c.status)).toEqual([503, 503, 200]);
    expect(slept).toHaveLength(2);
  });

  it("honours Retry-After on 429", async () => {
    const { clock, slept } = recordingClock();
    standIn.controls.set({ rateLimitNext: 1, retryAfterSeconds: 7 });
    const res = await make(clock).listRelations({ pageSize: 5 });
    expect(res.ok).toBe(true);
    expect(slept[0]).toBeGreaterThanOrEqual(7000);
  });

  it("retries a hung request after its timeout", async () => {
    const { clock } = recordingClock();
    standIn.controls.resetCalls();
    standIn.controls.set({ hangNext: 1 });
    const res = await make(clock).getRelation("APR00002");
    expect(res.ok && res.value.uniqueIdentifier).toBe("APR00002");
    expect(standIn.controls.calls().filter((c) => c.path === "/relations/APR00002")).toHaveLength(
      2,
    );
  });

  it("completes a full scan under a 20% random 5xx rate", async () => {
    const { clock } = recordingClock();
    standIn.controls.set({ serverErrorRate: 0.2 });
    try {
      const all = await allRelations(make(clock), { pageSize: 50 });
      expect(all.ok && all.value.length).toBe(900);
    } finally {
      standIn.controls.set({ serverErrorRate: 0 });
    }
  });

  it("sees relations added, edited and deleted mid-scan through the page count", async () => {
    const local = await withStandIn({
      size: 400,
      seed: "mutations",
      controls: { mutateEvery: { calls: 2, add: 30, edit: 5, delete: 3 } },
    });
    try {
      const client = createAdminPulseClient({
        baseUrl: local.url,
        token: local.token,
        limiter: createTokenBucket({ perMinute: 100_000 }),
        concurrency: 1,
      });
      const all = await allRelations(client, { pageSize: 50 });
      if (!all.ok) throw new Error(all.error.message);
      // 8 initial pages; additions keep extending the page count, so the scan reaches past the original 400.
      expect(
        (all.value as Relation[]).some((r) => Number(String(r.uniqueIdentifier).slice(3)) > 400),
      ).toBe(true);
      expect(local.data.size).toBeGreaterThan(400);
    } finally {
      await local.close();
    }
  });
});

describe("retryAfterMs", () => {
  it("reads delay-seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(" 0 ")).toBe(0);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString(); // IMF-fixdate
    expect(retryAfterMs(inAMinute)).toBeGreaterThan(55_000);
    expect(retryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(0); // past: at once
    // V8's Date.parse reads these as past dates: they would mean "retry at once", a 429 storm.
    for (const odd of ["-1", "1.5", "12, 5", "soon", "1e3", "", null]) {
      expect(retryAfterMs(odd), String(odd)).toBeUndefined();
    }
  });
});
