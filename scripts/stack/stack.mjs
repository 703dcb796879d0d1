// The whole product on 127.0.0.1, as real processes: the AdminPulse stand-in, the worker under
// `wrangler dev --local` (local D1 in a persist dir), a demo office connected to the stand-in and
// synced once, and the add-in's harness served by vite. `pnpm start` uses fixed ports; tests and
// benchmarks pass 0 for free random ports. `stop()` ends every process group it started.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateApiKey as newApiKey } from "@pulsebridge/core/api-key";
import {
  devArgs,
  devVarsArgs,
  untilWranglerSettled,
  wranglerEnv,
} from "@pulsebridge/wrangler-local";
import { freePort, run, startProcess, waitForHttp } from "./processes.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const workerDir = path.join(repoRoot, "apps/worker");
const addinDir = path.join(repoRoot, "apps/excel-addin");
const standInDir = path.join(repoRoot, "packages/adminpulse-stand-in");
const wranglerBin = path.join(workerDir, "node_modules/.bin/wrangler");
const viteBin = path.join(addinDir, "node_modules/.bin/vite");

/** A fresh API key in the worker's format (core's generator), for `create-office --key`. */
export function generateApiKey() {
  return newApiKey().key;
}

/** Applies the worker's D1 migrations to the local database in `persistDir`. */
export async function applyMigrations(persistDir) {
  const apply = () =>
    run(
      wranglerBin,
      ["d1", "migrations", "apply", "pulsebridge", "--local", "--persist-to", persistDir],
      { cwd: workerDir, env: wranglerEnv({ CI: "true" }), timeoutMs: 90_000 },
    );
  let res = await apply();
  // Applying is idempotent (only pending migrations run): a hung CLI is killed and asked once more.
  if (res.code === 124) {
    console.error(
      `d1 migrations apply hung; once more.\n${res.stdout.slice(-2000)}\n${res.stderr.slice(-2000)}`,
    );
    res = await apply();
  }
  if (res.code !== 0) throw new Error(`d1 migrations apply failed:\n${res.stdout}\n${res.stderr}`);
}

/**
 * Runs SQL on the local D1 in `persistDir` (tests that reach under the API: a row copied to
 * another office, as an attacker with database access would). Returns wrangler's JSON rows.
 */
