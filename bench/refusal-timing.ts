/**
 * Do refusals leak? A caller must not learn from *timing* (the tests already prove the bodies are
 * identical) whether another office's resource exists, or whether a key prefix is real.
 * Measured on real processes (stand-in + `wrangler dev`), sequential requests in a shuffled order so
 * drift and warm-up hit every case alike. Reported as medians and p90 per case, and the largest
 * difference between the cases that must look alike. Writes results/refusal-timing.md.
 *   REFUSAL_SAMPLES (default 400 per case).
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { api, createOffice, startStack } from "@pulsebridge/stack";

const samples = Number(process.env.REFUSAL_SAMPLES ?? 400);
const standIn = await createStandIn({ size: 200, seed: "refusal" });
const stack = await startStack({
  standIn: { url: standIn.url, token: standIn.token },
  harness: false,
});

type Case = { name: string; group: string; key: string | null; path: string };
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

try {
  const a = await createOffice(stack.persistDir, { name: "Office A" });
  const b = await createOffice(stack.persistDir, { name: "Office B" });
  for (const key of [a.key, b.key]) {
    const put = await api(stack.worker.url, key, "PUT", "/v1/connection", {
      kind: "token",
      token: standIn.token,
    });
    if (put.status !== 200) throw new Error(`connect: ${put.text}`);
    for (let i = 0; i < 10; i++) {
      const r = await api(stack.worker.url, key, "POST", "/v1/sync", {});
      if (r.json?.status === "completed" || r.json?.status === "idle") break;
    }
  }
  const bClients = await api(stack.worker.url, b.key, "GET", "/v1/clients?limit=50");
  const foreignIds: string[] = bClients.json.data.map((c: { id: string }) => c.id);
  const revoked = await api(stack.worker.url, a.key, "POST", "/v1/keys", {
    name: "to revoke",
    role: "service",
  });
  await api(stack.worker.url, a.key, "DELETE", `/v1/keys/${revoked.json.id}`);
  const [, prefix] = a.key.split("_");
  const wrongSecret = `pb_${prefix}_${"0".repeat(64)}`;
  const unknownPrefix = `pb_zzzzzzzz_${"0".repeat(64)}`;

  let n = 0;
  const cases: Case[] = [
    {
      name: "another office's client",
      group: "404",
      key: a.key,
      path: `/v1/clients/${foreignIds[0]}`,
    },
    { name: "a client that does not exist", group: "404", key: a.key, path: "/v1/clients/missing" },
    { name: "no key", group: "401", key: null, path: "/v1/clients?limit=1" },
    { name: "unknown key prefix", group: "401", key: unknownPrefix, path: "/v1/clients?limit=1" },
    {
      name: "real prefix, wrong secret",
      group: "401",
      key: wrongSecret,
      path: "/v1/clients?limit=1",
    },
    { name: "revoked key", group: "401", key: revoked.json.key, path: "/v1/clients?limit=1" },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const order = cases.flatMap((c) => Array.from({ length: samples }, () => c));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const c of order) {
    // Vary the foreign id so no single row stays hot in a cache the missing id cannot use.
    const p = c.path.includes(foreignIds[0]!)
      ? `/v1/clients/${foreignIds[n++ % foreignIds.length]}`
      : c.path;
    const t0 = performance.now();
    const r = await api(stack.worker.url, c.key, "GET", p);
    times.get(c.name)!.push(performance.now() - t0);
    if (String(r.status) !== c.group)
      throw new Error(`${c.name}: expected ${c.group}, got ${r.status}`);
  }

  const rows = cases.map((c) => {
    const xs = times.get(c.name)!;
    return { ...c, p50: quantile(xs, 0.5), p90: quantile(xs, 0.9) };
  });
  const spread = (group: string) => {
    const g = rows.filter((r) => r.group === group).map((r) => r.p50);
    return Math.max(...g) - Math.min(...g);
  };
  // "No key" needs no lookup and reveals nothing the caller does not know; the keys that *were*
  // sent must not tell a real prefix or a revoked key from an invented one.
  const keyCases = rows.filter((r) => r.group === "401" && r.key !== null).map((r) => r.p50);
  const keySpread = Math.max(...keyCases) - Math.min(...keyCases);
  const lines = [
    "# Refusal timing (`pnpm --filter @pulsebridge/bench bench:refusals`)",
    "",
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    `${samples} sequential requests per case, shuffled, against \`wrangler dev --local\` on 127.0.0.1.`,
    "",
    "| case | status | p50 | p90 |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) => `| ${r.name} | ${r.group} | ${r.p50.toFixed(2)} ms | ${r.p90.toFixed(2)} ms |`,
    ),
    "",
    `Largest difference of medians within the 404 cases: ${spread("404").toFixed(2)} ms; among the keys sent (unknown prefix, real prefix with a wrong secret, revoked): ${keySpread.toFixed(2)} ms. Sending no key at all is answered before any lookup.`,
    "",
  ];
  writeFileSync(path.join(import.meta.dirname, "results/refusal-timing.md"), lines.join("\n"));
  console.log(lines.join("\n"));
} finally {
  await stack.stop();
  await standIn.close();
}
