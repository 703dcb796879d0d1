import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsvLine } from "../src/format/csv.js";
import { updatePlan, writeFullDump, writeUpdate } from "../src/generator/write-dump.js";
import { SEED, SNAPSHOT, tempDir } from "./fixtures.js";

const N = 600;
let dir: string;
let cleanup: () => Promise<void>;
let full: string;
let update: string;

const rows = async (folder: string, file: string) =>
  (await readFile(path.join(folder, file), "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => parseCsvLine(l) ?? []);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  full = await writeFullDump(dir, {
    seed: SEED,
    enterprises: N,
    extractNumber: 140,
    snapshotDate: SNAPSHOT,
  });
  update = await writeUpdate(dir, {
    seed: SEED,
    enterprises: N,
    extractNumber: 141,
    snapshotDate: "2025-10-05",
    changed: 20,
    removed: 5,
    added: 4,
  });
});
afterAll(() => cleanup());

describe("synthetic dump", () => {
  it("is named in the 2025 style and holds every file with its exact header", async () => {
    expect(path.basename(full)).toBe("KboOpenData_0140_2025_10_05_Full");
    expect((await readdir(full)).sort()).toEqual([
      "activity.csv",
      "address.csv",
      "branch.csv",
      "code.csv",
      "contact.csv",
      "denomination.csv",
      "enterprise.csv",
      "establishment.csv",
      "meta.csv",
    ]);
    const text = await readFile(path.join(full, "enterprise.csv"), "utf8");
    expect(text.split("\n")[0]).toBe(
      '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"',
    );
    // Text quoted, dates not, NULL as nothing.
    expect(text).toMatch(/\n"\d{4}\.\d{3}\.\d{3}","AC","\d{3}","1",,,\d{2}-\d{2}-\d{4}\n/);
  });

  it("is deterministic from the seed", async () => {
    const again = await writeFullDump(path.join(dir, "again"), {
      seed: SEED,
      enterprises: N,
      extractNumber: 140,
      snapshotDate: SNAPSHOT,
    });
    const other = await writeFullDump(path.join(dir, "other"), {
      seed: SEED + 1,
      enterprises: N,
      extractNumber: 140,
      snapshotDate: SNAPSHOT,
    });
    for (const f of ["enterprise.csv", "denomination.csv", "address.csv"]) {
      expect(await readFile(path.join(again, f), "utf8")).toBe(
        await readFile(path.join(full, f), "utf8"),
      );
    }
    expect(await readFile(path.join(other, "denomination.csv"), "utf8")).not.toBe(
      await readFile(path.join(full, "denomination.csv"), "utf8"),
    );
  });

  it("writes unique enterprise numbers that pass mod-97, some in the 1-series", async () => {
    const numbers = (await rows(full, "enterprise.csv"))
      .slice(1)
      .map((r) => (r[0] as string).replaceAll(".", ""));
    expect(numbers).toHaveLength(N);
    expect(new Set(numbers).size).toBe(N);
    for (const n of numbers) {
      expect(n).toMatch(/^[01]\d{9}$/);
      expect(97 - (Number(n.slice(0, 8)) % 97)).toBe(Number(n.slice(8)));
    }
    expect(numbers.some((n) => n.startsWith("1"))).toBe(true);
  });

  it("covers the edge cases an importer meets", async () => {
    const ent = (await rows(full, "enterprise.csv")).slice(1);
    expect(ent.some((r) => r[1] === "AC" && r[3] === "1" && r[4] === null)).toBe(true); // natural person
    expect(ent.some((r) => r[2] !== "000")).toBe(true); // not a normal situation
    expect(ent.some((r) => r[5] !== null)).toBe(true); // JuridicalFormCAC
    expect(ent.some((r) => r[4] === "030")).toBe(true); // foreign entity
    const den = (await rows(full, "denomination.csv")).slice(1);
    expect(den.some((r) => r[1] === "0" && /^[^,]+, [^,]+$/.test(r[3] as string))).toBe(true);
    expect(den.some((r) => r[2] === "004")).toBe(true);
    const adr = (await rows(full, "address.csv")).slice(1);
    expect(adr.some((r) => r[1] === "REGO" && r[7] !== r[8])).toBe(true); // Brussels NL ≠ FR
    expect(adr.some((r) => r[1] === "REGO" && r[2] !== null)).toBe(true); // abroad
    expect(adr.some((r) => r[1] === "ABBR")).toBe(true);
    expect(adr.some((r) => r[10] === "")).toBe(true); // empty string, not NULL
    const code = await readFile(path.join(full, "code.csv"), "utf8");
    expect(code).toContain('(""yellow cake"")');
    expect(code).toContain('" Dénomination de la succursale"');
  });
});

describe("synthetic update", () => {
  it("has delete/insert pairs: a key in both, delete-only, insert-only, and header-only files", async () => {
    expect(path.basename(update)).toBe("KboOpenData_0141_2025_10_06_Update");
    const del = (await rows(update, "enterprise_delete.csv")).slice(1).map((r) => r[0]);
    const ins = (await rows(update, "enterprise_insert.csv")).slice(1).map((r) => r[0]);
    const plan = updatePlan({
      seed: SEED,
      enterprises: N,
      extractNumber: 141,
      snapshotDate: "",
      changed: 20,
      removed: 5,
      added: 4,
    });
    expect(del).toHaveLength(25);
    expect(ins).toHaveLength(24);
    expect(del.filter((k) => ins.includes(k))).toHaveLength(plan.changed.length);
    expect(del.filter((k) => !ins.includes(k))).toHaveLength(5);
    expect(ins.filter((k) => !del.includes(k))).toHaveLength(4);
    expect(await readFile(path.join(update, "contact_delete.csv"), "utf8")).toBe(
      '"EntityNumber"\n',
    );
    const meta = await readFile(path.join(update, "meta.csv"), "utf8");
    expect(meta).toContain('"ExtractType","update"');
  });
});
