import { createStandIn, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import type { TestProject } from "vitest/node";

/**
 * Runs in Node, outside workerd: the stand-in AdminPulse on a random 127.0.0.1 port. Its URL and
 * token reach the worker tests through `provide`/`inject`, so the real client is tested over HTTP.
 */
let standIn: StandIn | undefined;

export async function setup(project: TestProject) {
  standIn = await createStandIn({ size: 120, seed: 42, hostname: "127.0.0.1", port: 0 });
  project.provide("standInUrl", standIn.url);
  project.provide("standInToken", standIn.token);
}

export async function teardown() {
  await standIn?.close();
}
