/**
 * Known rows (issue 14): a row's fingerprint equals the pulled version's exactly when a row with
 * every column shows no difference from it, so a review can send unchanged rows as fingerprints.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client } from "../model/client.js";
import { toImportRow, validateRow } from "../validate/validate-row.js";
import { noAddress } from "./blank.js";
import { compactResult } from "./compact.js";
import { differences } from "./differences.js";
import { clientFingerprint, comparableText, fingerprintPattern } from "./fingerprint.js";
import { confirmKnown } from "./known.js";
import { reconcile } from "./reconcile.js";
import { clientArb } from "./testing.js";
import { reconcileResultSchema } from "./types.js";

const today = new Date("2026-06-01T00:00:00Z");

/** One field changed the way a user or AdminPulse would. */
const edits: ((c: Client) => Client)[] = [
  (c) => ({ ...c, email: c.email === "x@y.be" ? null : "x@y.be" }),
  (c) => ({ ...c, name: `${c.name} NV` }),
  (c) => ({ ...c, address: { ...(c.address ?? noAddress), city: "Elders" } }),
  (c) => ({ ...c, links: [...c.links, { ...link, name: `Nieuw ${c.links.length}` }] }),
  (c) => ({ ...c, responsibleUser: { id: null, name: "Iemand Anders" } }),
  (c) => ({ ...c, iban: c.iban ? null : "BE71096123456769" }),
];
const link = {
  role: "director" as const,
  relationIdentifier: null,
  name: "x",
  startDate: null,
  endDate: null,
  shares: null,
  votingRights: null,
  comment: null,
};

describe("clientFingerprint", () => {
  it("is 22 base64url characters, the same for the same content", async () => {
    await fc.assert(
      fc.asyncProperty(clientArb, async (c) => {
        const f = await clientFingerprint(c);
        expect(f).toMatch(fingerprintPattern);
        expect(await clientFingerprint(structuredClone(c))).toBe(f);
      }),
      { numRuns: 50 },
    );
  });

  it("agrees exactly when a full row shows no difference", () => {
    fc.assert(
      fc.property(clientArb, fc.nat(edits.length), (c, e) => {
        const other =
          e < edits.length ? (edits[e] as (c: Client) => Client)(c) : structuredClone(c);
        const row = toImportRow(c, "1");
        const same = differences(row, c, other).length === 0;
        expect(comparableText(c) === comparableText(other)).toBe(same);
      }),
      { numRuns: 300 },
    );
  });

  it("a pulled row read back from its cells has its version's fingerprint", async () => {
    await fc.assert(
      fc.asyncProperty(clientArb, async (c) => {
        const back = validateRow(toImportRow(c, "1"), { today });
        if (!back.ok) return; // generated data the checks refuse: never sent as known
        expect(await clientFingerprint(back.client)).toBe(await clientFingerprint(c));
      }),
      { numRuns: 100 },
    );
  });

  it("links in another order, a B- postcode and a link name's case are no change", () => {
    fc.assert(
      fc.property(clientArb, (c) => {
        const moved = {
          ...c,
          links: [...c.links].reverse(),
          address: c.address && {
            ...c.address,
            postalCode:
              c.address.country === null && c.address.postalCode
                ? `B-${c.address.postalCode}`
                : c.address.postalCode,
          },
        };
        expect(comparableText(moved)).toBe(comparableText(c));
      }),
      { numRuns: 100 },
    );
  });
});

describe("known rows and the compact answer", () => {
  it("reviews a confirmed known row as its version, resends the others, compact reads back", async () => {
    const [pulled, source, gone] = fc.sample(clientArb, { numRuns: 3, seed: 14 }) as Client[];
    if (!pulled || !source || !gone) throw new Error("sample");
    const current = { ...pulled, email: "nieuw@adminpulse.be" };
    const existing = [
      { id: "c1", client: current, version: 7 },
      { id: "c2", client: source, version: 3 },
    ];
    const baseOf = (id: string, v: number) => (id === "c1" && v === 5 ? pulled : undefined);
    const known = [
      { ref: "2", id: "c1", version: "5", fingerprint: await clientFingerprint(pulled) },
      // The sheet changed this row: its fingerprint is not the version's.
      { ref: "3", id: "c2", version: "3", fingerprint: await clientFingerprint(gone) },
      // A version the target cannot rebuild, and a client it does not have.
      { ref: "4", id: "c2", version: "2", fingerprint: await clientFingerprint(source) },
      { ref: "5", id: "elsewhere", version: "1", fingerprint: await clientFingerprint(source) },
    ];
    const confirmed = await confirmKnown(known, existing, baseOf);
    expect(confirmed.resend.sort()).toEqual(["3", "4", "5"]);
    const result = reconcile(confirmed.rows, existing, {
      today,
      baseOf,
      known: confirmed.clients,
    });
    const email = current.email === pulled.email ? [] : [["email", "source"]];
    expect(result.matching.map((m) => [m.ref, m.id, m.matchedOn])).toEqual([
      ["2", "c1", "clientId"],
    ]);
    expect(result.matching[0]?.differences.map((d) => [d.field, d.origin])).toEqual(email);
    // The compact answer, read through the schema, is the full one without the records.
    const wire = JSON.parse(JSON.stringify(compactResult(result)));
    expect(wire.matching[0]).not.toHaveProperty("client");
    expect(wire.matching[0]).not.toHaveProperty("existing");
    const back = reconcileResultSchema.parse(wire);
    expect(back.matching[0]).toMatchObject({
      ref: "2",
      id: "c1",
      name: pulled.name,
      differences: result.matching[0]?.differences,
      warnings: [],
      probable: false,
      version: 5,
      currentVersion: 7,
    });
    expect(back.onlyInTarget.map((t) => t.id)).toEqual(["c2"]);
  });

  it("a compact match without differences is its ids and versions only", () => {
    const [c] = fc.sample(clientArb, { numRuns: 1, seed: 3 }) as Client[];
    if (!c) throw new Error("sample");
    const result = reconcile(
      [{ ...toImportRow(c, "9"), id: "c9", version: "4" }],
      [{ id: "c9", client: c, version: 4 }],
      { today },
    );
    const m = compactResult(result).matching[0];
    expect(result.matching[0]?.warnings).toEqual([]);
    expect(m).toEqual({ ref: "9", id: "c9", matchedOn: "clientId", version: 4, currentVersion: 4 });
  });
});
