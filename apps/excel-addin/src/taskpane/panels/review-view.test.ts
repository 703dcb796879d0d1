import { comparableFields, type ReconcileResult } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { differingFields } from "./review-view.js";

type Match = ReconcileResult["matching"][number];
const match = (fields: string[]) =>
  ({
    differences: fields.map((field) => ({ field, imported: "a", existing: "b", origin: "sheet" })),
  }) as unknown as Match;

describe("the fields a review's changed clients differ in", () => {
  it("each field once, in the comparable fields' order, and none for no difference", () => {
    const [first, second, third] = comparableFields;
    if (!first || !second || !third) throw new Error("core lists fewer than three fields");
    const got = differingFields([match([third, first]), match([]), match([first])]);
    expect(got).toEqual([first, third]);
    expect(differingFields([match([])])).toEqual([]);
  });
});
