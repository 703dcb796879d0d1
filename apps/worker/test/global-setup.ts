import { createStandIn, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import type { TestProject } from "vitest/node";

/**
 * Runs in Node, outside workerd: the stand-in AdminPulse on a random 127.0.0.1 port. Its URL and
 * token reach the worker tests through `provide`/`inject`, so the real client is tested over HTTP.
 */
let standIn: StandIn | undefined;
/** A second stand-in whose modes one test file switches (hidden relations, deletions, hangs). */
let modesStandIn: StandIn | undefined;
/**
 * A third, never reconfigured, whose answers hostile-scan.test.ts rewrites on its side of the
 * fetch: the modes switched on the second would change what those tests see.
 */
let hostileStandIn: StandIn | undefined;

export async function setup(project: TestProject) {
  standIn = await createStandIn({ size: 120, seed: 42, hostname: "127.0.0.1", port: 0 });
  project.provide("standInUrl", standIn.url);
  project.provide("standInToken", standIn.token);
  // 40 relations and no real rate limit: what the sync tests that reconfigure or rewrite need.
  const small = () =>
    createStandIn({
      size: 40,
      seed: 7,
      hostname: "127.0.0.1",
      port: 0,
      rateLimit: { limit: 100_000, windowMs: 60_000 },
    });
  modesStandIn = await small();
  project.provide("modesStandInUrl", modesStandIn.url);
  project.provide("modesStandInToken", modesStandIn.token);
  hostileStandIn = await small();
  project.provide("hostileStandInUrl", hostileStandIn.url);
  project.provide("hostileStandInToken", hostileStandIn.token);
}

export async function teardown() {
  await standIn?.close();
  await modesStandIn?.close();
  await hostileStandIn?.close();
}
