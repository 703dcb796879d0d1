/**
 * What `run.ts` measures around a running stack: workerd's CPU and memory (from /proc), the
 * stand-in's call log, and the local D1's client versions and file size.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import { d1Execute, type Stack } from "@pulsebridge/stack";

const clockTicks = 100; // USER_HZ on Linux

/** The workerd processes of the worker's process group (wrangler runs two: proxy and user worker). */
export function workerdPids(stack: Stack): number[] {
  const pgid = stack.worker.proc?.pid;
  if (!pgid) return [];
  const out = execFileSync("ps", ["-o", "pid=,comm=", "-g", String(pgid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === "workerd")
    .map(([pid]) => Number(pid));
}

export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {}
  }
  return ticks / clockTicks;
}

export function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

/** The most stand-in calls in any 60 s window, how many it answered 429, and `/users` calls. */
export function callLog(standIn: StandIn): {
  calls: number;
  busiest60s: number;
  http429: number;
  users: number;
} {
  const log = standIn.controls.calls();
  const at = log.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < at.length; hi++) {
    while (at[hi]! - at[lo]! >= 60_000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return {
    calls: log.length,
    busiest60s: best,
    http429: log.filter((c) => c.status === 429).length,
    users: log.filter((c) => c.path === "/users").length,
  };
}

/**
 * Client versions stored so far: one `client_history` row per client row written (the history
 * triggers, ADR 0019), so a difference between two counts is the client rows a sync wrote.
 */
export async function clientVersions(stack: Stack): Promise<{ n: number; bytes: number }> {
  const [r] = (await d1Execute(
    stack.persistDir,
    "select count(*) as n, coalesce(sum(length(content)), 0) as bytes from client_history",
  )) as { n: number; bytes: number }[];
  return { n: Number(r?.n ?? 0), bytes: Number(r?.bytes ?? 0) };
}

/** Bytes of the local D1 database files (SQLite file and its WAL) under the persist dir. */
export function d1FileBytes(persistDir: string): number {
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.sqlite(-wal)?$/.test(e.name) && p.includes("D1")) bytes += statSync(p).size;
    }
  };
  walk(persistDir);
  return bytes;
}
