import { describe, expect, it } from "vitest";
import { versionChanges } from "./history.js";
import { emptyClient } from "./testing.js";

describe("versionChanges", () => {
  const v1 = { ...emptyClient("company", "Acme"), email: "a@acme.be" };
  it("lists each changed field with its before and after, address per part", () => {
    const v2 = {
      ...v1,
      email: "b@acme.be",
      address: {
        street: "Veldstraat",
        number: "1",
        box: null,
        postalCode: "9000",
        city: "Gent",
        country: "BE",
      },
    };
    expect(versionChanges(v1, v2)).toEqual([
      { field: "email", before: "a@acme.be", after: "b@acme.be" },
      { field: "address.street", before: null, after: "Veldstraat" },
      { field: "address.number", before: null, after: "1" },
      { field: "address.postalCode", before: null, after: "9000" },
      { field: "address.city", before: null, after: "Gent" },
      { field: "address.country", before: null, after: "BE" },
    ]);
    expect(versionChanges(v2, v2)).toEqual([]);
  });
  it("the first version shows every filled field as new", () => {
    expect(versionChanges(null, v1).map((c) => c.field)).toEqual(["kind", "name", "email"]);
  });
});
