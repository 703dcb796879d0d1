// Webhook delivery under a large sync (issue 16's numbers), in `pnpm bench`, never in `pnpm test`.
// The worker under `wrangler dev` (local D1, the WEBHOOKS queue run locally), the stand-in with
// BENCH_SIZE relations (default 10,000), and a receiver on 127.0.0.1 that verifies every delivery
// with the `standardwebhooks` package. One full sync; then:
//   - events per batch: clients.changed events received vs relation pages written (one per batch);
//   - lag: receipt time minus the end of the sync step that committed the event's batch (the
//     issue's "within 5 s of the sync step's commit"), and minus the batch's own commit time;
//   - completeness: the events' cursor ranges cover every change of the sync, none accepted twice.
// Then the receiver goes down (503) for a second sync of changes and comes back: everything
// arrives through the queued retries (5 s, 30 s, … ADR 0022), nothing twice. A receiver down for
// hours is the same path with later retries (tested with a clock in src/webhooks/delivery.test.ts).
// Run: `pnpm --filter @pulsebridge/worker bench:webhooks`.
import { createServer } from "node:http";
import { createStandIn } from "@pulsebridge/adminpulse-stand-in";
import { api, createOffice, devProxyDropped, startStack, syncUntilDone } from "@pulsebridge/stack";
import { Webhook } from "standardwebhooks";

const size = Number(process.env.BENCH_SIZE ?? 10_000);
const received = [];
let up = true;
let secret = "";
let refused = 0;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (!up) {
      refused++;
      res.writeHead(503).end();
      return;
    }
    const event = new Webhook(secret).verify(Buffer.concat(chunks).toString("utf8"), req.headers);
    received.push({ at: Date.now(), id: req.headers["webhook-id"], ...event });
    res.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

const standIn = await createStandIn({ size, seed: 11, hostname: "127.0.0.1", port: 0 });
const stack = await startStack({
  standIn: { url: standIn.url, token: standIn.token },
  harness: false,
  vars: { WEBHOOK_ALLOW_LOOPBACK_HTTP: "1" },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const position = (c) => Number(String(c).split("~")[0].split(".").pop());
const covered = () =>
  Math.max(
    0,
    ...received
      .filter((e) => e.type === "clients.changed" || e.type === "clients.deleted")
      .map((e) => position(e.data.untilCursor)),
  );
async function waitFor(what, ok, ms = 120_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
try {
  const url = stack.worker.url;
  const { key } = await createOffice(stack.persistDir, { name: "Webhook bench" });
  const put = await api(url, key, "PUT", "/v1/connection", { kind: "token", token: standIn.token });
  if (put.status !== 200) throw new Error(`connect: ${put.status} ${put.text}`);
  const hook = await api(url, key, "POST", "/v1/webhooks", {
    url: hookUrl,
    events: ["clients.changed", "clients.deleted"],
  });
  if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${hook.text}`);
  secret = hook.json.secret;

  // The sync's steps one by one (as syncUntilDone does), keeping when each step's answer came:
  // a step's batches are announced when the step ends (the delivery is kicked after each step).
  const t0 = Date.now();
  const stepEnds = [];
  let sync;
  for (let i = 0; i < 200 && !sync; i++) {
    const res = await api(url, key, "POST", "/v1/sync", {});
    stepEnds.push(Date.now());
    if (res.status === 200 && res.json?.outcome === "completed") sync = res.json;
    else if (res.status !== 202 && !devProxyDropped(res))
      throw new Error(`sync step: ${res.status} ${res.text}`);
  }
  const syncMs = Date.now() - t0;
  await waitFor("every change of the first sync", () => covered() >= size);
  const first = received.filter((e) => e.type === "clients.changed");
  const lags = first.map((e) => e.at - Date.parse(e.timestamp)).sort((a, b) => a - b);
  // After the end of the step that committed the batch (the measure).
  const afterStep = first
    .map((e) => {
      const end = stepEnds.find((t) => t >= Date.parse(e.timestamp)) ?? stepEnds.at(-1);
      return Math.max(0, e.at - end);
    })
    .sort((a, b) => a - b);
  const run = sync.run ?? {};

  // Down, changes, back up.
  up = false;
  const before = covered();
  standIn.controls.mutate({ add: 20, edit: 50, delete: 5 });
  await syncUntilDone(url, key);
  await sleep(2_000);
  const downAt = Date.now();
  up = true;
  await waitFor(
    "the retried events",
    () => covered() > before && received.some((e) => e.type === "clients.deleted"),
    300_000,
  );
  const recoveryMs = Date.now() - downAt;
  const ids = received.map((e) => e.id);
  const rows = {
    relations: size,
    syncMs,
    relationPages: run.pages,
    clientsChangedEvents: first.length,
    lagP50Ms: lags[Math.floor(lags.length / 2)],
    lagMaxMs: lags.at(-1),
    steps: stepEnds.length,
    afterStepP50Ms: afterStep[Math.floor(afterStep.length / 2)],
    afterStepMaxMs: afterStep.at(-1),
    receiverDown503s: refused,
    recoveredAfterMs: recoveryMs,
    duplicates: ids.length - new Set(ids).size,
  };
  console.log(
    "| relations | sync (steps) | relation pages | clients.changed events | step end → received, p50 / max | batch commit → received, p50 / max | 503s while down | back after up | accepted twice |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${size.toLocaleString("en")} | ${(syncMs / 1000).toFixed(1)} s (${rows.steps}) | ${rows.relationPages} | ${rows.clientsChangedEvents} | ${rows.afterStepP50Ms} / ${rows.afterStepMaxMs} ms | ${rows.lagP50Ms} / ${rows.lagMaxMs} ms | ${refused} | ${(recoveryMs / 1000).toFixed(1)} s | ${rows.duplicates} |`,
  );
  console.log(JSON.stringify(rows));
  if (rows.afterStepMaxMs > 5_000 || rows.duplicates > 0) {
    console.error("FAIL: a webhook came more than 5 s after its sync step ended, or twice");
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  await standIn.close();
  receiver.close();
}
