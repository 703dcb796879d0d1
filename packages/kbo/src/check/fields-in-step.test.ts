/**
 * The register check names the client fields its findings are about by hand (a register knows
 * only a few). This keeps those names in step with core's field table: a renamed or removed field
 * fails here.
 */
import { fieldTable } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { registerFindingSchema } from "./check.js";

describe("register findings name fields of core's field table", () => {
  it("every finding field is a field (or the address group) of the table", () => {
    const paths = new Set(fieldTable.flatMap((f) => [f.path, f.path.split(".")[0] as string]));
    for (const field of registerFindingSchema.shape.field.options) {
      expect(paths.has(field), field).toBe(true);
    }
  });
});
