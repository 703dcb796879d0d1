/**
 * Full-pull benchmarks against the stand-in (`pnpm --filter @pulsebridge/adminpulse bench`).
 *
 * 1. 10 000 relations, every call answered 300 ms after it arrives. Bound = page 0 alone (it tells
 *    the page count), then the other pages in waves of `concurrency`:
 *    latency × (1 + ⌈(pages − 1)/c⌉). The 25 calls fit the bucket's burst, so the 480/min budget
 *    does not bind here.
 * 2. 250 000 relations (625 pages of 400), same latency. Bound = 625 calls at 480/min = 78.1 s. The
 *    default bucket (burst 40, refill (480 − 40)/61 s) sends 40 calls at once and then paces strictly
 *    below the limit in any sliding minute.
 * The client uses its default in-process limiter, exactly as production code would. The stand-in
 * runs in a child process (see serve.ts) and counts every call, so "no 429" is its word, not ours.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { CallRecord } from "@pulsebridge/adminpulse-stand-in";
import { createAdminPulseClient } from "../src/client/client.js";

type Run = {
  name: string;
  size: number;
  latencyMs: number;
  concurrency: number;
  target: number | null;
  bound: (pages: number) => number;
};

const runs: Run[] = [
  {
    name: "10k, 300 ms/call, concurrency 4",
    size: 10_000,
    latencyMs: 300,
    concurrency: 4,
    target: 1.2,
    bound: (p) => 300 * (1 + Math.ceil((p - 1) / 4)),
  },
  // Informational: at 8 in flight the stand-in's own page generation (one CPU) starts to dominate.
  {
    name: "10k, 300 ms/call, concurrency 8",
    size: 10_000,
    latencyMs: 300,
    concurrency: 8,
    target: null,
    bound: (p) => 300 * (1 + Math.ceil((p - 1) / 8)),
  },
  {
    name: "250k, 300 ms/call, concurrency 4",
    size: 250_000,
    latencyMs: 300,
    concurrency: 4,
    target: 1.1,
    bound: (p) => (p / 480) * 60_000,
  },
];

async function startServer(size: number, latencyMs: number) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      fileURLToPath(new URL("./serve.ts", import.meta.url)),
      JSON.stringify({ size, latencyMs }),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, "line")) as [string];
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  return {
    url,
    token,
    calls: async () =>
      (
        (await (
          await fetch(`${url}/__control/calls`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { calls: CallRecord[] }
      ).calls,
    stop: async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

const only = process.argv[2];
const rows: string[] = [];
for (const run of runs.filter((r) => !only || r.name.startsWith(only))) {
  const server = await startServer(run.size, run.latencyMs);
  // A fresh token per run: each run starts with its own full bucket, as a new office would.
  const client = createAdminPulseClient({
    baseUrl: server.url,
    token: server.token,
    concurrency: run.concurrency,
  });
  const t0 = performance.now();
  let relations = 0;
  let pages = 0;
  for await (const page of client.iterateRelations({ pageSize: 400 })) {
    if (!page.ok) throw new Error(`${run.name}: ${page.error.kind} ${page.error.message}`);
    relations += page.value.results.length;
    pages += 1;
  }
  const ms = performance.now() - t0;
  const calls = (await server.calls()).filter((c) => c.path === "/relations");
  if (process.env.BENCH_TRACE)
    console.log(calls.map((c) => Math.round(c.at - (calls[0]?.at ?? 0))).join(" "));
  await server.stop();
  const tooMany = calls.filter((c) => c.status === 429).length;
  const bound = run.bound(pages);
  const ratio = ms / bound;
  const verdict =
    tooMany > 0 ? "FAIL" : run.target === null ? "info" : ratio <= run.target ? "PASS" : "FAIL";
  const row = `| ${run.name} | ${relations} | ${pages} | ${calls.length} | ${tooMany} | ${(ms / 1000).toFixed(2)} s | ${(bound / 1000).toFixed(2)} s | ${ratio.toFixed(3)}× | ${run.target === null ? "—" : `≤ ${run.target}×`} | ${verdict} |`;
  console.log(row);
  rows.push(row);
}
console.log("\n| run | relations | pages | calls | 429s | elapsed | bound | ratio | target | |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
if (rows.some((r) => r.endsWith("FAIL |"))) process.exitCode = 1;
