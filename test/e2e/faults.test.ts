/**
 * Faults with real processes: AdminPulse answering 429 bursts, 5xx, timeouts and malformed JSON;
 * the worker killed (SIGKILL, like a crashed isolate) at a random page of a sync, several times in
 * a row, and restarted on the same local D1; relations changing while the sync pages; a push cut
 * off and retried with the same Idempotency-Key. Nothing lost, nothing duplicated: every end state
 * equals a clean run's.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { syncUntilDone } from "@pulsebridge/stack";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  allClients,
  type E2eStack,
  e2eStack,
  type Office,
  sleep,
  snapshot,
  standInIds,
} from "./support/stack.js";

let s: E2eStack;
/** Set while a test has the worker down, so a failing test does not take the next ones with it. */
let restartPending = false;
// Small pages so a sync has many of them; a short lease so a killed step's lease frees quickly;
// a high call budget because the pacing (480/min) is measured in the benchmark, not here.
const vars = {
  SYNC_PAGE_SIZE: "20",
  SYNC_PAGES_PER_STEP: "100",
  SYNC_LEASE_SECONDS: "10",
  ADMINPULSE_CALLS_PER_MINUTE: "10000",
  ADMINPULSE_TIMEOUT_MS: "1500",
};

beforeAll(async () => {
  s = await e2eStack({
    size: 400,
    vars,
    standIn: { rateLimit: { limit: 100_000, windowMs: 60_000 } },
  });
});
afterEach(async () => {
  if (restartPending) await s.stack.worker.start();
  restartPending = false;
});
afterAll(async () => {
  await s?.close();
});

/** A fresh office synced with no faults at all: the reference end state. */
async function cleanRun() {
  s.standIn.controls.set({ latencyMs: 0, mutateEvery: null, serverErrorRate: 0, hangAfter: null });
  const clean = await s.newOffice(`Clean ${randomUUID().slice(0, 4)}`, { sync: true });
  return snapshot(await allClients(s, clean.keys.staff));
}

/** Link names set to null where the linked relation no longer exists upstream. */
function withoutDeletedLinkNames(snap: Record<string, unknown>) {
  const codes = new Set<string>();
  const visible = s.standIn.data.visible();
  for (let p = 0; p < visible.length; p++) {
    const code = s.standIn.data.relationAt(visible.at(p))?.uniqueIdentifier;
    if (code) codes.add(code);
  }
  return JSON.parse(JSON.stringify(snap), (key, value) =>
    key === "links" && Array.isArray(value)
      ? value.map((l: { relationIdentifier?: string; name?: string | null }) =>
          l.relationIdentifier && !codes.has(l.relationIdentifier) ? { ...l, name: null } : l,
        )
      : value,
  ) as Record<string, unknown>;
}

async function expectNoDuplicates(o: Office) {
  const list = await allClients(s, o.keys.staff);
  const ids = list.map((c) => c.sourceIds.adminpulseId);
  expect(new Set(ids).size).toBe(ids.length);
  const alive = standInIds(s.standIn);
  for (const id of ids) expect(alive.has(id!)).toBe(true);
}

/**
 * Starts (or continues) a sync step and kills the worker while the step is certainly in flight:
 * the stand-in lets `calls` more calls to `path…` through, then holds the next one (`hangAfter`),
 * and the kill comes once that call is held — whatever the machine's speed. A step refused because
 * the last kill's lease is still held (409) is simply tried again. Returns the calls let through.
 */
async function killMidStep(o: Office, at: { path: string; calls: number }): Promise<number> {
  let left = at.calls;
  for (;;) {
    s.standIn.controls.set({ hangAfter: { path: at.path, calls: left } });
    const step = fetch(`${s.url}/v1/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${o.keys.admin}`, "content-type": "application/json" },
      body: "{}",
    }).then(
      (r) => r.status,
      () => 0,
    );
    let settled: number | null = null;
    void step.then((st) => {
      settled = st;
    });
    while (s.standIn.controls.hangingNow() === 0 && settled === null) await sleep(20);
    if (s.standIn.controls.hangingNow() === 0) {
      // Not at the cut yet: the step ended on its time budget (202; the calls it made count), or
      // the lease of the last kill is still held (409): go on as a caller would.
      left = s.standIn.controls.hangAfter?.calls ?? left;
      s.standIn.controls.set({ hangAfter: null });
      expect([202, 409], "a step ended without reaching the cut").toContain(settled);
      if (settled === 409) await sleep(1000);
      continue;
    }
    await s.stack.worker.kill("SIGKILL");
    restartPending = true;
    s.standIn.controls.set({ hangAfter: null });
    s.standIn.controls.releaseHanging();
    // The step was held at the cut: it can only have died with the worker (or, on a very slow
    // machine, given up on the held call) — never completed.
    expect([0, 202]).toContain(await step);
    await s.stack.worker.start();
    restartPending = false;
    return at.calls;
  }
}

