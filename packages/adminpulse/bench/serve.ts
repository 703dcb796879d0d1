/**
 * Runs a stand-in in its own process for the benchmark, so its CPU work (generating and serializing
 * 400-relation pages) runs beside the client instead of on the client's event loop — as a remote
 * API would. Before it reports ready it warms up (JIT) with a separate token, so the measured run
 * meets a server in steady state, like the real API; then it clears its call log. Prints one JSON
 * line `{ url, token }` when ready.
 */
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";

const options = JSON.parse(process.argv[2] ?? "{}") as { size: number; latencyMs: number };
const warmup = "bench-warmup-token";
const standIn = await createStandIn({
  size: options.size,
  seed: "bench",
  tokens: { [warmup]: { label: "warmup", scopes: ["relations.read"] } },
});
const pages = Math.max(1, Math.ceil(options.size / 400));
for (let k = 0; k < 60; k++) {
  // Nothing is cached between calls, so warming on the same pages does not pre-compute the run.
  const res = await fetch(`${standIn.url}/relations?pageSize=400&page=${k % pages}`, {
    headers: { authorization: `Bearer ${warmup}` },
  });
  await res.text();
}
standIn.controls.resetCalls();
standIn.controls.set({ latencyMs: options.latencyMs });
console.log(JSON.stringify({ url: standIn.url, token: standIn.token }));
process.on("SIGTERM", async () => {
  await standIn.close();
  process.exit(0);
});
