import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createScheduler, defaultCrons } from "../../src/runtime/bun-scheduler.js";
import { workerDir } from "./runtimes.js";

/** The Bun scheduler's timing, on vitest's fake clock (croner reads Date and setTimeout). */
describe("Bun scheduler", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("defaults to exactly the Cron Triggers of wrangler.jsonc", () => {
    const text = readFileSync(path.join(workerDir, "wrangler.jsonc"), "utf8");
    const crons = JSON.parse(/"crons":\s*(\[[^\]]*\])/.exec(text)![1]!) as string[];
    expect(defaultCrons).toEqual(crons);
  });

  it("fires each expression on its UTC minute, one run at a time, none lost", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 0, 54, 30) });
    const runs: string[] = [];
    let active = 0;
    let maxActive = 0;
    const scheduler = createScheduler({
      crons: defaultCrons,
      run: async (cron) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push(`${new Date().toISOString().slice(11, 16)} ${cron}`);
        await new Promise((r) => setTimeout(r, 20_000));
        active--;
      },
      onError: (e) => {
        throw e;
      },
    });
    expect(scheduler.next()).toEqual([
      { cron: "*/5 * * * *", at: "2026-11-25T00:55:00.000Z" },
      { cron: "0 1 * * *", at: "2026-11-25T01:00:00.000Z" },
    ]);
    await vi.advanceTimersByTimeAsync(7 * 60_000);
    await scheduler.stop();
    // At 01:00 both fire; the nightly one waits for the 5-minute one instead of being dropped.
    expect(runs).toEqual(["00:55 */5 * * * *", "01:00 */5 * * * *", "01:00 0 1 * * *"]);
    expect(maxActive).toBe(1);
  });

  it("stop() waits for the running job, drops queued ones, and ends the ticking", async () => {
    let release!: () => void;
    const started: string[] = [];
    const scheduler = createScheduler({
      crons: ["0 1 * * *"],
      run: (cron) => {
        started.push(cron);
        return new Promise<void>((r) => {
          release = r;
        });
      },
      onError: () => {},
    });
    const first = scheduler.trigger("a");
    const queued = scheduler.trigger("b");
    await vi.waitFor(() => expect(started).toEqual(["a"]));
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release();
    await Promise.all([stopping, first, queued]);
    expect(started).toEqual(["a"]);
    await scheduler.trigger("c");
    expect(started).toEqual(["a"]);
  });

  it("a failing run is reported and does not stop the next one", async () => {
    const errors: string[] = [];
    const done: string[] = [];
    const scheduler = createScheduler({
      crons: [],
      run: async (cron) => {
        if (cron === "bad") throw new Error("boom");
        done.push(cron);
      },
      onError: (e, cron) => errors.push(`${cron}: ${(e as Error).message}`),
    });
    await Promise.all([scheduler.trigger("bad"), scheduler.trigger("good")]);
    expect(errors).toEqual(["bad: boom"]);
    expect(done).toEqual(["good"]);
    await scheduler.stop();
  });
});