describe("sync under faults", () => {
  it("429 bursts, 5xx, timeouts and malformed JSON: retried or resumed, same end state", async () => {
    const office = await s.newOffice("Faults", { connect: true });
    s.standIn.controls.resetCalls();
    s.standIn.controls.set({
      rateLimitNext: 6,
      retryAfterSeconds: 1,
      serverErrorNext: 3,
      hangNext: 2,
      malformedNext: 2,
    });
    let settled = false;
    const sync = syncUntilDone(s.url, office.keys.admin).finally(() => {
      settled = true;
    });
    // The task pages come first (ADR 0023) and meet the faults above; the wrong shape is for a
    // relation page. The first relation page's mapping reads `/users` once; once that has been
    // answered, the next call is a relation page (19 more follow).
    const usersRead = () => s.standIn.controls.calls().some((c) => c.path === "/users");
    while (!usersRead() && !settled) await sleep(10);
    s.standIn.controls.set({ wrongShapeNext: 1 });
    const result = await sync;
    const injected = s.standIn.controls
      .calls()
      .filter((c) => c.outcome === "injected" || c.outcome === "rate_limited");
    expect(injected.length).toBeGreaterThanOrEqual(6 + 3 + 2 + 1);
    expect(result.run?.added).toBeGreaterThan(0);
    // The relation whose id arrived as a number was skipped and counted (it has no usable key),
    // never stored under an invented one; the next full run brings it.
    const first = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    expect(first.json.data[0].problems?.["id.missing"]).toBe(1);
    await syncUntilDone(s.url, office.keys.admin);
    const runs = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    expect(runs.json.data[0].status).toBe("completed");
    await expectNoDuplicates(office);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanRun());
  });

  it("the worker killed at a random page, four times in a row, resumes to the same end state", async () => {
    const office = await s.newOffice("Crashes", { connect: true });
    const cuts: number[] = [];
    for (let i = 0; i < 4; i++) {
      // 20 relation pages in all: four cuts of 1–4 pages each always land inside the run.
      const cutAt = 1 + Math.floor(Math.random() * 4);
      cuts.push(await killMidStep(office, { path: "/relations", calls: cutAt }));
    }
    const runsBefore = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    expect(
      runsBefore.json.data.filter((r: { status: string }) => r.status === "running"),
    ).toHaveLength(1);
    await syncUntilDone(s.url, office.keys.admin);
    const runs = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    // One run, resumed across the crashes, not restarted from scratch each time.
    expect(runs.json.data).toHaveLength(1);
    expect(runs.json.data[0]).toMatchObject({ status: "completed" });
    expect(cuts).toHaveLength(4);
    await expectNoDuplicates(office);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanRun());
  });

  it("the worker killed in the tasks phase, restarted: the run resumes to the same end state", async () => {
    const office = await s.newOffice("Crash in tasks", { connect: true });
    await killMidStep(office, { path: "/tasks", calls: 1 + Math.floor(Math.random() * 3) });
    const run = (await s.call(office.keys.admin, "GET", "/v1/sync/runs")).json.data[0];
    // The task pages come first (ADR 0023): no relation page was read before the cut.
    expect(run).toMatchObject({ status: "running", pages: 0 });
    await syncUntilDone(s.url, office.keys.admin);
    const runs = await s.call(office.keys.admin, "GET", "/v1/sync/runs");
    expect(runs.json.data).toHaveLength(1);
    expect(runs.json.data[0]).toMatchObject({ status: "completed" });
    await expectNoDuplicates(office);
    expect(snapshot(await allClients(s, office.keys.staff))).toEqual(await cleanRun());
  });

  it("the worker killed while finalize checks the deletions, restarted: the same deletions, once", async () => {
    const office = await s.newOffice("Crash in finalize", { sync: true });
    const byId = new Map(
      (await allClients(s, office.keys.staff)).map((c) => [c.id, c.sourceIds.adminpulseId]),
    );
    s.standIn.controls.mutate({ delete: 3 });
    // Finalize asks for each unseen client by its key (`GET /relations/{key}`): the second such
    // call hangs, so the worker dies in the middle of the deletion check.
    await killMidStep(office, { path: "/relations/", calls: 1 });
    const open = (await s.call(office.keys.admin, "GET", "/v1/sync/runs")).json.data[0];
    expect(open).toMatchObject({ status: "running" });
    await syncUntilDone(s.url, office.keys.admin);
    const runs = (await s.call(office.keys.admin, "GET", "/v1/sync/runs")).json.data;
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ status: "completed", deleted: 3 });
    const upstream = standInIds(s.standIn);
    const deleted = [...byId].filter(([, ap]) => !upstream.has(ap!));
    expect(deleted).toHaveLength(3);
    await expectNoDuplicates(office);
    // A link keeps the last name it was seen with when its relation is deleted upstream.
    expect(withoutDeletedLinkNames(snapshot(await allClients(s, office.keys.staff)))).toEqual(
      withoutDeletedLinkNames(await cleanRun()),
    );
  });

  it("the worker killed between key checks, relations hidden beyond the share: resumed, kept, only 404s deleted, once", async () => {
    const office = await s.newOffice("Crash between key checks", { sync: true });
    const before = await allClients(s, office.keys.staff);
    // Every 20th relation inactive (hidden from the list, 5 %) and 3 really gone: the check asks
    // for about 23 clients by key, committing its answers ten at a time with its cursor.
    s.standIn.controls.set({ hideInactiveEvery: 20 });
    s.standIn.controls.mutate({ delete: 3 });
    const listed = new Set(
      (
        (await await fetch(`${s.standIn.url}/relations?pageSize=400`, {
          headers: { authorization: `Bearer ${s.standIn.token}` },
        }).then((r) => r.json())) as { results: { id: string }[] }
      ).results.map((r) => r.id),
    );
    const upstream = standInIds(s.standIn);
    const hidden = before.filter((c) => {
      const ap = c.sourceIds.adminpulseId!;
      return upstream.has(ap) && !listed.has(ap);
    });
    expect(hidden.length).toBeGreaterThan(10);
    s.standIn.controls.resetCalls();
    try {
      // 14 per-key calls answer (a gone relation takes two: APR code, then UUID), so the first
      // ten clients' answers are committed; the 15th call hangs and the worker dies there.
      await killMidStep(office, { path: "/relations/", calls: 14 });
      await syncUntilDone(s.url, office.keys.admin);
    } finally {
      s.standIn.controls.set({ hideInactiveEvery: null });
    }
    const runs = (await s.call(office.keys.admin, "GET", "/v1/sync/runs")).json.data;
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ status: "completed", deleted: 3, deletionsHeld: 0 });
    // Counted once each, though the kill cut the check: the cursor kept the committed answers.
    expect(runs[0].problems["upstream.unlisted"]).toBe(hidden.length);
    const asks = new Map<string, number>();
    for (const c of s.standIn.controls.calls())
      if (c.path.startsWith("/relations/")) asks.set(c.path, (asks.get(c.path) ?? 0) + 1);
    const askedTwice = hidden.filter(
      (c) => (asks.get(`/relations/${c.sourceIds.uniqueIdentifier}`) ?? 0) > 1,
    );
    // Only answers lost with the kill (after the cursor, fewer than one chunk) are asked again.
    expect(askedTwice.length).toBeLessThan(10);
    const after = await allClients(s, office.keys.staff);
    const kept = after.filter((c) => c.sourceProblems?.some((p) => p.code === "upstream.unlisted"));
    expect(kept.map((c) => c.id).sort()).toEqual(hidden.map((c) => c.id).sort());
    expect(after).toHaveLength(before.length - 3);
    for (const c of after) expect(upstream.has(c.sourceIds.adminpulseId!)).toBe(true);
    const audit = (await s.call(office.keys.admin, "GET", "/v1/audit")).json.data as {
      action: string;
      target: string | null;
    }[];
    expect(
      audit
        .filter((e) => e.target === runs[0].id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(["sync.finished", "sync.started"]);
  });

  it("relations added, edited and deleted while the sync pages: the next run converges", async () => {
    const office = await s.newOffice("Moving", { connect: true });
    s.standIn.controls.set({ mutateEvery: { calls: 4, add: 2, edit: 3, delete: 2 } });
    await syncUntilDone(s.url, office.keys.admin);
    s.standIn.controls.set({ mutateEvery: null });
    // Deletions are deferred when the row count moved under the pass; the next full run settles.
    await syncUntilDone(s.url, office.keys.admin);
    await expectNoDuplicates(office);
    // A link keeps the last name it was seen with when its relation is deleted upstream; a clean
    // run never saw that name. Compare everything else.
    const gone = (list: Record<string, unknown>) => withoutDeletedLinkNames(list);
    expect(gone(snapshot(await allClients(s, office.keys.staff)))).toEqual(gone(await cleanRun()));
  });
});

