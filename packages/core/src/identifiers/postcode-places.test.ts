import { describe, expect, it } from "vitest";
import places from "./data/postcodes-be.json" with { type: "json" };
import { postcodesPacked } from "./data/postcodes-be.packed.js";
import { checkPlacePlain, unpackPostcodes } from "./postcode-places.js";

describe("the packed postcode table", () => {
  it("holds every entry of postcodes-be.json, names and key order alike", () => {
    const unpacked = Object.entries(unpackPostcodes(postcodesPacked));
    expect(unpacked).toHaveLength(1192);
    expect(unpacked).toEqual(Object.entries(places));
  });

  it("answers from it: the municipality first, the zero-led special code, other names", () => {
    expect(checkPlacePlain("9000", "Gant")).toEqual({
      fits: false,
      unknownPostcode: false,
      suggestions: ["9000 Gent"],
    });
    expect(checkPlacePlain("0612", "Saint-Nicolas")).toEqual({ fits: true });
    expect(checkPlacePlain("4000", "Luik")).toEqual({ fits: true });
    expect(checkPlacePlain("0999", "Gent")).toEqual({ fits: false, unknownPostcode: true });
  });
});