export async function d1Execute(persistDir, sql) {
  const args = ["d1", "execute", "pulsebridge", "--local", "--persist-to", persistDir, "--json"];
  // Beside a running `wrangler dev` whose sync is writing, SQLite can refuse the read snapshot
  // (SQLITE_BUSY_SNAPSHOT, seen at 100,000 relations): nothing was done, so ask again.
  for (let attempt = 1; ; attempt++) {
    const res = await run(wranglerBin, [...args, "--command", sql], {
      cwd: workerDir,
      env: wranglerEnv({ CI: "true" }),
    });
    if (res.code === 0) return JSON.parse(res.stdout)[0]?.results ?? [];
    const busy = /SQLITE_BUSY/.test(`${res.stdout}${res.stderr}`);
    if (!busy || attempt >= 8) throw new Error(`d1 execute failed:\n${res.stdout}\n${res.stderr}`);
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/**
 * Creates an office and its first admin key in the local D1 (the worker's own CLI). Safe while
 * `wrangler dev` runs on the same persist dir: both go through SQLite's file locking.
 */
export async function createOffice(persistDir, { name, officeId, key } = {}) {
  const args = [
    // The worker's own TypeScript makes the office (services/office.ts), through tsx.
    "--import",
    "tsx",
    path.join(workerDir, "scripts/create-office.mjs"),
    "--name",
    name ?? "Office",
    "--json",
    "--persist-to",
    persistDir,
    "--key",
    key ?? generateApiKey(),
  ];
  if (officeId) args.push("--office-id", officeId);
  let res = await run(process.execPath, args, { cwd: workerDir, env: wranglerEnv() });
  // `wrangler dev` may hold the database's lock past SQLite's busy wait (seen in full e2e runs).
  // The office and its key are one batch, so a refused attempt wrote nothing: try again.
  for (
    let i = 0;
    i < 3 && res.code !== 0 && /SQLITE_BUSY|database is locked/.test(res.stderr);
    i++
  ) {
    await new Promise((r) => setTimeout(r, 500 * (i + 1)));
    res = await run(process.execPath, args, { cwd: workerDir, env: wranglerEnv() });
  }
  if (res.code !== 0) throw new Error(`create-office failed:\n${res.stderr}`);
  const out = JSON.parse(res.stdout.trim().split("\n").at(-1));
  return { officeId: out.officeId, key: out.key };
}

/** JSON request to the worker with an API key. */
export async function api(baseUrl, key, method, pathname, body, headers = {}) {
  const res = await fetch(new URL(pathname, baseUrl), {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `POST /v1/sync` steps until the office's full sync completes. A step that meets a held
 * lease (409 sync_busy, e.g. after a killed worker) waits and tries again.
 */
/**
 * wrangler dev's proxy answers this 503 when it lost its connection to the Worker mid-request
 * (seen under heavy load); it never comes from the Worker. A sync step is safe to send again: it
 * resumes from the last committed checkpoint.
 */
export const devProxyDropped = (res) =>
  res.status === 503 && res.text.startsWith("Your worker restarted mid-request");

const maxProxyDrops = 5;

export async function syncUntilDone(baseUrl, key, { maxSteps = 200, busyWaitMs = 1000 } = {}) {
  const outcomes = [];
  let dropped = 0;
  for (let i = 0; i < maxSteps; i++) {
    const res = await api(baseUrl, key, "POST", "/v1/sync", {});
    const outcome = res.json?.outcome ?? res.json?.code ?? `HTTP ${res.status}`;
    outcomes.push(outcome);
    if (res.status === 200 && outcome === "completed")
      return { steps: i + 1, outcomes, run: res.json.run };
    const drop = devProxyDropped(res);
    // A few drops in a row are the proxy's hiccup; more mean the dev server is gone: fail now
    // rather than spend the caller's whole timeout resending.
    dropped = drop ? dropped + 1 : 0;
    if (dropped > maxProxyDrops)
      throw new Error(`sync step: wrangler dev dropped ${dropped} steps in a row`);
    if (res.status === 202 || outcome === "error") continue;
    if ((res.status === 409 && outcome === "sync_busy") || drop) {
      await sleep(busyWaitMs);
      continue;
    }
    throw new Error(`sync step failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  }
  throw new Error(`sync did not complete in ${maxSteps} steps: ${outcomes.slice(-10).join(", ")}`);
}

async function pickPort(wanted) {
  return wanted && wanted > 0 ? wanted : freePort();
}

/**
 * Starts the stack. Options (all optional):
 * - `ports`: `{ standIn, worker, harness }`; 0/absent = a free random port.
 * - `persistDir`: local D1 state; a temporary dir (removed on stop) when absent.
 * - `standIn`: `false` (none), `{ url, token }` (one already running, e.g. in-process in a test),
 *   or `{ size, seed, token }` to spawn the stand-in (`packages/adminpulse-stand-in`).
 * - `demo`: `{ name, officeId, key }` creates that office, connects it to the stand-in and syncs it.
 * - `harness`: serve the add-in's harness with vite (default true).
 * - `vars`: extra worker vars (`SYNC_PAGE_SIZE`, …). `echo`: copy child output to stdout.
 */
export async function startStack(options = {}) {
  const ownsPersist = !options.persistDir;
  const persistDir = options.persistDir ?? mkdtempSync(path.join(tmpdir(), "pb-stack-"));
  mkdirSync(persistDir, { recursive: true });
  const logDir = options.logDir ?? path.join(persistDir, "logs");
  const echo = options.echo ?? false;
  const procs = [];
  const stack = {
    persistDir,
    logDir,
    standIn: null,
    worker: null,
    harness: null,
    demo: null,
    async stop() {
      await Promise.all(procs.map((p) => p.stop()));
      if (worker?.proc) await worker.proc.stop();
      if (ownsPersist && !options.keepState) rmSync(persistDir, { recursive: true, force: true });
    },
  };
  let worker = null;
  try {
    const [standInPort, workerPort, harnessPort, inspectorPort] = await Promise.all([
      pickPort(options.ports?.standIn),
      pickPort(options.ports?.worker),
      pickPort(options.ports?.harness),
      freePort(),
    ]);

    // 1. The stand-in AdminPulse (unless given one) and the migrations, side by side.
    const standInOpt = options.standIn ?? {};
    const standInReady = (async () => {
      if (standInOpt === false) return null;
      if (standInOpt.url) return { url: standInOpt.url, token: standInOpt.token };
      const token =
        standInOpt.token ||
        process.env.ADMINPULSE_STANDIN_TOKEN ||
        randomBytes(24).toString("base64url");
      const proc = startProcess(
        "stand-in",
        process.execPath,
        [
          "--import",
          "tsx",
          "src/main.ts",
          "--port",
          String(standInPort),
          "--size",
          String(standInOpt.size ?? 2000),
          "--seed",
          String(standInOpt.seed ?? "pulsebridge"),
        ],
        // The token goes through the environment: main.ts then never prints it.
        { cwd: standInDir, env: wranglerEnv({ ADMINPULSE_STANDIN_TOKEN: token }), logDir, echo },
      );
      procs.push(proc);
      const url = `http://127.0.0.1:${standInPort}`;
      // Any authenticated path answers 200 once the office is generated.
      await waitForHttp(`${url}/__control/calls`, { proc, okStatus: 401 });
      return { url, token, proc };
    })();
    await applyMigrations(persistDir);
    if (options.demo) {
      stack.demo = await createOffice(persistDir, {
        name: options.demo.name ?? "Demo",
        officeId: options.demo.officeId,
        key: options.demo.key ?? generateApiKey(),
      });
    }
    stack.standIn = await standInReady;

    // 2. The worker. The encryption key of stored connections lives next to the database, so a
    //    restart on the same persist dir can still read them; wrangler reads it from an owner-only
    //    .dev.vars there, never from the command line (which `ps` shows to every local user).
    const keyFile = path.join(persistDir, "connection-encryption-key");
    if (!existsSync(keyFile))
      writeFileSync(keyFile, randomBytes(32).toString("base64"), { mode: 0o600 });
    const secretArgs = devVarsArgs(persistDir, {
      CONNECTION_ENCRYPTION_KEY: readFileSync(keyFile, "utf8").trim(),
    });
    const vars = {
      ADMINPULSE_BASE_URL: stack.standIn?.url ?? "http://127.0.0.1:9",
      CORS_ORIGINS: [
        ...new Set([
          "https://localhost:3000",
          "http://127.0.0.1:3000",
          `http://127.0.0.1:${harnessPort}`,
          `http://localhost:${harnessPort}`,
        ]),
      ].join(","),
      ...options.vars,
    };
    const workerArgs = [
      ...devArgs({
        port: workerPort,
        inspectorPort,
        testScheduled: true,
        persistTo: persistDir,
        vars,
      }),
      ...secretArgs,
    ];
    const workerUrl = `http://127.0.0.1:${workerPort}`;
    worker = {
      url: workerUrl,
      port: workerPort,
      proc: null,
      /** Starts `wrangler dev` (again) on the same port and persist dir; resolves when ready. */
      async start() {
        const proc = startProcess("worker", wranglerBin, workerArgs, {
          cwd: workerDir,
          env: wranglerEnv(),
          logDir,
          echo,
        });
        worker.proc = proc;
        let output = "";
        const stopListening = proc.onOutput((text) => {
          output += text;
        });
        try {
          await waitForHttp(`${workerUrl}/health`, { proc, timeoutMs: 90_000 });
          // Not ready until the reload after wrangler's second build is over (wranglerSettled).
          await untilWranglerSettled(() => output, { exited: () => !proc.running });
          await waitForHttp(`${workerUrl}/health`, { proc, timeoutMs: 90_000 });
        } finally {
          stopListening();
        }
      },
      /** Kills the worker's whole process group (SIGKILL by default: a crash, not a shutdown). */
      async kill(signal = "SIGKILL") {
        if (worker.proc) await worker.proc.stop({ signal, graceMs: 2000 });
      },
      async restart() {
        await worker.kill();
        await worker.start();
      },
    };
    stack.worker = worker;
    const harnessReady = (async () => {
      if (options.harness === false) return null;
      const proc = startProcess(
        "harness",
        viteBin,
        [
          "--host",
          "127.0.0.1",
          "--port",
          String(harnessPort),
          "--strictPort",
          "--clearScreen",
          "false",
        ],
        { cwd: addinDir, env: wranglerEnv(), logDir, echo },
      );
      procs.push(proc);
      const url = `http://127.0.0.1:${harnessPort}`;
      await waitForHttp(`${url}/harness.html`, { proc, timeoutMs: 60_000 });
      return { url, proc };
    })();
    // Both start at once; a failure in either must not leave the other's process behind.
    const [w, h] = await Promise.allSettled([worker.start(), harnessReady]);
    if (w.status === "rejected") throw w.reason;
    if (h.status === "rejected") throw h.reason;
    stack.harness = h.value;

    // 3. The demo office: connected to the stand-in and synced once.
    if (stack.demo && stack.standIn && options.demo.connect !== false) {
      const put = await api(workerUrl, stack.demo.key, "PUT", "/v1/connection", {
        kind: "token",
        token: stack.standIn.token,
      });
      if (put.status !== 200) throw new Error(`PUT /v1/connection: HTTP ${put.status} ${put.text}`);
      if (options.demo.sync !== false)
        stack.demo.sync = await syncUntilDone(workerUrl, stack.demo.key);
    }
    return stack;
  } catch (err) {
    await stack.stop().catch(() => {});
    throw err;
  }
}

export { apiKeyFormat, apiKeyPattern as keyPattern } from "@pulsebridge/core/api-key";
export { freePort, portInUse } from "./processes.mjs";
