import { linkTypeCodes } from "@pulsebridge/adminpulse-stand-in";
import { describe, expect, it } from "vitest";
import { defaultMappingTable } from "./table.js";

/**
 * The stand-in generates AdminPulse's link type codes from its own table; the client reads them
 * from its mapping table. Two copies of one assumption (U8) that must stay, since the fake server
 * may not import the client it tests: this keeps them in step, code for code.
 */
describe("link type codes: the stand-in's and the mapping's", () => {
  const expectedRole = (name: string) => (name === "ownerDirector" ? "director" : name);

  it("the mapping reads every code the stand-in can send as the role of that link type", () => {
    for (const [name, code] of Object.entries(linkTypeCodes))
      expect([name, defaultMappingTable.codes.linkRole[String(code)]]).toEqual([
        name,
        expectedRole(name),
      ]);
  });

  it("the mapping knows no code the stand-in does not model", () => {
    const sent = new Set(Object.values(linkTypeCodes).map(String));
    expect(Object.keys(defaultMappingTable.codes.linkRole).filter((c) => !sent.has(c))).toEqual([]);
  });
});