describe("push interrupted", () => {
  const body = (n: number) =>
    JSON.stringify({
      source: "excel",
      createdBy: "fault test",
      rows: Array.from({ length: n }, (_, i) => ({
        ref: String(i + 2),
        kind: "company",
        name: `Klant ${i} BV`,
        email: `info@klant${i}.be`,
      })),
      choices: { overwrite: {}, add: Array.from({ length: n }, (_, i) => String(i + 2)) },
    });

  /** Sends headers and part of the body, then drops the connection. */
  function dropMidRequest(url: string, key: string, idem: string, payload: string) {
    return new Promise<void>((resolve) => {
      const u = new URL("/v1/imports", url);
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "idempotency-key": idem,
        },
      });
      req.on("error", () => resolve());
      req.write(payload.slice(0, Math.floor(payload.length / 2)));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
  }

  async function importsOf(o: Office) {
    const res = await s.call(o.keys.service, "GET", "/v1/imports");
    expect(res.status).toBe(200);
    return res.json.data as { id: string; counts: { rows: number } }[];
  }

  it("connection dropped mid-request, then retried with the same key: exactly one import", async () => {
    const office = await s.newOffice("Push drop");
    const idem = randomUUID();
    const payload = body(2000);
    await dropMidRequest(s.url, office.keys.staff, idem, payload);
    expect(await importsOf(office)).toHaveLength(0);
    const post = () =>
      fetch(`${s.url}/v1/imports`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${office.keys.staff}`,
          "content-type": "application/json",
          "idempotency-key": idem,
        },
        body: payload,
      });
    const first = await post();
    expect(first.status).toBe(201);
    const stored = await first.json();
    const again = await post();
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(stored.id);
    expect(await importsOf(office)).toHaveLength(1);
    // The same key with another body is refused, not stored.
    const other = await fetch(`${s.url}/v1/imports`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${office.keys.staff}`,
        "content-type": "application/json",
        "idempotency-key": idem,
      },
      body: body(3),
    });
    expect(other.status).toBe(409);
    expect(await importsOf(office)).toHaveLength(1);
  });

  it("worker killed while storing a push, restarted, retried with the same key: exactly one import", async () => {
    const office = await s.newOffice("Push crash");
    const payload = body(4000);
    const outcomes: string[] = [];
    for (const delay of [0, 40, 150, 400]) {
      const idem = randomUUID();
      const n = (await importsOf(office)).length;
      const inflight = fetch(`${s.url}/v1/imports`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${office.keys.staff}`,
          "content-type": "application/json",
          "idempotency-key": idem,
        },
        body: payload,
      }).then(
        (r) => r.status,
        () => 0,
      );
      await sleep(delay);
      await s.stack.worker.kill("SIGKILL");
      restartPending = true;
      const firstStatus = await inflight;
      await s.stack.worker.start();
      restartPending = false;
      const retry = await fetch(`${s.url}/v1/imports`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${office.keys.staff}`,
          "content-type": "application/json",
          "idempotency-key": idem,
        },
        body: payload,
      });
      // Stored before the crash → replayed (200); lost with it → stored now (201).
      expect([200, 201]).toContain(retry.status);
      if (firstStatus === 201) expect(retry.status).toBe(200);
      outcomes.push(`${firstStatus}→${retry.status}`);
      const after = await importsOf(office);
      expect(after).toHaveLength(n + 1);
      expect(after[0]!.counts.rows).toBe(4000);
    }
    expect(outcomes.some((o) => o.startsWith("0→"))).toBe(true);
  });
});
