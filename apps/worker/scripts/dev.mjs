#!/usr/bin/env node
// Local development: applies the D1 migrations to the local database, makes sure .dev.vars has an
// encryption key (generated once, never committed), then runs `wrangler dev` on 127.0.0.1:8787 with
// the scheduled-handler test route. Extra arguments go to `wrangler dev` (e.g. --port 0, --var K:V).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { devArgs, wranglerEnv } from "@pulsebridge/wrangler-local";

const cwd = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = wranglerEnv();

const devVars = path.join(cwd, ".dev.vars");
const current = existsSync(devVars) ? readFileSync(devVars, "utf8") : "";
if (!/^CONNECTION_ENCRYPTION_KEY=\S+/m.test(current) && !process.env.CONNECTION_ENCRYPTION_KEY) {
  writeFileSync(
    devVars,
    `${current}${current && !current.endsWith("\n") ? "\n" : ""}CONNECTION_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}\n`,
    { mode: 0o600 },
  );
  // An older file keeps its mode on rewrite: the key is for this user only.
  chmodSync(devVars, 0o600);
  console.log("dev: wrote a local CONNECTION_ENCRYPTION_KEY to .dev.vars");
}

const migrate = spawnSync(
  "pnpm",
  ["exec", "wrangler", "d1", "migrations", "apply", "pulsebridge", "--local"],
  {
    cwd,
    env,
    stdio: "inherit",
  },
);
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const args = process.argv.slice(2);
const hasPort = args.includes("--port");
const child = spawn(
  "pnpm",
  [
    "exec",
    "wrangler",
    // The developer's own session: wrangler's interactive keys stay on.
    ...devArgs({ port: hasPort ? undefined : 8787, testScheduled: true, interactive: true }),
    ...args,
  ],
  { cwd, env, stdio: "inherit" },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
