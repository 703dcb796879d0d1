import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client, ImportRow } from "../model/client.js";
import { toImportRow } from "../validate/validate-row.js";
import { reconcile, reconcileValidated } from "./reconcile.js";
import { type Candidates, candidatesOf, primaryIdOf, validateRows } from "./rows.js";
import { clientArb, emptyClient, enterpriseNumber } from "./testing.js";
import type { ExistingClient, FullReconcileResult } from "./types.js";

const today = new Date("2026-12-04");

/** The target cut to the candidates, in its order: what the worker's query selects. */
function cut(existing: ExistingClient[], c: Candidates): ExistingClient[] {
  return existing.filter(({ id, client: x }) => {
    const pc = x.address?.postalCode;
    return (
      c.ids.includes(id) ||
      (x.sourceIds.adminpulseId !== null && c.adminpulseIds.includes(x.sourceIds.adminpulseId)) ||
      (x.enterpriseNumber !== null && c.enterpriseNumbers.includes(x.enterpriseNumber)) ||
      (x.nationalNumber !== null && c.nationalNumbers.includes(x.nationalNumber)) ||
      (!!pc && c.anyPostcodes.includes(pc)) ||
      (!!pc && c.idlessPostcodes.includes(pc) && primaryIdOf(x) === null)
    );
  });
}

const withoutOnlyInTarget = ({ onlyInTarget: _, ...r }: FullReconcileResult) => r;

function both(rows: ImportRow[], existing: ExistingClient[]) {
  const options = { today, maxIssues: 20 };
  const validated = validateRows(rows, options);
  const target = cut(existing, candidatesOf(rows, validated));
  return {
    target,
    whole: withoutOnlyInTarget(reconcile(rows, existing, options)),
    cut: withoutOnlyInTarget(reconcileValidated(rows, validated, target, options)),
  };
}

describe("reconcile against the target clients the rows can match (issue 11/17)", () => {
  it("leaves out the clients no row can match, and answers as with the whole target", () => {
    const company = (n: number, name: string, postalCode: string): Client => ({
      ...emptyClient("company", name),
      enterpriseNumber: n ? enterpriseNumber(n) : null,
      address: {
        ...emptyClient("company", name).address,
        postalCode,
        city: null,
      } as Client["address"],
    });
    const existing: ExistingClient[] = [
      { id: "t1", client: company(1, "Alpha", "9000") },
      { id: "t2", client: company(2, "Beta", "9000") },
      { id: "t3", client: company(0, "Gamma", "9000") }, // no number: matches on name
      { id: "t4", client: company(0, "Delta", "2000") }, // no number, another postcode
      { id: "t5", client: company(1, "Alpha bis", "1000") }, // Alpha's number again, later
    ];
    const rows = [
      toImportRow(company(1, "Alpha", "9000"), "r1"),
      toImportRow(company(7, "Gamma", "9000"), "r2"),
    ];
    const r = both(rows, existing);
    expect(r.target.map((e) => e.id)).toEqual(["t1", "t3", "t5"]);
    expect(r.cut).toEqual(r.whole);
    expect(r.whole.matching.map((m) => [m.ref, m.id])).toEqual([
      ["r1", "t1"],
      ["r2", "t3"],
    ]);
  });

  it("property: the same answer as with the whole target, but for onlyInTarget", () => {
    const postcode = fc.constantFrom("9000", "2000", null);
    const target = fc.tuple(clientArb, postcode, fc.boolean()).map(([c, pc, idless]): Client => {
      const client: Client = {
        ...c,
        address: pc ? ({ ...c.address, postalCode: pc } as Client["address"]) : c.address,
      };
      if (idless) return { ...client, enterpriseNumber: null, nationalNumber: null };
      return client;
    });
    const scenario = fc
      .record({
        clients: fc.array(target, { minLength: 1, maxLength: 20 }),
        // Per row: which client it comes from and how it is sent.
        rows: fc.array(fc.tuple(fc.nat(19), fc.nat(19), fc.integer({ min: 0, max: 7 })), {
          maxLength: 20,
        }),
        extra: fc.array(target, { maxLength: 5 }),
      })
      .map(({ clients, rows, extra }) => {
        // A second target client with the number of an earlier one, later in the target's order.
        const existing: ExistingClient[] = clients.map((client, i) => ({ id: `t${i}`, client }));
        existing.push(...clients.slice(0, 2).map((client, i) => ({ id: `u${i}`, client })));
        const sent: ImportRow[] = rows.map(([j, k, how], n) => {
          const c = clients[j % clients.length] as Client;
          const other = clients[k % clients.length] as Client;
          const row = toImportRow(c, `r${n}`);
          if (how === 1) return { ...row, id: `t${j % clients.length}` };
          if (how === 2)
            return {
              ...row,
              id: `t${j % clients.length}`,
              enterpriseNumber: toImportRow(other, "x").enterpriseNumber,
              nationalNumber: toImportRow(other, "x").nationalNumber,
            };
          if (how === 3)
            return {
              ...row,
              enterpriseNumber: "",
              nationalNumber: "",
              vatNumber: "",
              sourceIds: undefined,
            };
          if (how === 4) return { ...row, name: "" };
          if (how === 5) return { ...row, id: "unknown" };
          if (how === 6)
            return { ...row, sourceIds: { adminpulseId: c.sourceIds.adminpulseId ?? "" } };
          return row;
        });
        sent.push(...extra.map((c, n) => toImportRow(c, `e${n}`)));
        return { rows: sent, existing };
      });
    fc.assert(
      fc.property(scenario, ({ rows, existing }) => {
        const r = both(rows, existing);
        expect(r.cut).toEqual(r.whole);
      }),
      { numRuns: 300 },
    );
  });
});
