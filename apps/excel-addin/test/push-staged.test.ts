/**
 * The add-in's side of a staged push (ADR 0021): split into parts, each part's own choices, and a
 * push cut between parts continued under the same key. The worker's side (real D1, 50,000 rows)
 * is apps/worker/src/routes/v1/imports/staged.test.ts; this fake only keeps its replay rules.
 */
import type {
  ImportResponse,
  ImportRow,
  StagedImportRequest,
  StagedPartRequest,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { type Api, ApiError } from "../src/api/client.js";
import { createPersonStore } from "../src/features/push/person.js";
import { createPushStore, pushImport, splitParts } from "../src/features/push/push.js";

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

/** Stages by key, parts by number with replay, one commit; `failPart` cuts the wire once. */
function fakeStagedApi() {
  const stages = new Map<string, { id: string; body: StagedImportRequest }>();
  const parts = new Map<string, Map<number, StagedPartRequest>>();
  const committed = new Map<string, ImportResponse>();
  const calls: string[] = [];
  const state = { failPart: -1, stages, parts, committed, calls };
  const api = {
    importRows: async () => {
      calls.push("importRows");
      throw new Error("a staged push must not use POST /v1/imports");
    },
    openStagedImport: async (body: StagedImportRequest, key: string) => {
      calls.push(`open:${key}`);
      const s = stages.get(key) ?? { id: `stage-${stages.size + 1}`, body };
      stages.set(key, s);
      return { id: s.id, status: "open" as const, expiresAt: "", parts: 0, rows: 0 };
    },
    putStagedImportPart: async (id: string, n: number, body: StagedPartRequest) => {
      calls.push(`part:${n}`);
      if (state.failPart === n) {
        state.failPart = -1;
        throw new ApiError("network", 0, "cut");
      }
      const of = parts.get(id) ?? new Map();
      const prior = of.get(n);
      if (prior && JSON.stringify(prior) !== JSON.stringify(body))
        throw new ApiError("idempotency_conflict", 409, "other body");
      of.set(n, body);
      parts.set(id, of);
      const counts = { rows: body.rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0 };
      return { part: n, counts };
    },
    commitStagedImport: async (id: string, n: number) => {
      calls.push(`commit:${n}`);
      const held = parts.get(id);
      if (!held || held.size !== n) throw new ApiError("staged_import_incomplete", 409, "missing");
      const rows = [...held.values()].reduce((a, p) => a + p.rows.length, 0);
      const done = committed.get(id) ?? {
        id,
        source: "excel",
        createdBy: [...stages.values()].find((s) => s.id === id)?.body.createdBy ?? "",
        createdAt: "2026-12-03T10:00:00.000Z",
        status: "accepted" as const,
        counts: { rows, created: rows, updated: 0, unchanged: 0, rejected: 0 },
        rejected: [],
        rejectedNextCursor: null,
      };
      committed.set(id, done);
      return done;
    },
  };
  return { api: api as unknown as Api, state };
}

const rowsOf = (n: number): ImportRow[] =>
  Array.from({ length: n }, (_, i) => ({ ref: `r${i}`, kind: "company", name: `Client ${i}` }));

describe("staged push from the add-in", () => {
  it("splits by rows and by bytes", () => {
    expect(splitParts(rowsOf(25), 10).map((p) => p.length)).toEqual([10, 10, 5]);
    const wide = rowsOf(4).map((r) => ({ ...r, name: "x".repeat(1000) }));
    // About 3 kB of budget per row: two rows per part at 7 kB.
    expect(splitParts(wide, 10, 7_000).map((p) => p.length)).toEqual([2, 2]);
  });

  it("splits by links in all rows, and a push under the row limit but over the links is staged", async () => {
    const linked = (n: number, links: number): ImportRow[] =>
      rowsOf(n).map((r) => ({
        ...r,
        links: Array.from({ length: links }, () => ({ role: "bestuurder" })),
      }));
    // 4 links a row, at most 10 a part: two rows each (a row is never cut).
    expect(splitParts(linked(5, 4), 100, 12_000_000, 10).map((p) => p.length)).toEqual([2, 2, 1]);
    // The worker's cap by default: 10,000 rows × 6 links are 60,000 links, over 50,000.
    const big = linked(10_000, 6);
    expect(splitParts(big).map((p) => p.length)).toEqual([8_333, 1_667]);
    const { api, state } = fakeStagedApi();
    const out = await pushImport({
      api,
      rows: linked(6, 3),
      choices: { overwrite: {}, add: [] },
      createdBy: "x",
      store: createPushStore(new MemoryStorage()),
      partLinks: 9,
    });
    expect(out.ok).toBe(true);
    expect(state.calls).toEqual(["open:" + out.key, "part:0", "part:1", "commit:2"]);
  });

  it("sends each part with its own choices, and a push cut between parts continues under its key", async () => {
    const { api, state } = fakeStagedApi();
    const store = createPushStore(new MemoryStorage());
    const rows = rowsOf(25);
    const choices = {
      overwrite: { "client-3": ["email" as const], "client-22": ["phone" as const] },
      add: ["r0", "r12", "r24"],
    };
    const idOfRef = (ref: string) => `client-${ref.slice(1)}`;
    const progress: number[] = [];
    state.failPart = 1;
    const push = () =>
      pushImport({
        api,
        rows,
        choices,
        createdBy: "An Peeters",
        store,
        partRows: 10,
        idOfRef,
        onProgress: (sent) => progress.push(sent),
        newKey: () => `key-${state.stages.size + 1}`,
      });
    const first = await push();
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(state.committed.size).toBe(0);
    const second = await push();
    expect(second.ok).toBe(true);
    expect(second.key).toBe(first.key);
    expect(state.calls).toEqual([
      "open:key-1",
      "part:0",
      "part:1",
      "open:key-1",
      "part:0",
      "part:1",
      "part:2",
      "commit:3",
    ]);
    expect(progress).toEqual([10, 10, 20, 25]);
    const sent = state.parts.get("stage-1")!;
    expect([...sent.values()].map((p) => p.choices)).toEqual([
      { overwrite: { "client-3": ["email"] }, add: ["r0"] },
      { overwrite: {}, add: ["r12"] },
      { overwrite: { "client-22": ["phone"] }, add: ["r24"] },
    ]);
    expect(second.ok && second.response.counts.rows).toBe(25);
    expect(second.ok && second.response.createdBy).toBe("An Peeters");
    expect(store.get()).toBeNull();
  });

  it("an expired stage is dropped from the pending push: the next attempt opens a new one", async () => {
    const { api } = fakeStagedApi();
    const expired = {
      ...api,
      putStagedImportPart: async () => {
        throw new ApiError("staged_import_closed", 409, "expired");
      },
    } as Api;
    const store = createPushStore(new MemoryStorage());
    const out = await pushImport({
      api: expired,
      rows: rowsOf(3),
      choices: { overwrite: {}, add: [] },
      createdBy: "x",
      store,
      partRows: 2,
    });
    expect(out).toMatchObject({ ok: false, retryable: true });
    expect(store.get()).toBeNull();
  });

  it("keeps the person once given, as the worker will check it", () => {
    const people = createPersonStore(new MemoryStorage());
    expect(people.get()).toBeNull();
    expect(people.set("a\nb").ok).toBe(false);
    expect(people.get()).toBeNull();
    expect(people.set("  An Peeters ")).toEqual({ ok: true, person: "An Peeters" });
    expect(people.get()).toBe("An Peeters");
  });
});
