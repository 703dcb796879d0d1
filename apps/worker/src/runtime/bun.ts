import { Database } from "bun:sqlite";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Cron } from "croner";
import { z } from "zod";
import { createApp } from "../app.js";
import { ConfigError, parseConfig } from "../config.js";
import { createBunSqliteDb } from "../db/bun-client.js";
import { errorForLog } from "../lib/log-safe.js";
import { scalarScriptPath } from "../routes/docs.js";
import { runScheduled } from "../sync/scheduled.js";
import { deliveryDeps } from "../webhooks/drain.js";
import { createScheduler, defaultCrons } from "./bun-scheduler.js";
import { createWebhookPump, resolveHost } from "./bun-webhooks.js";
import { runtimeFromConfig } from "./from-config.js";
import type { Runtime } from "./runtime.js";

/**
 * The Bun seam (issue 7): the same app, services and sync job as the Worker, over a SQLite file.
 * Runtime-specific here: the database (bun:sqlite + the migrations wrangler applies), the scheduler
 * (the Cron Triggers as timers), secrets (process env, parsed by the Worker's own config schema),
 * serving (Bun.serve) and stopping. WebCrypto is global on both runtimes.
 */

const cronList = z
  .string()
  .transform((s) =>
    s
      .split(";")
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .refine(
    (crons) =>
      crons.every((c) => {
        try {
          new Cron(c, { mode: "5-part", paused: true }).stop();
          return true;
        } catch {
          return false;
        }
      }),
    "5-field cron expressions separated by ';'",
  );

const flag = z
  .enum(["0", "1", "false", "true"])
  .default("0")
  .transform((v) => v === "1" || v === "true");

/** Settings only the Bun entry has; the Worker's vars and secrets come from `configSchema`. */
export const bunSettingsSchema = z
  .object({
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
    DATABASE_PATH: z.string().min(1).default("pulsebridge.sqlite"),
    SYNC_CRONS: cronList.default(defaultCrons),
    /**
     * `GET /__scheduled?cron=…` runs the scheduled job now, like `wrangler dev --test-scheduled`.
     * For tests on a loopback address only (see `scheduledRouteAllowed`).
     */
    SCHEDULED_TEST_ROUTE: flag,
    /** How often the webhook outbox is checked for retries that fell due (kicks deliver at once). */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** How long a stop waits for in-flight requests and a running sync step. */
    STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  })
  .superRefine((s, ctx) => {
    if (s.SCHEDULED_TEST_ROUTE && !isLoopback(s.HOST))
      ctx.addIssue({
        code: "custom",
        path: ["SCHEDULED_TEST_ROUTE"],
        message: "the test route is only served on a loopback HOST",
      });
  });

/**
 * `/__scheduled` takes no key (issue 11): it runs the cron for EVERY office, which no office's key
 * may authorise, so it is never reachable from another machine. On Cloudflare it exists only under
 * `wrangler dev --test-scheduled` (a deployed Worker answers 404); on Bun only with
 * SCHEDULED_TEST_ROUTE=1 on a loopback HOST — any other HOST refuses to start.
 */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
export type BunSettings = z.infer<typeof bunSettingsSchema>;

type RawEnv = Record<string, string | undefined>;

export function parseBunSettings(env: RawEnv): BunSettings {
  const parsed = bunSettingsSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.path.join(".")));
  return parsed.data;
}

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

/** The SQLite file with D1's behaviour where it matters: foreign keys on; WAL for a CLI beside the server. */
export function openDatabase(file: string): Database {
  const client = new Database(file, { create: true });
  client.exec("pragma journal_mode = wal");
  client.exec("pragma busy_timeout = 5000");
  client.exec("pragma foreign_keys = on");
  client.exec("pragma synchronous = normal");
  return client;
}

/**
 * Apply the same `migrations/*.sql` that `wrangler d1 migrations apply` applies, in name order, each
 * in one transaction, recorded by file name in wrangler's own table (`d1_migrations`), so a file is
 * applied once whichever tool ran it. Hand-written because drizzle's migrator keeps its own journal
 * table and reads drizzle-kit's meta folder, which hand-written migrations may not have.
 */
