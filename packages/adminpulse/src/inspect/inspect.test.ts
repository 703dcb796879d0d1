import { defaultModes, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withStandIn } from "../../test/helpers.js";
import { mapRelation } from "../mapping/map-relation.js";
import { resolveMappingTable } from "../mapping/table.js";
import { inspectAdminPulse } from "./inspect.js";

/** The inspect tool against the stand-in in each of its modes, over real HTTP (issue 12). */
let s: StandIn;
beforeAll(async () => {
  s = await withStandIn({ size: 40, seed: "inspect" });
});
afterAll(async () => s?.close());
beforeEach(() => s.controls.set(defaultModes()));

const now = () => new Date("2026-12-03T10:00:00Z");
const report = () => inspectAdminPulse({ baseUrl: s.url, token: s.token, pageSize: 40, now });
/** The override line of a report, parsed. */
const overrideOf = (md: string) => {
  const m = /ADMINPULSE_MAPPING='(.*)'/.exec(md);
  return m
    ? (JSON.parse(m[1]!) as {
        fields?: Record<string, string[]>;
        codes?: Record<string, Record<string, string>>;
        ignore?: string[];
      })
    : null;
};
const relations = async () => {
  const res = await fetch(`${s.url}/relations?page=0&pageSize=40`, {
    headers: { authorization: `Bearer ${s.token}` },
  });
  return ((await res.json()) as { results: Record<string, unknown>[] }).results;
};

describe("adminpulse:inspect", () => {
  it("default mode: fields, types, null rates and codes; personal values never shown; nothing to override", async () => {
    const md = await report();
    expect(md).toContain("| `relationType` | number 40 | 0 % |");
    expect(md).toMatch(/\| `address\.city` \| string \d+(, null \d+)? \| \d+ % \| masked/);
    expect(md).toContain("| `tos[].linkType` |");
    expect(md).toContain("the UUID works as a fallback");
    expect(md).not.toContain("ADMINPULSE_MAPPING=");
    expect(md).not.toContain(s.token);
    for (const r of await relations()) {
      for (const k of [
        "name",
        "email",
        "phone",
        "vatNumber",
        "nationalRegisterNumber",
        "id",
      ] as const)
        if (typeof r[k] === "string" && (r[k] as string).length > 3)
          expect(md, `${k} leaked`).not.toContain(r[k] as string);
    }
  });

  it("renamed fields: the override names them, and with it the renamed page maps as the plain one", async () => {
    const plain = await relations();
    s.controls.set({ renameFields: true });
    const md = await report();
    const override = overrideOf(md);
    expect(override?.fields).toMatchObject({
      enterpriseNumber: ["enterpriseNumber", "companyNumber", "vatNumber"],
      kind: ["type", "relationType"],
      email: ["emailAddress", "email"],
      responsibleUserId: ["responsibleId", "responsibleUserId"],
    });
    const table = resolveMappingTable(JSON.stringify(override));
    if (!table.ok) throw new Error(table.issues.join());
    const renamed = await relations();
    for (let i = 0; i < plain.length; i++)
      expect(mapRelation(renamed[i], { table: table.table }).client).toEqual(
        mapRelation(plain[i]).client,
      );
  });

  it("fields of another type: code words get their meaning, a one-line address is reported", async () => {
    s.controls.set({ retypeFields: true });
    const md = await report();
    expect(overrideOf(md)?.codes?.kind).toEqual({
      vennootschap: "company",
      eenmanszaak: "soleProprietor",
      persoon: "person",
    });
    expect(md).toMatch(/`address` type \| sent as string/);
  });

  it("extra fields are listed as unknown and offered for `ignore`", async () => {
    s.controls.set({ extraFields: true });
    const md = await report();
    expect(md).toContain("`customFields`");
    expect(overrideOf(md)?.ignore).toEqual(expect.arrayContaining(["customFields", "tags"]));
  });

  it("UUID 404, inactive relations hidden, no totalRowCount, a shrinking page count", async () => {
    s.controls.set({ uuidNotFound: true, hideInactiveEvery: 5 });
    let md = await report();
    expect(md).toContain("not found by its UUID: refreshes must use the APR code");
    expect(md).toContain("**8 more relations** than the default list");
    s.controls.set({ ...defaultModes(), omitTotalRowCount: true });
    md = await report();
    expect(md).toContain("**no totalRowCount**");
    s.controls.set({ ...defaultModes(), shrinkPageCountFrom: 0 });
    expect(await inspectAdminPulse({ baseUrl: s.url, token: s.token, pageSize: 10, now })).toMatch(
      /pageCount 3/,
    );
  });

  it("an expired key: the report says so", async () => {
    s.controls.set({ tokenExpiresAt: Date.now() - 1 });
    const md = await report();
    expect(md).toContain("**The token was refused** (401: The access token has expired)");
  });
});
