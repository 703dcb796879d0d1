import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  devArgs,
  devVarsArgs,
  offlineEnv,
  untilWranglerSettled,
  wranglerEnv,
  wranglerSettled,
} from "./index.mjs";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("devVarsArgs", () => {
  it("writes the secrets to an owner-only .dev.vars and points wrangler at it", () => {
    dir = mkdtempSync(path.join(tmpdir(), "wrangler-local-"));
    const args = devVarsArgs(dir, { CONNECTION_ENCRYPTION_KEY: "abc+/=" });
    const file = path.join(dir, ".dev.vars");
    expect(args).toEqual(["--env-file", file]);
    expect(readFileSync(file, "utf8")).toBe('CONNECTION_ENCRYPTION_KEY="abc+/="\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("replaces a world-readable older file with an owner-only one", () => {
    dir = mkdtempSync(path.join(tmpdir(), "wrangler-local-"));
    const file = path.join(dir, ".dev.vars");
    writeFileSync(file, "OLD=1\n", { mode: 0o644 });
    devVarsArgs(dir, { A: "1" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe('A="1"\n');
  });

  it("refuses values dotenv would change or split", () => {
    dir = mkdtempSync(path.join(tmpdir(), "wrangler-local-"));
    for (const value of ["a\nB=2", 'a"b', "$HOME", "a\\b", "é"])
      expect(() => devVarsArgs(dir, { A: value })).toThrow(/only printable ASCII/);
    expect(() => devVarsArgs(dir, { "A=B": "x" })).toThrow(/not a variable name/);
  });
});

describe("wranglerEnv", () => {
  it("keeps the parent's environment and adds the offline settings", () => {
    dir = mkdtempSync(path.join(tmpdir(), "wrangler-local-"));
    const env = wranglerEnv({ EXTRA: "1" });
    expect(env.PATH).toBe(process.env.PATH);
    expect(env).toMatchObject({ ...offlineEnv, EXTRA: "1", WRANGLER_SEND_METRICS: "false" });
  });
});

describe("devArgs", () => {
  it("runs local workerd on 127.0.0.1 only, without the interactive session, with what is asked", () => {
    dir = mkdtempSync(path.join(tmpdir(), "wrangler-local-"));
    expect(
      devArgs({ port: 8787, persistTo: dir, testScheduled: true, vars: { A: "x:y" } }),
    ).toEqual([
      "dev",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      "8787",
      "--persist-to",
      dir,
      "--test-scheduled",
      "--show-interactive-dev-session=false",
      "--var",
      "A:x:y",
    ]);
    expect(devArgs({ interactive: true })).toEqual(["dev", "--local", "--ip", "127.0.0.1"]);
  });
});

describe("wranglerSettled", () => {
  // The two orders wrangler 4.86 prints them in (from the stack's worker logs).
  const built =
    "[custom build] Running: node scripts/docs-assets.mjs\nYour Worker has access to…\n";
  const rebuild =
    "The file src changed, restarting build...\n[custom build] Running: node scripts/docs-assets.mjs\n";
  it("is true once the server is ready after the watcher's second build", () => {
    // Quiet machine: the watcher is ready before the server starts.
    const early = `${built}${rebuild}⎔ Starting local server...\n[wrangler:info] Ready on http://127.0.0.1:40751\n`;
    expect(wranglerSettled(early)).toBe(true);
    // Loaded machine: the server is up first, then reloads after the second build.
    const late = `${built}⎔ Starting local server...\n[wrangler:info] Ready on http://127.0.0.1:40751\n[wrangler:info] GET /health 200 OK (6158ms)\n${rebuild}⎔ Reloading local server...\n⎔ Local server updated and ready\n`;
    expect(wranglerSettled(late)).toBe(true);
  });
  it("is false while the second build or its reload is still to come", () => {
    const up = `${built}⎔ Starting local server...\n[wrangler:info] Ready on http://127.0.0.1:40751\n`;
    expect(wranglerSettled(up)).toBe(false);
    expect(wranglerSettled(`${up}${rebuild}⎔ Reloading local server...\n`)).toBe(false);
    expect(wranglerSettled(`${built}${rebuild}⎔ Starting local server...\n`)).toBe(false);
  });
});

describe("untilWranglerSettled", () => {
  const settled =
    "The file src changed, restarting build...\n⎔ Reloading local server...\n⎔ Local server updated and ready\n";
  it("resolves once the output shows the reload after the second build", async () => {
    let out = "[wrangler:info] Ready on http://127.0.0.1:1\n";
    setTimeout(() => {
      out += settled;
    }, 150);
    await untilWranglerSettled(() => out, { exited: () => false });
    expect(wranglerSettled(out)).toBe(true);
  });
  it("fails with the output's tail when wrangler exits first, or time runs out", async () => {
    await expect(
      untilWranglerSettled(() => "boom: bad config", { exited: () => true }),
    ).rejects.toThrow(/wrangler exited\n.*boom: bad config/s);
    await expect(
      untilWranglerSettled(() => "still building", { exited: () => false, timeoutMs: 50 }),
    ).rejects.toThrow(/not within 50 ms/);
  });
});
