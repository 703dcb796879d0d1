import { describe, expect, it } from "vitest";
import { db } from "../../test/harness.js";
import { createD1RateLimiter } from "./d1-rate-limiter.js";

describe("createD1RateLimiter", () => {
  it("shares one window per token across limiter instances; waits for the next window when spent", async () => {
    const clock = { t: 1_000_000 };
    const sleeps: number[] = [];
    const fingerprint = crypto.randomUUID();
    const make = () =>
      createD1RateLimiter({
        db,
        fingerprint,
        perMinute: 3,
        now: () => clock.t,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.t += ms;
        },
      });
    const a = make();
    const b = make(); // another invocation, same token
    await a.acquire();
    await b.acquire();
    clock.t += 10_000;
    await a.acquire();
    expect(sleeps).toEqual([]);
    await b.acquire(); // 4th call in the window: waits until the window (started at t0) ends
    expect(sleeps).toEqual([50_000]);
    expect(clock.t).toBe(1_060_000);

    // Another token has its own budget.
    const other = createD1RateLimiter({
      db,
      fingerprint: crypto.randomUUID(),
      perMinute: 1,
      now: () => clock.t,
    });
    await other.acquire();
  });
});
