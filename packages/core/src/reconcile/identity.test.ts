/**
 * Identity before identifiers: a row that carries the target's client id or the AdminPulse id is
 * that client, whatever its numbers say now (issue 14, defect 1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client, ImportRow } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { reconcile } from "./reconcile.js";
import { clientArb, emptyClient, enterpriseNumber } from "./testing.js";
import type { ExistingClient } from "./types.js";

const today = new Date("2026-06-01T00:00:00Z");
const E1 = enterpriseNumber(4_030_192);
const E2 = enterpriseNumber(5_000_000);
const E3 = enterpriseNumber(12_345_678);

function company(name: string, enterprise: string | null, adminpulseId: string): Client {
  return {
    ...emptyClient("company", name),
    enterpriseNumber: enterprise,
    sourceIds: { adminpulseId, uniqueIdentifier: null, code: null },
  };
}

describe("reconcile — identity first", () => {
  it("a pulled row whose enterprise number was corrected stays its client (no duplicate)", () => {
    const existing: ExistingClient[] = [{ id: "c1", client: company("Acme", E1, "ap-1") }];
    const row: ImportRow = { ...toImportRow(existing[0]!.client, "2"), enterpriseNumber: E3 };
    const result = reconcile([row], existing, { today });
    expect(result.onlyInImport).toEqual([]);
    expect(result.onlyInTarget).toEqual([]);
    expect(result.matching).toHaveLength(1);
    const m = result.matching[0]!;
    expect(m).toMatchObject({ ref: "2", id: "c1", matchedOn: "adminpulseId", probable: false });
    expect(m.differences.map((d) => d.field)).toEqual(["enterpriseNumber"]);
    expect(m.warnings.some((w) => w.code === "row.number_of_other_client")).toBe(false);
  });

  it("matches on the worker's client id before the AdminPulse id and before numbers", () => {
    const existing: ExistingClient[] = [
      { id: "c1", client: company("Acme", E1, "ap-1") },
      { id: "c2", client: company("Beta", E2, "ap-2") },
    ];
    // The row carries c2's id but c1's AdminPulse id and number: the client id wins.
    const row: ImportRow = { ...toImportRow(existing[0]!.client, "2"), id: "c2" };
    const result = reconcile([row], existing, { today });
    expect(result.matching.map((m) => [m.ref, m.id, m.matchedOn])).toEqual([
      ["2", "c2", "clientId"],
    ]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["c1"]);
  });

  it("warns when the new number belongs to another client, and keeps the identity match", () => {
    const existing: ExistingClient[] = [
      { id: "c1", client: company("Acme", E1, "ap-1") },
      { id: "c2", client: company("Beta", E2, "ap-2") },
    ];
    const row: ImportRow = { ...toImportRow(existing[0]!.client, "2"), enterpriseNumber: E2 };
    const result = reconcile([row], existing, { today });
    expect(result.matching.map((m) => m.id)).toEqual(["c1"]);
    const warning = result.matching[0]!.warnings.find(
      (w) => w.code === "row.number_of_other_client",
    );
    expect(warning).toMatchObject({ field: "enterpriseNumber", severity: "warning" });
    expect(warning?.suggestions).toEqual(["c2"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["c2"]);
  });

  it("a new number an earlier row (a new client) also carries is no other client's", () => {
    // Threw a TypeError (a 500 on a push): the index held the earlier row as -1 - row.
    const existing: ExistingClient[] = [{ id: "c1", client: company("Acme", E1, "ap-1") }];
    const fresh: ImportRow = { ...toImportRow(company("New", E3, ""), "1") };
    const row: ImportRow = { ...toImportRow(existing[0]!.client, "2"), enterpriseNumber: E3 };
    const result = reconcile([fresh, row], existing, { today });
    expect(result.matching.map((m) => [m.ref, m.id])).toEqual([["2", "c1"]]);
    expect(result.matching[0]!.warnings.map((w) => w.code)).not.toContain(
      "row.number_of_other_client",
    );
    expect(result.onlyInImport.map((r) => r.ref)).toEqual(["1"]);
  });

  it("an invalid row with an id still claims its client", () => {
    const existing: ExistingClient[] = [{ id: "c1", client: company("Acme", E1, "ap-1") }];
    const row: ImportRow = {
      ...toImportRow(existing[0]!.client, "2"),
      enterpriseNumber: "0403.019.262",
    };
    const result = reconcile([row], existing, { today });
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({ ref: "2", id: "c1" });
    expect(result.onlyInTarget).toEqual([]);
  });

  it("two rows with one AdminPulse id are duplicates, and still claim the client", () => {
    const existing: ExistingClient[] = [{ id: "c1", client: company("Acme", E1, "ap-1") }];
    const a = toImportRow(existing[0]!.client, "2");
    const b = { ...toImportRow(existing[0]!.client, "3"), enterpriseNumber: E3 };
    const result = reconcile([a, b], existing, { today });
    expect(result.duplicates.map((d) => d.refs)).toEqual([["2", "3"]]);
    expect(result.invalid.map((r) => r.issues[0]?.code)).toEqual([
      "row.duplicate",
      "row.duplicate",
    ]);
    expect(result.onlyInTarget).toEqual([]);
  });

  it("an id the target does not know falls back to the numbers, with a warning", () => {
    const existing: ExistingClient[] = [{ id: "c1", client: company("Acme", E1, "ap-1") }];
    const row: ImportRow = { ...toImportRow(company("Acme", E1, "ap-9"), "2") };
    const result = reconcile([row], existing, { today });
    expect(result.matching.map((m) => [m.id, m.matchedOn])).toEqual([["c1", "enterpriseNumber"]]);
    expect(result.matching[0]!.warnings.map((w) => w.code)).toContain("row.unknown_id");
  });

  // Hundreds of random rows through validateRow and reconcile: past vitest's 5 s default under load.
  it("property: whatever a row's identifiers say, its id decides its client", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(clientArb, {
          minLength: 1,
          maxLength: 20,
          selector: (c) => c.enterpriseNumber ?? c.nationalNumber ?? c.name,
        }),
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        fc.boolean(),
        (clients, donors, byClientId) => {
          const existing = clients.map((c, i) => ({
            id: `t${i}`,
            client: { ...c, sourceIds: { ...c.sourceIds, adminpulseId: `ap-${i}` } },
          }));
          // Each row is client i, wearing the identifiers (and name, address) of another client.
          const rows = existing.map((e, i) => {
            const donor = (existing[(donors[i] ?? 0) % existing.length] as ExistingClient).client;
            const worn = toImportRow({ ...donor, kind: e.client.kind }, `r${i}`);
            return byClientId
              ? { ...worn, sourceIds: undefined, id: e.id }
              : { ...worn, sourceIds: { adminpulseId: `ap-${i}` } };
          });
          const result = reconcile(rows, existing, { today });
          for (const m of result.matching) expect(m.ref.slice(1)).toBe(m.id.slice(1));
          for (const r of result.invalid) {
            if (r.issues.some((x) => x.code === "row.duplicate")) continue;
            expect(r.id).toBe(`t${r.ref.slice(1)}`);
          }
          expect(result.onlyInImport).toEqual([]);
          expect(result.onlyInTarget).toEqual([]);
          expect(result.duplicates).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);
});

describe("reconcile — scope", () => {
  it("lists only in-scope clients as only in the target; rows still match any client", () => {
    const existing: ExistingClient[] = [
      { id: "c1", client: company("Acme", E1, "ap-1") },
      { id: "c2", client: company("Beta", E2, "ap-2") },
      { id: "c3", client: company("Gamma", E3, "ap-3") },
    ];
    const row = toImportRow(existing[2]!.client, "2");
    const inScope = (e: ExistingClient) => e.id !== "c2";
    const result = reconcile([row], existing, { today, inScope });
    expect(result.matching.map((m) => m.id)).toEqual(["c3"]);
    expect(result.onlyInTarget.map((e) => e.id)).toEqual(["c1"]);
  });
});
