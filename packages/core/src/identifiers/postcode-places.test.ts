/**
 * The packed table holds the JSON's entries; checkPlacePlain folds names per postcode and per town asked; it must answer what the table of
 * every folded name of the list (how it was first built, kept here as the reference) answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "../validate/fold.js";
import places from "./data/postcodes-be.json" with { type: "json" };
import { postcodesPacked } from "./data/postcodes-be.packed.js";
import {
  checkPlacePlain,
  otherNames,
  type PlaceCheck,
  unpackPostcodes,
} from "./postcode-places.js";

const byPostcode: Readonly<Record<string, readonly string[]>> = places;

/** The whole-list table: folded names per postcode, postcodes per folded name (list order). */
function table() {
  const foldedOther = new Map(Object.entries(otherNames).map(([k, v]) => [fold(k), v.map(fold)]));
  const fits = new Map<string, Set<string>>();
  const postcodesOf = new Map<string, string[]>();
  for (const [postcode, names] of Object.entries(byPostcode)) {
    const set = new Set<string>();
    for (const name of names) {
      const folded = fold(name);
      for (const n of [folded, ...(foldedOther.get(folded) ?? [])]) {
        set.add(n);
        const list = postcodesOf.get(n) ?? [];
        if (!list.includes(postcode)) list.push(postcode);
        postcodesOf.set(n, list);
      }
    }
    fits.set(postcode, set);
  }
  return { fits, postcodesOf };
}

const reference = table();

function checkByTable(postcode: string, city: string): PlaceCheck {
  const set = reference.fits.get(postcode);
  const folded = fold(city);
  if (!set) return { fits: false, unknownPostcode: true };
  if (set.has(folded)) return { fits: true };
  const suggestions = [`${postcode} ${byPostcode[postcode]?.[0] ?? ""}`];
  for (const other of reference.postcodesOf.get(folded) ?? []) {
    if (suggestions.length < 4) suggestions.push(`${other} ${city.trim()}`);
  }
  return { fits: false, unknownPostcode: false, suggestions };
}

const postcodes = Object.keys(byPostcode);
const names = [
  ...new Set([...Object.values(byPostcode).flat(), ...Object.entries(otherNames).flat(2)]),
];

describe("checkPlacePlain answers as the whole-list table", () => {
  it("every postcode with its own names and another's", () => {
    for (const [i, postcode] of postcodes.entries()) {
      const towns = [...(byPostcode[postcode] ?? []), names[(i * 7919) % names.length] as string];
      for (const town of towns) {
        expect(checkPlacePlain(postcode, town)).toEqual(checkByTable(postcode, town));
      }
    }
  });

  it("every place name (and other official name) with a random postcode, spelt loosely", () => {
    const spelling = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      (s: string) => s.toLowerCase(),
      (s: string) => ` ${s.replaceAll("-", " ")} `,
      (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, ""),
      (s: string) => `'${s}`,
      (s: string) => `${s}x`,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...postcodes, "0000", "12345", "constructor", "__proto__", ""),
        fc.constantFrom(...names, "", "-", "'s", "Éé"),
        spelling,
        (postcode, name, spell) => {
          const town = spell(name);
          expect(checkPlacePlain(postcode, town)).toEqual(checkByTable(postcode, town));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("every place name against the postcode of the first place so called", () => {
    for (const name of names) {
      expect(checkPlacePlain("9000", name)).toEqual(checkByTable("9000", name));
      expect(checkPlacePlain("1000", name)).toEqual(checkByTable("1000", name));
    }
  });
});

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
