import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStandIn, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BunProcess,
  bunCreateOffice,
  type OfficeSeed,
  spawnBun,
  testEncryptionKey,
  workerDir,
} from "./runtimes.js";

/**
 * What only the Bun entry has: its create-office command, start-up checks, and a clean stop on
 * SIGTERM/SIGINT that lets a running sync step finish and release its lease.
 */
describe("Bun entry lifecycle", () => {
  let standIn: StandIn;
  let dir: string;
  let dbFile: string;
  let office: OfficeSeed;
  const encryptionKey = testEncryptionKey();
  const running: BunProcess[] = [];

  const start = async () => {
    const bun = await spawnBun(dbFile, {
      ADMINPULSE_BASE_URL: standIn.url,
      CONNECTION_ENCRYPTION_KEY: encryptionKey,
      SYNC_PAGE_SIZE: "10",
      SYNC_PAGES_PER_STEP: "4",
    });
    running.push(bun);
    return bun;
  };
  const api = (bun: BunProcess, method: string, p: string, body?: unknown) =>
    fetch(`${bun.base}${p}`, {
      method,
      headers: { authorization: `Bearer ${office.key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    standIn = await createStandIn({ size: 60, seed: 3, hostname: "127.0.0.1", port: 0 });
    dir = mkdtempSync(path.join(tmpdir(), "pb-bun-lifecycle-"));
    dbFile = path.join(dir, "pulsebridge.sqlite");
  });

  afterAll(async () => {
    for (const b of running) if (b.child.exitCode === null) b.child.kill("SIGKILL");
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("create-office is repeatable with the same id and key, and the key works", async () => {
    office = bunCreateOffice(dbFile, "Kantoor Lifecycle");
    const again = bunCreateOffice(dbFile, "Kantoor Lifecycle", [
      "--office-id",
      office.officeId,
      "--key",
      office.key,
    ]);
    expect(again).toEqual(office);
    const bun = await start();
    const me = (await (await api(bun, "GET", "/v1/me")).json()) as { office: { id: string } };
    expect(me.office.id).toBe(office.officeId);
    bun.child.kill("SIGTERM");
    expect(await bun.exited).toBe(0);
  });

  it("create-office with another office's key is refused: no office made, the key still means its own office", async () => {
    const r = spawnSync(
      "bun",
      ["run", "src/bun.ts", "create-office", "--name", "Kantoor D", "--key", office.key, "--json"],
      { cwd: workerDir, env: { ...process.env, DATABASE_PATH: dbFile }, encoding: "utf8" },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("already belongs to another office");
    expect(r.stdout).not.toContain(office.key);
    // Same office, another secret with the same prefix: refused too.
    const [, prefix] = office.key.split("_");
    const clash = spawnSync(
      "bun",
      [
        "run",
        "src/bun.ts",
        "create-office",
        "--name",
        "Kantoor Lifecycle",
        "--office-id",
        office.officeId,
        "--key",
        `pb_${prefix}_${"f".repeat(64)}`,
      ],
      { cwd: workerDir, env: { ...process.env, DATABASE_PATH: dbFile }, encoding: "utf8" },
    );
    expect(clash.status).not.toBe(0);
    const bun = await start();
    const me = (await (await api(bun, "GET", "/v1/me")).json()) as { office: { id: string } };
    expect(me.office.id).toBe(office.officeId);
    bun.child.kill("SIGTERM");
    expect(await bun.exited).toBe(0);
  });

  it("refuses to start on an invalid secret, naming the setting but never its value", () => {
    const r = spawnSync("bun", ["run", "src/bun.ts"], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_PATH: dbFile,
        PORT: "0",
        CONNECTION_ENCRYPTION_KEY: "c2hvcnQ=",
      },
      encoding: "utf8",
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("CONNECTION_ENCRYPTION_KEY");
    expect(r.stderr).not.toContain("c2hvcnQ=");
  });

  it("/__scheduled takes no key, so it is off unless asked for, and only ever on a loopback HOST (issue 11)", async () => {
    const refused = spawnSync("bun", ["run", "src/bun.ts"], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_PATH: dbFile,
        PORT: "0",
        HOST: "0.0.0.0",
        SCHEDULED_TEST_ROUTE: "1",
        CONNECTION_ENCRYPTION_KEY: encryptionKey,
      },
      encoding: "utf8",
    });
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain("SCHEDULED_TEST_ROUTE");
    const bun = await start();
    const res = await fetch(`${bun.base}/__scheduled?cron=${encodeURIComponent("0 1 * * *")}`);
    expect(res.status).toBe(404);
    // The job's log line (`{cron, offices}`) never appears: nothing ran.
    expect(bun.output()).not.toContain('"offices":');
    bun.child.kill("SIGTERM");
    expect(await bun.exited).toBe(0);
  });

  it("SIGTERM mid-step: the step finishes, the server stops, the lease is free after restart", async () => {
    const bun = await start();
    expect(
      (await api(bun, "PUT", "/v1/connection", { kind: "token", token: standIn.token })).status,
    ).toBe(200);
    // Slow AdminPulse: a 4-page step takes over a second, so the signal lands inside it.
    standIn.controls.set({ latencyMs: 250 });
    standIn.controls.resetCalls();
    const step = api(bun, "POST", "/v1/sync", {});
    while (standIn.controls.calls().length === 0) await new Promise((r) => setTimeout(r, 20));
    bun.child.kill("SIGTERM");
    const res = await step;
    expect(res.status).toBe(202);
    const first = (await res.json()) as {
      outcome: string;
      run: { id: string; pages: number; taskPages: number };
    };
    // Task pages come first (ADR 0023); the step's 4 pages count both kinds.
    expect(first).toMatchObject({ outcome: "progress" });
    expect(first.run.pages + first.run.taskPages).toBe(4);
    expect(await bun.exited).toBe(0);
    expect(bun.output()).toContain('"event":"stopped","drained":true');
    await expect(fetch(`${bun.base}/health`)).rejects.toThrow();

    // Same database: migrations are not applied twice, and the next step is not "busy": it
    // resumes the same run from its checkpoint.
    standIn.controls.set({ latencyMs: 0 });
    const again = await start();
    const next = await api(again, "POST", "/v1/sync", {});
    const body = (await next.json()) as typeof first;
    // The resumed run's second step reads its next 4 pages (task pages, then relation pages).
    expect(body).toMatchObject({ run: { id: first.run.id } });
    expect(body.run.pages + body.run.taskPages).toBe(8);
    expect(["progress", "completed"]).toContain(body.outcome);
    let last = body;
    for (let i = 0; i < 20 && last.outcome !== "completed"; i++)
      last = (await (await api(again, "POST", "/v1/sync", {})).json()) as typeof body;
    const tasks = standIn.data.taskIndex().rel.length;
    expect(last).toMatchObject({
      outcome: "completed",
      run: { id: first.run.id, pages: 6, taskPages: Math.ceil(tasks / 10), status: "completed" },
    });
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  });
});
