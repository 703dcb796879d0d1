/**
 * The CLI path into the worker's local D1: `kbo:load --target d1-local` (wrangler's platform proxy
 * over a throw-away `--persist-to` folder), read back and compared with the same files loaded into
 * SQLite. Spawns real processes, so it is the slowest test of the package (~15 s).
 */
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { wranglerEnv } from "@pulsebridge/wrangler-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFullDump, writeUpdate } from "../src/generator/write-dump.js";
import { d1Proxy } from "../src/load/d1-targets.js";
import { loadDump } from "../src/load/loader.js";
import { kboDataTableNames } from "../src/load/schema-sql.js";
import { openDump } from "../src/load/source.js";
import { d1WorkerDir, SEED, SNAPSHOT, sqliteDump, sqliteRegister, tempDir } from "./fixtures.js";

const run = promisify(execFile);
const N = 150;
let workerDir: string;
let dir: string;
let cleanup: () => Promise<void>;
let full: string;
let update: string;

const env = wranglerEnv();
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: path.join(import.meta.dirname, ".."),
    env,
  }).catch((e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  workerDir = await d1WorkerDir(dir);
  full = await writeFullDump(dir, {
    seed: SEED,
    enterprises: N,
    extractNumber: 140,
    snapshotDate: SNAPSHOT,
  });
  update = await writeUpdate(dir, {
    seed: SEED,
    enterprises: N,
    changed: 20,
    removed: 4,
    added: 3,
    extractNumber: 141,
    snapshotDate: "2025-10-05",
  });
});
afterAll(() => cleanup());

describe("kbo:load --target d1-local", () => {
  it("loads a dump and an update (twice) into local D1, the same register as SQLite", async () => {
    const persist = path.join(dir, "state");
    const target = ["--target", "d1-local", "--worker-dir", workerDir, "--persist-to", persist];
    const first = await cli(full, ...target);
    expect(first).toMatchObject({ stderr: expect.stringContaining("loaded into local D1") });
    for (let i = 0; i < 2; i++) {
      const again = await cli(update, ...target);
      expect(again.stderr).toContain("update extract 141 (snapshot 2025-10-05)");
    }

    const expected = sqliteRegister();
    for (const dump of [full, update]) {
      const source = await openDump(dump);
      await loadDump(source, expected.store);
      await source.close();
    }

    const d1 = await d1Proxy({
      configPath: path.join(workerDir, "wrangler.jsonc"),
      persistTo: persist,
    });
    try {
      const got: Record<string, unknown[]> = {};
      for (const t of kboDataTableNames)
        got[t] = (await d1.queryAll(`SELECT * FROM ${t}`, [])).map((r) => JSON.stringify(r)).sort();
      expect(got).toEqual(sqliteDump(expected.db));
      expect(got.kbo_enterprises?.length).toBeGreaterThan(N - 10);
      const meta = await d1.queryAll(
        "SELECT extract_number, snapshot_date FROM kbo_meta WHERE finished_at IS NOT NULL ORDER BY extract_number",
        [],
      );
      expect(meta).toEqual([
        { extract_number: 140, snapshot_date: SNAPSHOT },
        { extract_number: 141, snapshot_date: "2025-10-05" },
      ]);
      expect(await d1.queryAll("SELECT * FROM kbo_load_checkpoints", [])).toEqual([]);
    } finally {
      await d1.close();
      expected.db.close();
    }
  }, 120_000);

  it("names the file and line of a malformed row, and rejects an unknown target", async () => {
    const bad = await cli(full, "--target", "postgres:x");
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: kbo:load") });

    const broken = path.join(dir, "broken");
    await cp(full, broken, { recursive: true });
    const file = path.join(broken, "enterprise.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    lines[3] = '"0200.065.765","AC","000"';
    await writeFile(file, lines.join("\n"));
    const persist = path.join(dir, "state-broken");
    const res = await cli(
      broken,
      "--target",
      "d1-local",
      "--worker-dir",
      workerDir,
      "--persist-to",
      persist,
    );
    expect(res).toMatchObject({ code: 1 });
    expect((res as { stderr: string }).stderr).toMatch(
      /kbo\.format\.[a-z_]+: .*enterprise\.csv.*line 4/,
    );
  }, 60_000);
});
