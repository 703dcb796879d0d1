// How every script, test and benchmark runs wrangler on this machine, in one place. Plain
// JavaScript so `node scripts/…` (no tsx) and the TypeScript packages can both import it.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The four variables that keep wrangler and miniflare from calling home: telemetry, error
 * reports, the cf.json fetch, the update banner. Spread them into every wrangler child's env.
 */
export const offlineEnv = Object.freeze({
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
});

/** `process.env` plus the offline variables (plus `extra`), for a child process. */
export function wranglerEnv(extra = {}) {
  return { ...process.env, ...offlineEnv, ...extra };
}

/**
 * Writes `<dir>/.dev.vars` (owner-only, 0600) with `secrets` and returns the `wrangler dev`
 * arguments that load it. Secrets passed as `--var K:V` would sit on the command line, which every
 * local user can read in `ps`; a file only its owner can read keeps them private.
 */
export function devVarsArgs(dir, secrets) {
  const file = path.join(dir, ".dev.vars");
  const lines = Object.entries(secrets).map(([key, value]) => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) throw new Error(`not a variable name: ${key}`);
    // wrangler reads the file with dotenv and then expands `$NAME`: keep values to plain text.
    if (!/^[\x20-\x7e]*$/.test(value) || /["'$\\]/.test(value))
      throw new Error(`${key}: only printable ASCII without quotes, $ or \\ goes in .dev.vars`);
    return `${key}="${value}"`;
  });
  // The mode applies only when the file is created: remove an older one first, so the secret is
  // never written into a file others could read.
  rmSync(file, { force: true });
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600, flag: "wx" });
  return ["--env-file", file];
}

/**
 * The arguments of a local `wrangler dev` as every script, test and benchmark runs it: local
 * workerd on 127.0.0.1 only, no interactive session, and what the caller asks for. One list, so a
 * flag added here (or a wrangler upgrade that renames one) reaches them all.
 * @param {{ port?: number, persistTo?: string, inspectorPort?: number, testScheduled?: boolean,
 *   config?: string, vars?: Record<string, string>, interactive?: boolean }} o
 */
export function devArgs(o = {}) {
  return [
    "dev",
    "--local",
    "--ip",
    "127.0.0.1",
    ...(o.port !== undefined ? ["--port", String(o.port)] : []),
    ...(o.config ? ["-c", o.config] : []),
    ...(o.persistTo ? ["--persist-to", o.persistTo] : []),
    ...(o.testScheduled ? ["--test-scheduled"] : []),
    ...(o.inspectorPort !== undefined ? ["--inspector-port", String(o.inspectorPort)] : []),
    ...(o.interactive ? [] : ["--show-interactive-dev-session=false"]),
    ...Object.entries(o.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
}

/**
 * True once `wrangler dev`'s output (since its start) shows the server ready after the second
 * build that its file watcher always asks for. With a custom `build` command (ours copies Scalar's
 * script), wrangler runs the build, starts the server, and runs the build again when chokidar's
 * watch of `src` is ready (BundlerController: `"ready"` → `#runCustomBuild`); a build reloads the
 * local server (`Miniflare#setOptions`, a restart of workerd). On a quiet machine the watcher is
 * ready before the server starts; on a loaded one it can come after the first `/health` answer,
 * so a test's first requests would meet a restart of workerd (its isolates' state gone). Launchers
 * wait for this as well as for `/health`. (Suspected, not proven, in a CI failure where a CORS
 * preflight failed at the network level: see test/e2e/support/connect.ts.)
 * @param {string} output everything the process printed since it was started
 */
export function wranglerSettled(output) {
  const rebuilt = output.indexOf("restarting build");
  if (rebuilt < 0) return false;
  const after = output.slice(rebuilt);
  return after.includes("Ready on") || after.includes("Local server updated and ready");
}

/**
 * Waits until `wranglerSettled(output())`, polling every 100 ms; the one wait both launchers use
 * (scripts/stack, the worker's contract suite). Throws with the output's tail when the process
 * exits first or `timeoutMs` passes.
 * @param {() => string} output everything the process printed since it was started
 * @param {{ exited: () => boolean, timeoutMs?: number }} o
 */
export async function untilWranglerSettled(output, { exited, timeoutMs = 90_000 }) {
  const deadline = Date.now() + timeoutMs;
  while (!wranglerSettled(output())) {
    const why = exited()
      ? "wrangler exited"
      : Date.now() > deadline
        ? `not within ${timeoutMs} ms`
        : "";
    if (why) throw new Error(`wrangler's second build not seen: ${why}\n${output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
