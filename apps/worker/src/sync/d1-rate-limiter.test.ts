// The stand-in's own limiter (no server): a schedule it accepts passes any coarser real counter.
import { createSlidingWindow } from "@pulsebridge/adminpulse-stand-in/rate-window";
import { describe, expect, it } from "vitest";
import { db } from "../../test/harness.js";
import { callSpacingMs, createD1RateLimiter } from "./d1-rate-limiter.js";

describe("createD1RateLimiter", () => {
  /**
   * A limiter on a fake clock that records when each call would start. `shared`: waits do not move
   * the clock (several callers wait at once); else a wait moves it (one caller after another).
   */
  const limiterAt = (
    clock: { t: number },
    fingerprint: string,
    perMinute: number,
    shared = false,
  ) => {
    const starts: number[] = [];
    let waited = 0;
    const limiter = createD1RateLimiter({
      db,
      fingerprint,
      perMinute,
      now: () => clock.t,
      sleep: async (ms) => {
        if (shared) waited = ms;
        else clock.t += ms;
      },
    });
    return {
      starts,
      acquire: async () => {
        waited = 0;
        await limiter.acquire();
        starts.push(clock.t + waited);
      },
    };
  };

  it("spaces call starts across limiter instances of one token, whatever the calls' durations", async () => {
    const clock = { t: 1_000_000 };
    const fingerprint = crypto.randomUUID();
    const a = limiterAt(clock, fingerprint, 3); // 20.2 s apart
    const b = limiterAt(clock, fingerprint, 3); // another invocation, same token
    await a.acquire(); // free: starts now
    await b.acquire(); // waits for the next slot, one spacing after a's START
    expect(b.starts[0]! - a.starts[0]!).toBeCloseTo(callSpacingMs(3), 6);
    clock.t += 60_000; // a long call (or a pause): the next start is not held back by it
    const before = clock.t;
    await a.acquire();
    expect(a.starts[1]).toBe(before);

    // Another token has its own schedule.
    const other = limiterAt(clock, crypto.randomUUID(), 1);
    const t = clock.t;
    await other.acquire();
    expect(other.starts[0]).toBe(t);
  });

  it("calls that ask at once get distinct slots: no 60 s window ever holds more than the limit", async () => {
    const clock = { t: 2_000_000 };
    const fingerprint = crypto.randomUUID();
    const limiters = Array.from({ length: 4 }, () => limiterAt(clock, fingerprint, 480, true));
    // Four overlapping readers (pages read ahead, other offices on the token) ask together.
    for (let round = 0; round < 150; round++) {
      await Promise.all(limiters.map((l) => l.acquire()));
      clock.t += 100;
    }
    const starts = limiters.flatMap((l) => l.starts).sort((x, y) => x - y);
    expect(new Set(starts).size).toBe(600);
    let lo = 0;
    let busiest = 0;
    for (let hi = 0; hi < starts.length; hi++) {
      while (starts[hi]! - starts[lo]! >= 60_000) lo++;
      busiest = Math.max(busiest, hi - lo + 1);
    }
    expect(busiest).toBeLessThanOrEqual(480);
    // ... and the limiter does not waste the budget either: 480 starts within about a minute.
    expect(starts[479]! - starts[0]!).toBeLessThan(61_000);
  }, 30_000);

  it("a busy minute after an idle one, step after step (a new limiter per invocation): the stand-in's sliding window refuses nothing", async () => {
    // The lead's 100,000-relation run (ADR 0005's fixed window): 482 calls in one sliding minute,
    // two 429s. A fixed window lets the end of one minute and the start of the next both fill up.
    const clock = { t: 3_000_000 };
    const fingerprint = crypto.randomUUID();
    const window = createSlidingWindow(480, 60_000);
    let refused = 0;
    let i = 0;
    const call = async (l: ReturnType<typeof limiterAt>) => {
      await l.acquire();
      // Arrivals later than the starts by 0–99 ms (the network, the isolate): in order, jittered.
      if (window.take("token", l.starts.at(-1)! + ((i++ * 37) % 100)) > 0) refused++;
      clock.t += 10; // the call's own time before the next is asked for
    };
    await call(limiterAt(clock, fingerprint, 480));
    clock.t += 50_000;
    for (let step = 0; step < 48; step++) {
      const l = limiterAt(clock, fingerprint, 480);
      for (let k = 0; k < 20; k++) await call(l);
    }
    expect(i).toBe(961);
    expect(refused).toBe(0);
  }, 60_000);
});
