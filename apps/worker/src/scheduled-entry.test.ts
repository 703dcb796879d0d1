import { createScheduledController, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, newOffice } from "../test/harness.js";
import { getSyncState } from "./db/queries/sync.js";
import worker from "./index.js";

afterEach(() => vi.restoreAllMocks());

describe("the scheduled entry (issue 11)", () => {
  it("a deployed Worker has no /__scheduled: 404, and the cron does not run", async () => {
    const office = await newOffice();
    for (const path of ["/__scheduled", "/__scheduled?cron=0+1+*+*+*"]) {
      const res = await SELF.fetch(`http://worker${path}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe("not_found");
    }
    // The cron marks every office it serves; nothing was served.
    expect((await getSyncState(db, office.officeId))?.lastTickAt ?? null).toBeNull();
  });

  it("a failing cron run logs what failed, never a message the runtime would print with its values", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
      lines.push(a.map(String).join(" "));
    });
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
      lines.push(a.map(String).join(" "));
    });
    await newOffice();
    await env.DB.exec("ALTER TABLE sync_state RENAME TO sync_state_gone");
    let thrown: unknown;
    try {
      await worker.scheduled(
        createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }),
        env,
      );
    } catch (e) {
      thrown = e;
    } finally {
      await env.DB.exec("ALTER TABLE sync_state_gone RENAME TO sync_state");
    }
    // The runtime still sees the failure (the cron shows as failed), without its message.
    expect(String(thrown)).toBe("Error: scheduled run failed (see the log line before)");
    const out = lines.join("\n");
    expect(out).toContain('"error":"DrizzleQueryError"');
    expect(out).toContain("no such table");
    expect(out).not.toMatch(/params/i);
  });
});
