import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  devArgs,
  devVarsArgs,
  offlineEnv,
  untilWranglerSettled,
} from "@pulsebridge/wrangler-local";

/**
 * Starting the worker on each runtime for the HTTP contract suite and the runtime benchmark:
 * `wrangler dev --local` (workerd + local D1) and `bun run src/bun.ts` (Bun + SQLite), each with
 * its own temporary database, on a free 127.0.0.1 port, pointed at the AdminPulse stand-in.
 */
export const workerDir = path.resolve(import.meta.dirname, "../..");

export type RuntimeName = "wrangler" | "bun";

export interface OfficeSeed {
  officeId: string;
  /** The office's first admin key, made by the runtime's create-office command. */
  key: string;
}

export interface RunningRuntime {
  name: RuntimeName;
  base: string;
  offices: Record<string, OfficeSeed>;
  /** Where its data lives: wrangler's `--persist-to` directory, Bun's SQLite file (for the floor benchmark). */
  data: string;
  /** Output so far (for failure messages). */
  output: () => string;
  /** The process group it runs in (detached): benchmarks read its CPU time from /proc. */
  pgid: number;
  stop: () => Promise<void>;
  /** wrangler only: a new server process on the same data (base and pgid change). */
  restart?: () => Promise<void>;
}

export interface StartOptions {
  adminPulseUrl: string;
  /** Office names to create before the server starts. */
  offices: string[];
  /** Extra vars/secrets, same names on both runtimes (`--var` for wrangler, env for Bun). */
  vars?: Record<string, string>;
  /** The DevTools inspector's port on wrangler (the heap benchmark connects to it); default a free one. */
  inspectorPort?: number;
  /** Extra `wrangler dev` arguments. */
  wranglerArgs?: string[];
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });

export const testEncryptionKey = () => randomBytes(32).toString("base64");

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd: workerDir,
    env: { ...process.env, ...offlineEnv, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer /health within 30 s:\n${output()}`);
}

function capture(child: ChildProcess) {
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return () => out;
}

/** Signal the process group (wrangler's workerd, bun), wait for it to exit. */
function stopper(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  return async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  };
}

/** stopper, then the server's data directory removed. */
function stopperRemoving(child: ChildProcess, dir: string, signal: NodeJS.Signals = "SIGTERM") {
  const kill = stopper(child, signal);
  return async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function startWrangler(opts: StartOptions): Promise<RunningRuntime> {
  const dir = mkdtempSync(path.join(tmpdir(), "pb-contract-wrangler-"));
  const wrangler = path.join(workerDir, "node_modules/.bin/wrangler");
  run(wrangler, ["d1", "migrations", "apply", "pulsebridge", "--local", "--persist-to", dir]);
  const offices: Record<string, OfficeSeed> = {};
  for (const name of opts.offices) {
    offices[name] = JSON.parse(
      run("node", [
        "--import",
        "tsx",
        "scripts/create-office.mjs",
        "--name",
        name,
        "--json",
        "--persist-to",
        dir,
      ]),
    ) as OfficeSeed;
  }
  // The key goes through an owner-only .dev.vars, as on the local stack, not the command line.
  const { CONNECTION_ENCRYPTION_KEY: key, ...vars }: Record<string, string> = {
    ADMINPULSE_BASE_URL: opts.adminPulseUrl,
    ...opts.vars,
  };
  const inspectorPort = opts.inspectorPort ?? (await freePort());
  /**
   * One `wrangler dev` on the data in `dir`, ready (and settled) or stopped and thrown. A failed
   * first start removes `dir` (the caller has nothing to stop); a failed restart leaves the data
   * for the caller's stop(), which removes it, or for a look at what the server wrote.
   */
  const launch = async (first: boolean) => {
    const port = await freePort();
    const child = spawn(
      wrangler,
      [
        ...devArgs({
          port,
          persistTo: dir,
          testScheduled: true,
          // Not the default 9229: another wrangler on this machine may hold it (wrangler then exits).
          inspectorPort,
          vars,
        }),
        ...(key ? devVarsArgs(dir, { CONNECTION_ENCRYPTION_KEY: key }) : []),
        ...(opts.wranglerArgs ?? []),
      ],
      {
        cwd: workerDir,
        env: { ...process.env, ...offlineEnv },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    const output = capture(child);
    const base = `http://127.0.0.1:${port}`;
    const kill = stopper(child);
    try {
      await waitForHealth(base, child, output);
      // Not ready until the reload after wrangler's second build is over (wranglerSettled).
      await untilWranglerSettled(output, { exited: () => child.exitCode !== null });
      await waitForHealth(base, child, output);
    } catch (e) {
      await kill();
      if (first) rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return { base, output, pgid: child.pid!, kill };
  };
  let server = await launch(true);
  return {
    name: "wrangler",
    // The running server's: a restart moves them.
    get base() {
      return server.base;
    },
    get pgid() {
      return server.pgid;
    },
    offices,
    data: dir,
    output: () => server.output(),
    stop: async () => {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
    // A new workerd on the same data and inspector port: local workerd's memory grows with every
    // D1 read it serves (~30 KB a one-client read, ~200 KB a 50-client page, the bare floor too)
    // until V8's heap limit aborts it; the read benchmark starts each read on a fresh one.
    restart: async () => {
      await server.kill();
      server = await launch(false);
    },
  };
}

export interface BunProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** `bun run src/bun.ts` on `dbFile` and a free port; resolves once it answers /health. */
export async function spawnBun(dbFile: string, env: Record<string, string>): Promise<BunProcess> {
  const port = await freePort();
  const child = spawn("bun", ["run", "src/bun.ts"], {
    cwd: workerDir,
    env: { ...process.env, DATABASE_PATH: dbFile, HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = capture(child);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, output);
  return { child, base, output, exited };
}

export function bunCreateOffice(dbFile: string, name: string, extra: string[] = []): OfficeSeed {
  return JSON.parse(
    run("bun", ["run", "src/bun.ts", "create-office", "--name", name, "--json", ...extra], {
      DATABASE_PATH: dbFile,
    }),
  ) as OfficeSeed;
}

export async function startBun(opts: StartOptions): Promise<RunningRuntime> {
  const dir = mkdtempSync(path.join(tmpdir(), "pb-contract-bun-"));
  const dbFile = path.join(dir, "pulsebridge.sqlite");
  const offices: Record<string, OfficeSeed> = {};
  for (const name of opts.offices) offices[name] = bunCreateOffice(dbFile, name);
  const bun = await spawnBun(dbFile, {
    ADMINPULSE_BASE_URL: opts.adminPulseUrl,
    SCHEDULED_TEST_ROUTE: "1",
    ...opts.vars,
  });
  return {
    name: "bun",
    base: bun.base,
    offices,
    data: dbFile,
    output: bun.output,
    pgid: bun.child.pid!,
    stop: stopperRemoving(bun.child, dir),
  };
}
