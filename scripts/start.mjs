#!/usr/bin/env node
// `pnpm start`: the whole product on 127.0.0.1 — the AdminPulse stand-in (:8790), the worker under
// `wrangler dev` with local D1 (:8787), a demo office connected and synced, and the Excel add-in's
// harness (:3000). Ctrl+C stops everything. Local state: .pulsebridge/start (git-ignored).
//   --size <n>  relations in the stand-in (default 2000)   --verbose  show the processes' output
//   --fresh     start from an empty database
// Env: PULSEBRIDGE_DEMO_KEY (the demo office's admin key, else generated), ADMINPULSE_STANDIN_TOKEN.
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { apiKeyFormat, keyPattern, portInUse, repoRoot, startStack } from "@pulsebridge/stack";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "2000" },
    verbose: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
  },
});
const ports = { standIn: 8790, worker: 8787, harness: 3000 };
const busy = [];
for (const [name, port] of Object.entries(ports))
  if (await portInUse(port)) busy.push(`${name} :${port}`);
if (busy.length) {
  console.error(
    `Port(s) already in use on 127.0.0.1: ${busy.join(", ")}. Is another \`pnpm start\` running?`,
  );
  process.exit(1);
}
const demoKey = process.env.PULSEBRIDGE_DEMO_KEY || undefined;
if (demoKey && !keyPattern.test(demoKey)) {
  console.error(`PULSEBRIDGE_DEMO_KEY must look like ${apiKeyFormat}.`);
  process.exit(1);
}
const persistDir = path.join(repoRoot, ".pulsebridge/start");
if (values.fresh) rmSync(persistDir, { recursive: true, force: true });

console.log(
  "Starting the stand-in AdminPulse, the worker (wrangler dev, local D1) and the add-in harness…",
);
const t0 = Date.now();
let stack;
try {
  stack = await startStack({
    ports,
    persistDir,
    standIn: { size: Number(values.size) },
    demo: { name: "Demo", officeId: "demo", key: demoKey },
    echo: values.verbose,
  });
} catch (err) {
  console.error(`\nCould not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const sync = stack.demo.sync;
console.log(`
Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.

  AdminPulse stand-in   ${stack.standIn.url}   (token ${process.env.ADMINPULSE_STANDIN_TOKEN ? "from ADMINPULSE_STANDIN_TOKEN" : "generated for this run"})
  Worker API            ${stack.worker.url}   docs ${stack.worker.url}/docs · OpenAPI ${stack.worker.url}/openapi.json
  Add-in harness        ${stack.harness.url}/harness.html

  Demo office "Demo" (id demo): connected; sync ${sync.run?.status ?? "done"}: ${sync.run?.added ?? 0} added, ${sync.run?.updated ?? 0} updated, ${sync.run?.deleted ?? 0} deleted
  Admin API key${demoKey ? " (PULSEBRIDGE_DEMO_KEY)" : " (generated; set PULSEBRIDGE_DEMO_KEY to choose it)"}:

    ${stack.demo.key}

Open ${stack.harness.url}/harness.html, enter the worker URL ${stack.worker.url} and the key, then Pull.
Try: curl -H "Authorization: Bearer <key>" "${stack.worker.url}/v1/clients?limit=2"
Logs: ${path.relative(process.cwd(), stack.logDir) || stack.logDir}/   Stop with Ctrl+C.
`);

let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping…");
  await stack.stop();
  process.exit(code);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("SIGHUP", () => stop(0));
// A child dying on its own ends the session: a half-running stack only confuses.
for (const p of [stack.standIn.proc, stack.worker.proc, stack.harness.proc]) {
  p?.exited.then((code) => {
    if (stopping) return;
    console.error(`\n${p.name} exited (code ${code}); see ${p.logFile}`);
    stop(1);
  });
}
