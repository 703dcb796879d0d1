import { env } from "cloudflare:workers";
import type { ApiRole } from "@pulsebridge/core";
import { asc, eq } from "drizzle-orm";
import { createApp } from "../src/app.js";
import { generateApiKey } from "../src/auth/api-key.js";
import { KeyCache } from "../src/auth/key-cache.js";
import { type Config, parseConfig } from "../src/config.js";
import { createCredentialCipher } from "../src/crypto/credential-cipher.js";
import { createD1Db, type Db } from "../src/db/client.js";
import { insertKeyStatement } from "../src/db/queries/api-keys.js";
import { createOffice } from "../src/db/queries/offices.js";
import { syncRuns } from "../src/db/schema/index.js";
import type { Runtime } from "../src/runtime/runtime.js";
import type { RelationSource } from "../src/sync/source.js";
import { FakeSource } from "./fake-source.js";

export const db: Db = createD1Db(env.DB);

/** The office's latest sync run (its row as stored). */
export async function lastSyncRun(officeId: string) {
  const runs = await db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.officeId, officeId))
    .orderBy(asc(syncRuns.startedAt));
  return runs.at(-1)!;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  services: Runtime;
  clock: { t: number };
  source: FakeSource;
  /** The last credential the app built a source for (to prove the token was decrypted). */
  seenTokens: string[];
}

/** The app over the real D1 binding, with a controllable clock and a fake AdminPulse by default. */
export function harness(
  opts: {
    config?: Partial<Record<string, string>>;
    source?: (token: string) => RelationSource;
    /** Bodies read as they stream (Bun's way) or whole (workerd's); the route tests use both. */
    streamBodies?: boolean;
  } = {},
): Harness {
  const clock = { t: Date.UTC(2026, 10, 25, 10, 0, 0) };
  const config: Config = parseConfig({ ...env, ...opts.config });
  const source = new FakeSource([]);
  const seenTokens: string[] = [];
  const services: Runtime = {
    config,
    db,
    now: () => clock.t,
    cipher: createCredentialCipher(config.CONNECTION_KEY_ID, {
      [config.CONNECTION_KEY_ID]: config.CONNECTION_ENCRYPTION_KEY,
    }),
    keyCache: new KeyCache(config.KEY_CACHE_SECONDS * 1000),
    relationSource: (cred) => {
      seenTokens.push(cred.token);
      return opts.source ? opts.source(cred.token) : source;
    },
    streamBodies: opts.streamBodies ?? true,
  };
  return { app: createApp(() => services), services, clock, source, seenTokens };
}

export interface Office {
  officeId: string;
  keys: Record<ApiRole, string>;
  keyIds: Record<ApiRole, string>;
}

/** A fresh office with one key per role: each test owns its data (style §13). */
export async function newOffice(name = "Test office"): Promise<Office> {
  const officeId = crypto.randomUUID();
  await createOffice(db, { id: officeId, name, now: Date.now() });
  const keys = {} as Record<ApiRole, string>;
  const keyIds = {} as Record<ApiRole, string>;
  for (const role of ["admin", "staff", "service"] as const) {
    const g = await generateApiKey();
    const id = crypto.randomUUID();
    await insertKeyStatement(db, {
      id,
      officeId,
      prefix: g.prefix,
      secretHash: g.secretHash,
      role,
      name: `${role} key`,
      createdAt: Date.now(),
    });
    keys[role] = g.key;
    keyIds[role] = id;
  }
  return { officeId, keys, keyIds };
}

export function call(
  h: Harness,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  return h.app.request(path, { method, headers, body }, env);
}

/** Connect the office to AdminPulse through the API, as an admin would. */
export async function connect(h: Harness, office: Office, token = "adminpulse-test-token") {
  const res = await call(h, "PUT", "/v1/connection", {
    key: office.keys.admin,
    body: { kind: "token", token },
  });
  if (res.status !== 200) throw new Error(`connect failed: ${res.status} ${await res.text()}`);
}

/** Connect and run a manual sync of `h.source` to completion, through the API. */
export async function seedClients(h: Harness, office: Office) {
  await connect(h, office);
  await syncAll(h, office);
}

/** Manual sync steps (POST /v1/sync) until the run completes. */
export async function syncAll(h: Harness, office: Office) {
  for (let i = 0; i < 50; i++) {
    const res = await call(h, "POST", "/v1/sync", { key: office.keys.staff, body: {} });
    const body = (await res.json()) as { outcome: string };
    if (body.outcome === "completed") return;
    if (res.status >= 400) throw new Error(`sync failed: ${res.status} ${JSON.stringify(body)}`);
  }
  throw new Error("sync did not complete");
}

/** GET /v1/sync/runs, newest first, as `T`. */
export async function listSyncRuns<T>(h: Harness, office: Office): Promise<T[]> {
  const res = await call(h, "GET", "/v1/sync/runs", { key: office.keys.staff });
  return ((await res.json()) as { data: T[] }).data;
}