export function applyMigrations(client: Database, dir = migrationsDir): string[] {
  client.exec(`create table if not exists d1_migrations (
    id integer primary key autoincrement,
    name text unique,
    applied_at timestamp default current_timestamp not null)`);
  const done = new Set(
    client
      .query<{ name: string }>("select name from d1_migrations")
      .all()
      .map((r) => r.name),
  );
  const applied: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    if (done.has(name)) continue;
    const sql = readFileSync(path.join(dir, name), "utf8");
    client
      .transaction(() => {
        client.exec(sql);
        client.query("insert into d1_migrations (name) values (?)").run(name);
      })
      .immediate();
    applied.push(name);
  }
  return applied;
}

export type Log = (entry: Record<string, unknown>) => void;
const jsonLog: Log = (entry) => console.log(JSON.stringify(entry));

export interface BunRuntime {
  url: string;
  services: Runtime;
  /** Stop accepting requests, let in-flight ones and a running sync step finish, close the DB. */
  stop(): Promise<{ drained: boolean }>;
}

/** Everything `bun run src/bun.ts` starts. Throws `ConfigError` (field names only) on bad settings. */
export function startBunRuntime(env: RawEnv, log: Log = jsonLog): BunRuntime {
  const settings = parseBunSettings(env);
  const config = parseConfig(env);
  const client = openDatabase(settings.DATABASE_PATH);
  const migrations = applyMigrations(client);
  const services: Runtime = {
    ...runtimeFromConfig(config),
    db: createBunSqliteDb(client),
    streamBodies: true,
    collectGarbage: () => Bun.gc(true),
  };
  const webhooks = createWebhookPump(deliveryDeps(services, { resolveHost }), {
    pollMs: settings.WEBHOOK_POLL_MS,
    onError: (error) => log({ event: "webhooks", error: (error as Error)?.name ?? "unknown" }),
  });
  services.notifyWebhooks = async () => webhooks.kick();
  const app = createApp(() => services);

  const scheduler = createScheduler({
    crons: settings.SYNC_CRONS,
    run: async (cron) => {
      // The job the Worker's `scheduled()` runs, with the same log line.
      const report = await runScheduled(services, cron);
      webhooks.kick();
      log({ cron, offices: report.offices.length });
    },
    onError: (error, cron) => log({ cron, ...errorForLog(error) }),
  });

  const server = Bun.serve({
    hostname: settings.HOST,
    port: settings.PORT,
    // A sync step answers after its pages are written; Bun's 10 s idle default could cut it off.
    idleTimeout: 120,
    // Not `async`: the app's own promise is returned as it is, not wrapped in another (issue 17).
    fetch(request) {
      // Every request passes here: look at the path without parsing the URL (issue 17: on Bun the
      // floor answers in well under a millisecond, so per-request work shows).
      const path = pathOf(request.url);
      if (settings.SCHEDULED_TEST_ROUTE && path === "/__scheduled") {
        const url = new URL(request.url);
        return scheduler
          .trigger(url.searchParams.get("cron") ?? "* * * * *")
          .then(() => new Response("Ran scheduled event"));
      }
      // On Cloudflare a static asset; here the same file, read from node_modules.
      if (path === scalarScriptPath) return scalarScript();
      return app.fetch(request);
    },
  });
  const url = `http://${settings.HOST}:${server.port}`;
  log({
    event: "listening",
    url,
    database: settings.DATABASE_PATH,
    migrations,
    crons: scheduler.next(),
  });

  let stopping: Promise<{ drained: boolean }> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log({ event: "stopping" });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drained = await Promise.race([
        // Stops listening at once; resolves when in-flight requests (a manual sync step) and the
        // running scheduled job have ended. Each sync step releases its lease in a `finally` and has
        // committed its checkpoint per page, so nothing is left half-done or locked.
        Promise.all([server.stop(), scheduler.stop(), webhooks.stop()]).then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), settings.STOP_TIMEOUT_SECONDS * 1000);
        }),
      ]);
      clearTimeout(timer);
      // A step cut off by the timeout keeps its last checkpoint; its lease expires on its own.
      client.close(false);
      log({ event: "stopped", drained });
      return { drained };
    })());

  return { url, services, stop };
}

/** The path of an absolute request URL (`http://host:port/path?query`), query excluded. */
export function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

export { ConfigError };

/** Scalar's standalone script for /docs (see scripts/docs-assets.mjs for Cloudflare). */
function scalarScript(): Response {
  const file = new URL("browser/standalone.js", import.meta.resolve("@scalar/api-reference"));
  return new Response(Bun.file(file), {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    },
  });
}
