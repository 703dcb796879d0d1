/**
 * The round trip at size, with the add-in's own code (features/review, features/push) against the
 * worker under `wrangler dev` (local D1) and the AdminPulse stand-in, real processes on 127.0.0.1
 * random ports: review and push of 10,000 and 50,000 rows against a 10,000-client office
 * (requests, bytes both ways, wall time), and the cost of client history (bytes per version,
 * versions written per sync). Run: `pnpm --filter @pulsebridge/excel-addin bench:round-trip`.
 * The pane's rendering is not in these times (see bench/pane.ts for that).
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { type ImportRow, toImportRow } from "@pulsebridge/core";
import { wranglerEnv } from "@pulsebridge/wrangler-local";
import {
  createOffice,
  api as rawApi,
  repoRoot,
  startStack,
  syncUntilDone,
} from "../../../scripts/stack/stack.mjs";
import { createApi } from "../src/api/client.js";
import { createPushStore, pushImport } from "../src/features/push/push.js";
import { fetchReview, initialChoices } from "../src/features/review/review.js";

const officeSize = Number(process.env.BENCH_OFFICE ?? 10_000);
const stack = await startStack({ standIn: { size: officeSize, seed: "7" } });
const url = stack.worker.url;
const standIn = stack.standIn as { url: string; token: string };

/** Counts requests and bytes (request and response bodies) of everything the add-in sends. */
const meter = { requests: 0, sent: 0, received: 0 };
const meteredFetch: typeof fetch = async (input, init) => {
  const req = new Request(input, init);
  const body = req.body ? await req.clone().arrayBuffer() : new ArrayBuffer(0);
  meter.requests++;
  meter.sent += body.byteLength;
  const res = await fetch(req);
  const buf = await res.arrayBuffer();
  meter.received += buf.byteLength;
  return new Response(buf, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
};
const measure = async <T>(label: string, work: () => Promise<T>) => {
  Object.assign(meter, { requests: 0, sent: 0, received: 0 });
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  const row = { label, ms: Math.round(ms), ...meter };
  console.error(JSON.stringify(row));
  return { value, row };
};

const sqlOne = (query: string) => {
  const r = spawnSync(
    "pnpm",
    [
      "exec",
      "wrangler",
      "d1",
      "execute",
      "pulsebridge",
      "--local",
      "--persist-to",
      stack.persistDir,
      "--json",
      "--command",
      query,
    ],
    { cwd: `${repoRoot}/apps/worker`, env: wranglerEnv(), encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  const row = JSON.parse(r.stdout)[0].results[0] as { n: number; bytes: number };
  return row;
};

const results: Record<string, unknown>[] = [];
const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
try {
  const { key } = await createOffice(stack.persistDir, { name: "Bench" });
  await rawApi(url, key, "PUT", "/v1/connection", { kind: "token", token: standIn.token });
  let t0 = performance.now();
  await syncUntilDone(url, key);
  const firstSyncMs = performance.now() - t0;
  const api = createApi({ baseUrl: url, apiKey: key, fetch: meteredFetch });

  // The sheet as a pull writes it: every client with its ids and version; one in ten edited.
  const clients = await api.listAllClients({});
  const pulled: ImportRow[] = clients.map((c, i) => ({
    ...toImportRow(c, String(i + 2)),
    id: c.id,
    version: String(c.changeSeq),
    ...(i % 10 === 0 ? { email: `nieuw${i}@example.be` } : {}),
  }));
  const extra = (n: number): ImportRow[] =>
    Array.from({ length: n }, (_, i) => ({
      ref: `x${i}`,
      kind: "company",
      name: `Nieuwe klant ${i} BV`,
      enterpriseNumber: `0${String(5_000_000 + i).padStart(7, "0")}${String(97 - ((5_000_000 + i) % 97)).padStart(2, "0")}`,
    }));

  for (const size of [10_000, 50_000]) {
    const rows = [...pulled.slice(0, size), ...extra(Math.max(0, size - pulled.length))];
    const review = await measure(`review ${size}`, () =>
      fetchReview(api, rows, undefined, { mode: "all" }),
    );
    const r = review.value;
    results.push({
      ...review.row,
      buckets: `${r.matching.length} matching (${r.matching.filter((m) => m.differences.length).length} changed), ${r.onlyInImport.length} new, ${r.onlyInTarget.length} only in PulseBridge, ${r.invalid.length} invalid`,
    });
    const choices = initialChoices(r);
    const idOf = new Map(r.matching.map((m) => [m.ref, m.id]));
    const push = await measure(`push ${size}`, () =>
      pushImport({
        api,
        rows,
        choices,
        createdBy: "bench",
        store: createPushStore(memory()),
        idOfRef: (ref) => idOf.get(ref),
      }),
    );
    const out = push.value;
    if (!out.ok) throw new Error(`push ${size}: ${out.error.code} ${out.error.detail}`);
    results.push({ ...push.row, counts: JSON.stringify(out.response.counts) });
  }

  // History: bytes per stored version, and versions written by a sync that sees 1% edited.
  const before = sqlOne("select count(*) as n, sum(length(content)) as bytes from client_history");
  const control = await fetch(`${standIn.url}/__control`, {
    method: "POST",
    headers: { authorization: `Bearer ${standIn.token}`, "content-type": "application/json" },
    body: JSON.stringify({ mutate: { edit: Math.round(officeSize / 100) } }),
  });
  if (!control.ok) throw new Error(`stand-in control: ${control.status}`);
  t0 = performance.now();
  await syncUntilDone(url, key);
  const secondSyncMs = performance.now() - t0;
  const after = sqlOne("select count(*) as n, sum(length(content)) as bytes from client_history");
  results.push({
    label: "history",
    firstSyncMs: Math.round(firstSyncMs),
    versionsAfterFirstSync: before.n,
    bytesPerVersion: Math.round(before.bytes / before.n),
    editedUpstream: Math.round(officeSize / 100),
    versionsWrittenBySecondSync: after.n - before.n,
    secondSyncMs: Math.round(secondSyncMs),
  });
} finally {
  await stack.stop();
}
console.log(
  JSON.stringify(
    { machine: `${cpus().length} cores, load ${(loadavg()[0] ?? 0).toFixed(1)}`, results },
    null,
    1,
  ),
);
