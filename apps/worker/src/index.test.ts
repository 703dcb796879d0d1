import { createScheduledController, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { newOffice } from "../test/harness.js";
import { createApp } from "./app.js";
import worker from "./index.js";
import { cloudflareRuntime } from "./runtime/cloudflare.js";

/**
 * The real entry (fetch + scheduled) with the real AdminPulse client, over HTTP, against the
 * stand-in that test/global-setup.ts started in Node.
 */
const standInEnv = () => ({ ...env, ADMINPULSE_BASE_URL: inject("standInUrl") }) as Env;

async function connectTo(officeKey: string, token: string) {
  const res = await SELF.fetch("http://worker/v1/connection", {
    method: "PUT",
    headers: { authorization: `Bearer ${officeKey}`, "content-type": "application/json" },
    body: JSON.stringify({ kind: "token", token }),
  });
  expect(res.status).toBe(200);
}

async function runCron(e: Env, cron: string) {
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), e);
}

const get = (path: string, key: string) =>
  SELF.fetch(`http://worker${path}`, { headers: { authorization: `Bearer ${key}` } });

describe("worker entry against the AdminPulse stand-in", () => {
  it("fetch: /health through the real entry and bindings", async () => {
    const res = await SELF.fetch("http://worker/health");
    expect(await res.json()).toEqual({ ok: true, db: true });
  });

  it("scheduled: the nightly cron runs a full sync with the real client; runs and clients are served", async () => {
    const office = await newOffice();
    await connectTo(office.keys.admin, inject("standInToken"));
    // The stand-in's own view of the office, fetched directly.
    const direct = (await (
      await fetch(`${inject("standInUrl")}/relations?page=0&pageSize=400`, {
        headers: { authorization: `Bearer ${inject("standInToken")}` },
      })
    ).json()) as { totalRowCount: number; results: { id: string }[] };
    expect(direct.totalRowCount).toBe(120);

    await runCron(standInEnv(), "0 1 * * *");

    const runs = (await (await get("/v1/sync/runs", office.keys.service)).json()) as {
      data: { status: string; added: number; pages: number; trigger: string }[];
    };
    expect(runs.data[0]).toMatchObject({ status: "completed", trigger: "cron", pages: 1 });
    const added = runs.data[0]!.added;
    // Every relation that maps to a valid client is cached (the stand-in seeds some dirty data).
    expect(added).toBeGreaterThan(100);
    expect(added).toBeLessThanOrEqual(120);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await (
        await get(`/v1/clients?limit=50${cursor ? `&cursor=${cursor}` : ""}`, office.keys.service)
      ).json()) as {
        data: { sourceIds: { adminpulseId: string } }[];
        nextCursor: string | null;
      };
      for (const c of page.data) seen.add(c.sourceIds.adminpulseId);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(added);
    const apIds = new Set(direct.results.map((r) => r.id));
    for (const id of seen) expect(apIds.has(id)).toBe(true);

    // A second cron tick within the light interval does nothing new; nothing changed anyway.
    await runCron(standInEnv(), "*/5 * * * *");
    const after = (await (await get("/v1/sync/runs", office.keys.service)).json()) as {
      data: unknown[];
    };
    expect(after.data).toHaveLength(1);
  });

  it("on-demand read by enterprise number goes to the stand-in for a client not yet cached", async () => {
    // Office A syncs, to learn a relation that maps cleanly; office B has never synced.
    const a = await newOffice();
    await connectTo(a.keys.admin, inject("standInToken"));
    await runCron(standInEnv(), "0 1 * * *");
    const cached = (await (
      await get("/v1/clients?kind=company&limit=1", a.keys.service)
    ).json()) as {
      data: { enterpriseNumber: string; sourceIds: { adminpulseId: string } }[];
    };
    const target = cached.data[0]!;
    const b = await newOffice();
    await connectTo(b.keys.admin, inject("standInToken"));
    expect(
      (await (await get("/v1/clients", b.keys.service)).json()) as { data: unknown[] },
    ).toMatchObject({ data: [] });
    const app = createApp(() => cloudflareRuntime(standInEnv()));
    const n = target.enterpriseNumber;
    // An upstream refresh on a miss is for staff and admin keys (a service key only reads the cache).
    const res = await app.request(
      `/v1/clients/by-enterprise/${encodeURIComponent(`BE ${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`)}`,
      { headers: { authorization: `Bearer ${b.keys.staff}` } },
      standInEnv(),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { sourceIds: { adminpulseId: string } };
      cache: { stale: boolean };
    };
    expect(body.data.sourceIds.adminpulseId).toBe(target.sourceIds.adminpulseId);
    expect(body.cache.stale).toBe(false);
  });

  it("a token the stand-in refuses fails the run and marks the connection invalid", async () => {
    const office = await newOffice();
    await connectTo(office.keys.admin, "not-a-valid-stand-in-token");
    const res = await createApp(() => cloudflareRuntime(standInEnv())).request(
      "/v1/sync",
      { method: "POST", headers: { authorization: `Bearer ${office.keys.staff}` } },
      standInEnv(),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ outcome: "error", run: { status: "failed" } });
    const me = (await (await get("/v1/me", office.keys.service)).json()) as {
      adminpulse: { status: string };
    };
    expect(me.adminpulse.status).toBe("invalid");
  });
});
