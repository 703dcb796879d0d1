// Child processes for the local stack: each runs in its own process group (detached), so stopping
// it also stops what it spawned (wrangler → workerd, pnpm → node). Output goes to a log file, never
// to the console by default: the stack passes tokens to children only through env and argv.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Groups still alive, killed synchronously if the parent exits without stopping them. */
const live = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) signalGroup(child, "SIGKILL");
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `cmd args` in its own process group. Returns a handle with `exited` (a promise of the exit
 * code), `logFile`, `tail()` and `stop(signal?)`.
 */
export function startProcess(name, cmd, args, { cwd, env, logDir, echo = false }) {
  installExitHook();
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(cmd, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const listeners = new Set();
  const onData = (chunk) => {
    log.write(chunk);
    const text = chunk.toString();
    if (echo) {
      for (const line of text.split("\n"))
        if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
    }
    for (const l of listeners) l(text);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      live.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
    child.on("error", () => {
      live.delete(child);
      resolve(127);
    });
  });
  let done = false;
  exited.then(() => {
    done = true;
    log.end();
  });
  return {
    name,
    pid: child.pid,
    logFile,
    exited,
    get running() {
      return !done;
    },
    /** Calls `fn(text)` for every chunk of output from now on. */
    onOutput(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    tail(lines = 30) {
      try {
        return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
      } catch {
        return "";
      }
    },
    /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader has exited. */
    async stop({ signal = "SIGTERM", graceMs = 4000 } = {}) {
      if (done) {
        signalGroup(child, "SIGKILL"); // stragglers in the group (workerd) after the leader died
        return;
      }
      signalGroup(child, signal);
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup(child, "SIGKILL");
    },
  };
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: "127.0.0.1", port });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `url` until it answers `okStatus`, the process exits, or `timeoutMs` passes. A process
 * that dies first fails at once with the end of its log.
 */
export async function waitForHttp(url, { proc, timeoutMs = 60_000, okStatus = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  let serverErrors = 0;
  while (Date.now() < deadline) {
    if (proc && !proc.running) {
      throw new Error(`${proc.name} exited before it was ready:\n${proc.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === okStatus) return;
      last = `HTTP ${res.status}`;
      // A server that answers 5xx again and again is up but broken (e.g. a bad var): fail now.
      serverErrors = res.status >= 500 ? serverErrors + 1 : 0;
      if (serverErrors >= 10) break;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await sleep(150);
  }
  throw new Error(
    `${url} not ready after ${timeoutMs} ms (${last})${proc ? `\n${proc.tail()}` : ""}`,
  );
}

/**
 * Runs a command to completion; resolves with { code, stdout, stderr }. A command still running
 * after `timeoutMs` (default 120 s) is killed with its process group and answers code 124 with
 * what it printed: a wrangler CLI that hangs (seen twice in a full e2e run, never alone) then
 * fails the caller with its output instead of silently outlasting a test hook's timeout.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 120_000 }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut)
        resolve({
          code: 124,
          stdout,
          stderr: `${stderr}\n${path.basename(cmd)} ${args[0] ?? ""} ${args[1] ?? ""}: timed out after ${timeoutMs} ms and was killed`,
        });
      else resolve({ code: code ?? 1, stdout, stderr });
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: String(e) });
    });
  });
}
