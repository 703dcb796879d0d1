import { createStandIn, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import type { TestProject } from "vitest/node";
import {
  type RunningRuntime,
  type RuntimeName,
  startBun,
  startWrangler,
  testEncryptionKey,
} from "./runtimes.js";

/**
 * One AdminPulse stand-in (Node, random port) and the worker on both runtimes, each with its own
 * fresh database and offices; the test files get their URLs and keys through `inject`.
 */
export const contractOffices = ["reads", "other", "scheduled"] as const;

export interface ContractRuntime {
  name: RuntimeName;
  base: string;
  offices: Record<(typeof contractOffices)[number], { officeId: string; key: string }>;
}

/** Small pages so a full sync takes several steps (202 progress, then 200 completed). */
export const contractVars = { SYNC_PAGE_SIZE: "25", SYNC_PAGES_PER_STEP: "2" };
export const standInSize = 120;

let standIn: StandIn | undefined;
const running: RunningRuntime[] = [];

export async function setup(project: TestProject) {
  standIn = await createStandIn({ size: standInSize, seed: 42, hostname: "127.0.0.1", port: 0 });
  const opts = {
    adminPulseUrl: standIn.url,
    offices: [...contractOffices],
    vars: { ...contractVars, CONNECTION_ENCRYPTION_KEY: testEncryptionKey() },
  };
  // One after the other: two cores, and wrangler's start is the heavy part.
  running.push(await startBun(opts));
  running.push(await startWrangler(opts));
  project.provide(
    "contract",
    running.map((r) => ({ name: r.name, base: r.base, offices: r.offices }) as ContractRuntime),
  );
  project.provide("contractStandIn", { url: standIn.url, token: standIn.token, size: standInSize });
}

export async function teardown() {
  await Promise.all(running.map((r) => r.stop()));
  await standIn?.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    contract: ContractRuntime[];
    contractStandIn: { url: string; token: string; size: number };
  }
}
