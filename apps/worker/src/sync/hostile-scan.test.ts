import { asc, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { db, lastSyncRun, newOffice } from "../../test/harness.js";
import { clients } from "../db/schema/index.js";
import { createAdminPulseSource } from "./adminpulse-source.js";
import { syncStep } from "./engine.js";

/**
 * A scan on thin evidence (session 15's attack): odd `/tasks` and `/relations` answers through the
 * real client (HTTP, zod, mapping) and a real stand-in of 40 relations of its own, never
 * reconfigured: the answers are rewritten by the fetch the source is given. Each test
 * syncs cleanly first, then runs against the odd answers, and checks that nothing stored is lost.
 */
const url = inject("hostileStandInUrl");
const token = inject("hostileStandInToken");

type Body = { results?: Record<string, unknown>[]; pageCount?: number; [k: string]: unknown };
/** Rewrites an answer's body, or redirects / answers a request before it is sent. */
const fault: {
  rewrite: ((path: string, query: URLSearchParams, body: Body) => Body) | null;
  before: ((url: URL) => URL | Response) | null;
} = { rewrite: null, before: null };

const hostileFetch: typeof fetch = async (input, init) => {
  let target = new URL(input instanceof Request ? input.url : String(input));
  const asked = target;
  if (fault.before) {
    const swapped = fault.before(target);
    if (swapped instanceof Response) return swapped;
    target = swapped;
  }
  const res = await fetch(target, init);
  if (!fault.rewrite || !res.ok) return res;
  const body = fault.rewrite(asked.pathname, asked.searchParams, (await res.json()) as Body);
  return new Response(JSON.stringify(body), {
    status: res.status,
    headers: { "content-type": "application/json" },
  });
};

let t = 7_000_000;
const deps = (pageSize: number) => ({
  db,
  now: () => (t += 1000),
  config: { SYNC_PAGE_SIZE: pageSize, SYNC_LEASE_SECONDS: 60, SYNC_DELETE_MAX_PERCENT: 10 },
  source: createAdminPulseSource({
    baseUrl: url,
    token,
    limiter: { acquire: async () => {} },
    timeoutMs: 5000,
    fetch: hostileFetch,
  }),
});

/** One run to its end (or 30 steps); its run row. */
async function run(officeId: string, pageSize = 10) {
  for (let i = 0; i < 30; i++) {
    const o = await syncStep(deps(pageSize), officeId, {
      start: i === 0,
      trigger: "manual",
      maxPages: 100,
    });
    if (o.status === "completed" || o.status === "error") break;
  }
  return lastSyncRun(officeId);
}

const stored = (officeId: string) =>
  db.select().from(clients).where(eq(clients.officeId, officeId)).orderBy(asc(clients.id));

/** Clients that have fewer task templates than in `before`. */
async function lostTemplates(officeId: string, before: Awaited<ReturnType<typeof stored>>) {
  const after = await stored(officeId);
  return after.filter((c) => {
    const was = before.find((b) => b.id === c.id);
    return was && JSON.parse(was.taskTemplates).length > JSON.parse(c.taskTemplates).length;
  });
}

/** A clean first sync, then one with `rewrite` (and `before`) in place; `pageSize` relations a page. */
async function syncedThenOdd(
  rewrite: typeof fault.rewrite,
  before: typeof fault.before = null,
  pageSize = 10,
) {
  fault.rewrite = null;
  fault.before = null;
  const { officeId } = await newOffice();
  expect((await run(officeId, pageSize)).status).toBe("completed");
  const clean = await stored(officeId);
  expect(clean.filter((c) => JSON.parse(c.taskTemplates).length > 0).length).toBeGreaterThan(10);
  fault.rewrite = rewrite;
  fault.before = before;
  try {
    return { officeId, clean, odd: await run(officeId, pageSize) };
  } finally {
    fault.rewrite = null;
    fault.before = null;
  }
}

const problems = (r: { problemCounts: string }) =>
  JSON.parse(r.problemCounts) as Record<string, number>;

describe("a task scan on thin evidence keeps every stored template", { timeout: 120_000 }, () => {
  for (const page of ["0", "1"]) {
    it(`an empty /tasks page ${page} before the last (same page count and total)`, async () => {
      const { officeId, clean, odd } = await syncedThenOdd((path, q, body) =>
        path === "/tasks" && q.get("page") === page ? { ...body, results: [] } : body,
      );
      expect(odd.status).toBe("completed");
      expect(problems(odd)["tasks.empty_page"]).toBe(1);
      expect(await lostTemplates(officeId, clean)).toEqual([]);
    });
  }

  it("a /tasks page count that shrinks does not end the scan early", async () => {
    const { officeId, clean, odd } = await syncedThenOdd((path, q, body) =>
      path === "/tasks" && Number(q.get("page")) >= 1 ? { ...body, pageCount: 2 } : body,
    );
    expect(odd.taskPages).toBeGreaterThan(2);
    expect(problems(odd)["tasks.page_count_changed"]).toBeGreaterThan(0);
    expect(await lostTemplates(officeId, clean)).toEqual([]);
  });

  it("a task it cannot read is left out and counted; the run still refreshes every relation", async () => {
    const { officeId, clean, odd } = await syncedThenOdd((path, q, body) => {
      if (path === "/tasks" && q.get("page") === "0" && body.results?.[0])
        body.results[0] = { ...body.results[0], status: "1" };
      return body;
    });
    expect(odd.status).toBe("completed");
    expect(odd.pages).toBeGreaterThan(0);
    expect(problems(odd)["tasks.unreadable"]).toBe(1);
    expect(await lostTemplates(officeId, clean)).toEqual([]);
  });
});

describe("a relation listed twice in one scan", { timeout: 120_000 }, () => {
  it("a page answered twice (the last repeats the one before) deletes nothing, even with no key lookup", async () => {
    // 4 a page: page 9 answers page 8's four relations; the key lookup (U6) answers 404.
    const pageNineIsEight = (u: URL) => {
      if (u.pathname.startsWith("/relations/"))
        return new Response(JSON.stringify({ message: "Not found" }), { status: 404 });
      if (u.pathname === "/relations" && u.searchParams.get("page") === "9") {
        const v = new URL(u);
        v.searchParams.set("page", "8");
        return v;
      }
      return u;
    };
    const { officeId, odd } = await syncedThenOdd(null, pageNineIsEight, 4);
    expect(odd.deleted).toBe(0);
    expect(odd.lastError).toMatch(/^duplicate_id: page 9 listed 4 relation\(s\)/);
    expect(problems(odd)["relation.duplicate_id"]).toBe(4);
    expect((await stored(officeId)).filter((c) => c.deletedAt !== null)).toEqual([]);
  });

  it("a second record under an id already seen never overwrites the first, and is not rewritten run after run", async () => {
    let ids: string[] = [];
    const rewrite: typeof fault.rewrite = (path, q, body) => {
      if (path === "/relations" && q.get("page") === "0" && body.results)
        ids = body.results.map((r) => String(r.id));
      // Page 1's last relation comes back under page 0's sixth relation's id.
      if (path === "/relations" && q.get("page") === "1" && body.results?.[9])
        body.results[9] = { ...body.results[9], id: ids[5] };
      return body;
    };
    const { officeId, clean, odd } = await syncedThenOdd(rewrite);
    const before = clean.find((c) => c.adminpulseId === ids[5])!;
    const after = (await stored(officeId)).find((c) => c.adminpulseId === ids[5])!;
    expect({ name: after.name, email: after.email }).toEqual({
      name: before.name,
      email: before.email,
    });
    expect(odd.deleted).toBe(0);
    expect(odd.lastError).toMatch(/^duplicate_id: page 1/);
    // The same odd answers again: nothing changes.
    fault.rewrite = rewrite;
    const again = await run(officeId);
    fault.rewrite = null;
    expect(again.updated).toBe(0);
    const third = (await stored(officeId)).find((c) => c.adminpulseId === ids[5])!;
    expect(third.changeSeq).toBe(after.changeSeq);
  });
});
