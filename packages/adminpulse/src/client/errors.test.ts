import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withStandIn } from "../../test/helpers.js";
import { createAdminPulseClient } from "./client.js";
import type { AdminPulseError } from "./errors.js";
import { createTokenBucket } from "./rate-limit.js";

let standIn: StandIn;
const tasksOnly = "tok-tasks-only-0123456789";
const fast = { backoff: { baseMs: 5, capMs: 20 }, maxRetryMs: 200 };
const make = (extra: Partial<Parameters<typeof createAdminPulseClient>[0]> = {}) =>
  createAdminPulseClient({
    baseUrl: standIn.url,
    token: standIn.token,
    limiter: createTokenBucket({ perMinute: 100_000 }),
    ...fast,
    ...extra,
  });

const failure = (r: { ok: boolean; error?: AdminPulseError }): AdminPulseError => {
  if (r.ok || !r.error) throw new Error("expected a failure");
  return r.error;
};

beforeAll(async () => {
  standIn = await withStandIn({
    size: 60,
    tokens: { [tasksOnly]: { label: "tasks-only", scopes: ["tasks.read"] } },
  });
});
afterAll(() => standIn.close());

describe("typed errors", () => {
  it("unauthorized: invalid token, without echoing it", async () => {
    const secret = "sk-very-secret-value-42";
    const e = failure(await make({ token: secret }).listRelations());
    expect(e).toMatchObject({ kind: "unauthorized", status: 401, path: "/relations" });
    expect(JSON.stringify(e)).not.toContain(secret);
  });

  it("unauthorized: token lacking relations.read names the scope", async () => {
    const e = failure(await make({ token: tasksOnly }).listRelations());
    expect(e).toMatchObject({ kind: "unauthorized", missingScope: "relations.read" });
    expect(JSON.stringify(e)).not.toContain(tasksOnly);
    const tasks = await make({ token: tasksOnly }).listTasks();
    expect(tasks.ok).toBe(true);
  });

  it("unauthorized: a token getter that fails", async () => {
    const e = failure(
      await make({ token: () => Promise.reject(new Error("refresh failed")) }).listRelations(),
    );
    expect(e.kind).toBe("unauthorized");
  });

  it("not_found and bad_request", async () => {
    expect(failure(await make().getRelation("APR99999"))).toMatchObject({
      kind: "not_found",
      status: 404,
    });
    expect(failure(await make().listRelations({ vatNumber: "abc" }))).toMatchObject({
      kind: "bad_request",
      status: 400,
    });
  });

  it("rate_limited after the retry budget, with Retry-After", async () => {
    standIn.controls.set({ rateLimitNext: 1000, retryAfterSeconds: 0 });
    try {
      const e = failure(await make().listRelations());
      expect(e).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 0 });
      expect(e.attempts).toBeGreaterThan(1);
    } finally {
      standIn.controls.set({ rateLimitNext: 0, retryAfterSeconds: 1 });
    }
  });

  it("upstream after repeated 5xx", async () => {
    standIn.controls.set({ serverErrorNext: 1000, serverErrorStatus: 502 });
    try {
      expect(failure(await make().listRelations())).toMatchObject({
        kind: "upstream",
        status: 502,
      });
    } finally {
      standIn.controls.set({ serverErrorNext: 0 });
    }
  });

  it("bad_response: malformed JSON, and a changed shape naming the field", async () => {
    standIn.controls.set({ malformedNext: 1 });
    expect(failure(await make().listRelations())).toMatchObject({
      kind: "bad_response",
      field: "",
    });
    standIn.controls.set({ wrongShapeNext: 1 });
    const e = failure(await make().allUsers());
    expect(e).toMatchObject({ kind: "bad_response", field: "results.0.id" });
    // Relations are only checked for their envelope: their fields are read one by one by the
    // mapping, so one odd relation never fails a page (issue 12).
    standIn.controls.set({ wrongShapeNext: 1 });
    const page = await make().listRelations();
    expect(page.ok && (page.value.results[0] as { id: unknown }).id).toBe(12345);
  });

  it("timeout when the server hangs", async () => {
    standIn.controls.set({ hangNext: 1 });
    const e = failure(await make({ timeoutMs: 150, maxRetryMs: 0 }).listRelations());
    expect(e).toMatchObject({ kind: "timeout", timeoutMs: 150 });
  });

  it("aborted when the caller's signal fires mid-request", async () => {
    standIn.controls.set({ hangNext: 1 });
    const ac = new AbortController();
    const pending = make({ timeoutMs: 10_000 }).listRelations({ signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect(failure(await pending).kind).toBe("aborted");
  });

  it("network when nothing listens", async () => {
    const gone = await withStandIn({ size: 50 });
    const url = gone.url;
    await gone.close();
    const e = failure(await make({ baseUrl: url }).listRelations());
    expect(e.kind).toBe("network");
  });
});
