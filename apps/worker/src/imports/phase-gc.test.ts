/**
 * A large push collects garbage between its phases where the runtime can (Bun), and a small one
 * never pays for it (phase-gc.ts; issue 11's worst pushes on Bun: BENCHMARKS.md, session 11).
 */
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../test/fixtures.js";
import { call, harness, newOffice } from "../../test/harness.js";
import { collectFromRows } from "./phase-gc.js";

const pushOf = (rows: number) => {
  const refs = Array.from({ length: rows }, (_, i) => `r-${i}`);
  return JSON.stringify({
    source: "excel",
    createdBy: "x",
    rows: refs.map((ref, i) => ({
      ref,
      kind: "company",
      name: `Rij ${i}`,
      enterpriseNumber: validEnterprise(20_000 + i),
    })),
    choices: { overwrite: {}, add: refs },
  });
};

describe("garbage collected between a push's phases", () => {
  it.each([
    // parsed, validated, hashed, prepared
    [collectFromRows, 4],
    [collectFromRows - 1, 0],
  ])("a push of %i rows collects %i times, and is stored", async (rows, times) => {
    const h = harness();
    let collected = 0;
    h.services.collectGarbage = () => collected++;
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      rawBody: pushOf(rows),
      headers: { "idempotency-key": `gc-${rows}` },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { counts: { created: number } }).counts.created).toBe(rows);
    expect(collected).toBe(times);
  });

  it("a runtime without a collector (workerd) pushes as before", async () => {
    const h = harness({ streamBodies: false });
    expect(h.services.collectGarbage).toBeUndefined();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      rawBody: pushOf(collectFromRows),
      headers: { "idempotency-key": "gc-none" },
    });
    expect(res.status).toBe(201);
  });
});
