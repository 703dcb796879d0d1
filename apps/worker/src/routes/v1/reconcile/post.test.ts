import type { ReconcileResult } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { call, connect, harness, newOffice } from "../../../../test/harness.js";
import { importRows, officeWithClients } from "../../../../test/import-fixtures.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("POST /v1/reconcile", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/reconcile",
    allowed: ["admin", "staff"],
    body: () => ({ rows: importRows() }),
    badInputs: [
      { name: "no rows", body: { rows: [] } },
      { name: "unknown field in a row", body: { rows: [{ ref: "1", name: "x", colour: "red" }] } },
      { name: "number where a cell string is expected", body: { rows: [{ ref: "1", name: 42 }] } },
      { name: "unknown top-level field", body: { rows: [{ ref: "1" }], officeId: "x" } },
      { name: "malformed JSON", rawBody: '{"rows": [' },
    ],
  });

  it("sorts rows into the four buckets against this office's cache, with field differences", async () => {
    const h = harness();
    const office = await newOffice();
    await connect(h, office);
    const { id1 } = await officeWithClients(h, office);
    const res = await call(h, "POST", "/v1/reconcile", {
      key: office.keys.staff,
      body: { rows: importRows() },
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReconcileResult;
    expect(r.matching.map((m) => [m.ref, m.id, m.differences.map((d) => d.field)])).toEqual([
      ["r1", id1, ["email"]],
    ]);
    expect(r.onlyInImport.map((o) => o.ref).sort()).toEqual(["r2", "r4"]);
    expect(r.onlyInTarget).toHaveLength(2);
    expect(r.invalid.map((i) => i.ref)).toEqual(["r3"]);
    expect(r.invalid[0]!.issues.map((i) => i.field).sort()).toEqual(["enterpriseNumber", "name"]);

    // Another office reconciles against its own (empty) cache.
    const other = await newOffice();
    const o = (await (
      await call(h, "POST", "/v1/reconcile", {
        key: other.keys.staff,
        body: { rows: importRows() },
      })
    ).json()) as ReconcileResult;
    expect(o.matching).toEqual([]);
    expect(o.onlyInTarget).toEqual([]);
  });
});
