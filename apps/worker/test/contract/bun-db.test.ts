import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { workerDir } from "./runtimes.js";

/** The Bun database seam, probed under Bun (see bun-db-probe.ts): what the D1 side gets from D1. */
it("Bun SQLite seam: migrations once, lazy statements, atomic batches, foreign keys on, $first as Drizzle's get", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pb-bun-db-"));
  try {
    const r = spawnSync(
      "bun",
      ["run", "test/contract/bun-db-probe.ts", path.join(dir, "probe.sqlite")],
      { cwd: workerDir, encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    const files = readdirSync(path.join(workerDir, "migrations"))
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(seen.firstApply).toEqual(files);
    expect(seen.secondApply).toEqual([]);
    expect(seen.recorded).toEqual(files);
    expect(seen.nameAfterBuild).toBe("Probe");
    expect(seen.rollbackError).toContain("no_such_table");
    expect(seen.afterFailedBatch).toBe(0);
    expect(seen.fkError).toContain("FOREIGN KEY");
    expect(seen.afterGoodBatch).toBe(1);
    expect(seen.rawRows).toEqual([{ n: 1 }]);
    expect(seen.first.sync).toBe(true);
    expect(seen.first.row).toEqual(seen.first.drizzle);
    expect(seen.first.row).toEqual({
      id: "imp-1",
      rows: 0,
      status: "accepted",
      empty: true,
      none: null,
    });
    expect(seen.first.miss).toBe("undefined");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
