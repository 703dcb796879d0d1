import { importRequestSchema } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../test/fixtures.js";
import { rowsReadOnce } from "./body.js";

const body = () => ({
  source: "excel",
  createdBy: "x",
  rows: [
    { ref: "a", kind: "company", name: "Alpha", enterpriseNumber: validEnterprise(1) },
    { ref: "b", kind: "company", name: "Beta", links: [{ role: "koning" }] },
  ],
  choices: { overwrite: {}, add: [] },
});

describe("rowsReadOnce (issue 11/17)", () => {
  it("zod validates the rows as before, and each raw row is let go once read", () => {
    const raw = body();
    const rows = raw.rows;
    const parsed = importRequestSchema.parse(rowsReadOnce(raw));
    expect(parsed).toEqual(importRequestSchema.parse(body()));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r === undefined)).toBe(true);
  });

  it("gives zod's own issues and paths", () => {
    const bad = () => ({ ...body(), rows: [body().rows[0], { ref: 1, name: "x" }, "row"] });
    const once = importRequestSchema.safeParse(rowsReadOnce(bad()));
    const plain = importRequestSchema.safeParse(bad());
    expect(once.success).toBe(false);
    expect(once.error?.issues).toEqual(plain.error?.issues);
    expect(once.error?.issues.map((i) => i.path.join("."))).toContain("rows.1.ref");
  });

  it("leaves a body without a rows array as it is", () => {
    const b = { rows: "none" };
    expect(rowsReadOnce(b)).toBe(b);
    expect(rowsReadOnce(null)).toBeNull();
  });
});
