/**
 * One real stack per test file: the stand-in AdminPulse in this process (so a test can drive its
 * fault controls and read its data directly), the worker under `wrangler dev` and, when asked, the
 * add-in harness, all on random ports through the shared launcher `scripts/stack`.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createStandIn, type StandIn, type StandInOptions } from "@pulsebridge/adminpulse-stand-in";
import { createClient, type PulsebridgeClient, pages, unwrap } from "@pulsebridge/client";
import { type ClientResource, clientListResponseSchema, problemSchema } from "@pulsebridge/core";
import { launchChromium } from "@pulsebridge/excel-addin/test/chromium";
import {
  type ApiResponse,
  api,
  createOffice,
  repoRoot,
  type Stack,
  startStack,
  syncUntilDone,
} from "@pulsebridge/stack";
import type { Browser } from "playwright-core";
import { expect } from "vitest";

export const artifacts = path.join(repoRoot, "test/artifacts");

export type Role = "admin" | "staff" | "service";
export type Office = {
  officeId: string;
  keys: Record<Role, string>;
  keyIds: Record<Role, string>;
};

export type E2eStack = {
  stack: Stack;
  standIn: StandIn;
  url: string;
  /** The typed client (@pulsebridge/client) with this key: for every call that follows the contract. */
  client(key: string): PulsebridgeClient;
  /** Any request, also off-contract ones (hostile input, wrong methods, bad bodies). */
  call(
    key: string | null,
    method: string,
    pathname: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  newOffice(name: string, opts?: { connect?: boolean; sync?: boolean }): Promise<Office>;
  close(): Promise<void>;
};

export async function e2eStack(opts: {
  size?: number;
  harness?: boolean;
  vars?: Record<string, string>;
  standIn?: Omit<StandInOptions, "size" | "port">;
}): Promise<E2eStack> {
  const standIn = await createStandIn({ size: opts.size ?? 200, seed: "e2e", ...opts.standIn });
  let stack: Stack;
  try {
    stack = await startStack({
      standIn: { url: standIn.url, token: standIn.token },
      harness: opts.harness ?? false,
      vars: opts.vars ?? {},
    });
  } catch (e) {
    await standIn.close();
    throw e;
  }
  const url = stack.worker.url;
  const call: E2eStack["call"] = (key, method, pathname, body, headers) =>
    api(url, key, method, pathname, body, headers);
  const client = (key: string) => createClient({ baseUrl: url, apiKey: key, retries: 0 });
  return {
    stack,
    standIn,
    url,
    client,
    call,
    async newOffice(name, o = {}) {
      const { officeId, key } = await createOffice(stack.persistDir, { name });
      const admin = client(key);
      const me = await unwrap(admin.GET("/v1/me"));
      const office: Office = {
        officeId,
        keys: { admin: key, staff: "", service: "" },
        keyIds: { admin: me.key.id, staff: "", service: "" },
      };
      for (const role of ["staff", "service"] as const) {
        const created = await unwrap(
          admin.POST("/v1/keys", { body: { name: `${role} key`, role } }),
        );
        office.keys[role] = created.key;
        office.keyIds[role] = created.id;
      }
      if (o.connect || o.sync) {
        await unwrap(
          admin.PUT("/v1/connection", { body: { kind: "token", token: standIn.token } }),
        );
      }
      if (o.sync) await syncUntilDone(url, key);
      return office;
    },
    async close() {
      await stack.stop();
      await standIn.close();
    },
  };
}

/** Every cached client of the office, all pages (parsed with core's schema: the contract's shape). */
export async function allClients(s: E2eStack, key: string): Promise<ClientResource[]> {
  const client = s.client(key);
  const out: ClientResource[] = [];
  for await (const page of pages((cursor) =>
    client.GET("/v1/clients", { params: { query: { limit: 1000, cursor } } }),
  ))
    out.push(...clientListResponseSchema.parse(page).data);
  return out;
}

/** What two offices synced from the same AdminPulse must agree on: content, by AdminPulse id. */
export function snapshot(clients: ClientResource[]): Record<string, unknown> {
  const byId: Record<string, unknown> = {};
  for (const { id: _id, changeSeq: _seq, updatedAt: _at, ...rest } of clients) {
    byId[rest.sourceIds.adminpulseId ?? `?${rest.name}`] = rest;
  }
  return Object.fromEntries(Object.entries(byId).sort(([a], [b]) => a.localeCompare(b)));
}

/** The AdminPulse ids the stand-in holds right now. */
export function standInIds(standIn: StandIn): Set<string> {
  const v = standIn.data.visible();
  const ids = new Set<string>();
  for (let p = 0; p < v.length; p++) {
    const rel = standIn.data.relationAt(v.at(p));
    if (rel) ids.add(rel.id);
  }
  return ids;
}

/** A 4xx answer in RFC 9457 form with our stable code; returns the parsed problem. */
export function expectProblem(res: ApiResponse, status?: number) {
  if (status !== undefined) expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.status, res.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const problem = problemSchema.parse(res.json);
  expect(problem.status).toBe(res.status);
  expect(problem.code).toMatch(/^[a-z_]+$/);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

export function withoutRequestId(body: unknown) {
  const { requestId: _r, ...rest } = body as Record<string, unknown>;
  return rest;
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return launchChromium();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
