/**
 * `createStandIn()` starts the stand-in AdminPulse API on a real port (127.0.0.1, port 0 = any free
 * port) for tests, benchmarks and the local demo.
 */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  allScopes,
  createApp,
  type OAuthClient,
  type StandInState,
  type TokenGrant,
} from "./app.js";
import {
  applyControls,
  type CallRecord,
  type ControlState,
  type ControlsInput,
  defaultControls,
} from "./controls.js";
import { createOffice, type Office } from "./data/office.js";

export { allScopes } from "./app.js";
export type { CallRecord, ControlState, ControlsInput } from "./controls.js";
export { linkTypeCodes } from "./data/link-types.js";
export type { ApiRelation, ApiTask, Office } from "./data/office.js";
export { createOffice } from "./data/office.js";
export { defaultModes, defaultRenames, type ModeState } from "./modes.js";

export type StandInOptions = {
  seed?: string | number;
  /** Relations in the office, 50 to 100 000 for demos (the benchmark uses 250 000). Default 500. */
  size?: number;
  /** The main token (all scopes). Generated when absent. */
  token?: string;
  /** Extra tokens, e.g. one without `relations.read`: `{ "tok": { label: "tasks-only", scopes: ["tasks.read"] } }`. */
  tokens?: Record<string, { label?: string; scopes: string[] }>;
  controls?: ControlsInput;
  port?: number;
  hostname?: string;
  /** Default 480 per 60 000 ms; scaled down in tests. */
  rateLimit?: { limit: number; windowMs: number };
  oauth?: { clients?: OAuthClient[]; accessTokenTtlSeconds?: number };
};

export type StandInControls = ControlState & {
  set(input: ControlsInput): void;
  /** Adds, edits (new e-mail and phone) and deletes relations now. */
  mutate(m: { add?: number; edit?: number; delete?: number }): void;
  /** Every call received, with its arrival time in ms since start. */
  calls(): CallRecord[];
  resetCalls(): void;
  /** Requests hanging right now (hangNext, hangAfter). */
  hangingNow(): number;
  /** Answers every hanging request (500) now. */
  releaseHanging(): void;
};

export type StandIn = {
  url: string;
  port: number;
  token: string;
  controls: StandInControls;
  data: Office;
  close(): Promise<void>;
};

export const defaultOAuthClient: OAuthClient = {
  clientId: "pulsebridge-local",
  clientSecret: "local-secret",
  redirectUris: ["http://127.0.0.1:8787/v1/adminpulse/callback"],
};

export async function createStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const mainToken = options.token ?? randomBytes(24).toString("base64url");
  const tokens = new Map<string, TokenGrant>([[mainToken, { label: "main", scopes: allScopes }]]);
  for (const [t, g] of Object.entries(options.tokens ?? {}))
    tokens.set(t, { label: g.label ?? "extra", scopes: g.scopes });
  const controls = defaultControls();
  if (options.controls) applyControls(controls, options.controls);
  const state: StandInState = {
    office: createOffice({ seed: options.seed ?? "pulsebridge", size: options.size ?? 500 }),
    controls,
    tokens,
    mainToken,
    oauthClients: options.oauth?.clients ?? [defaultOAuthClient],
    accessTokenTtlSeconds: options.oauth?.accessTokenTtlSeconds ?? 3600,
    rateLimit: options.rateLimit ?? { limit: 480, windowMs: 60_000 },
    log: [],
    startedAt: performance.now(),
    hanging: new Set(),
  };
  const app = createApp(state);
  const hostname = options.hostname ?? "127.0.0.1";
  const { server, port } = await new Promise<{ server: Server; port: number }>(
    (resolve, reject) => {
      const s = serve(
        { fetch: app.fetch, port: options.port ?? 0, hostname },
        (info: AddressInfo) => resolve({ server: s as Server, port: info.port }),
      ) as Server;
      s.once("error", reject);
    },
  );

  const controlApi: StandInControls = Object.assign(controls, {
    set: (input: ControlsInput) => applyControls(controls, input),
    mutate: (m: { add?: number; edit?: number; delete?: number }) => state.office.mutate(m),
    calls: () => state.log,
    resetCalls: () => {
      state.log.length = 0;
    },
    hangingNow: () => state.hanging.size,
    releaseHanging: () => {
      for (const release of [...state.hanging]) release();
    },
  });

  return {
    url: `http://${hostname}:${port}`,
    port,
    token: mainToken,
    controls: controlApi,
    data: state.office,
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of state.hanging) release();
        state.hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
