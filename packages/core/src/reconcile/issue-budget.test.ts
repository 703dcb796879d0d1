import { describe, expect, it } from "vitest";
import type { ImportRow } from "../model/client.js";
import { reconcile } from "./reconcile.js";

/** A row with 10 bad links: 30 issues of its links, and more of its own. */
const row = (i: number): ImportRow => ({
  ref: `r${i}`,
  kind: "company",
  name: `Rij ${i} BV`,
  links: Array.from({ length: 10 }, () => ({ role: "koning", startDate: "morgen" })),
});

describe("reconcile's issue budget (maxIssuesInAll)", () => {
  it("keeps maxIssues a row while the budget lasts, then each row's first; the rest are counted", () => {
    const all = reconcile([row(0)], []).invalid[0]!.issues.length;
    expect(all).toBeGreaterThan(30);
    const result = reconcile([row(0), row(1), row(2)], [], { maxIssues: 20, maxIssuesInAll: 25 });
    const kept = result.invalid.map((r) => [r.issues.length, r.issuesOmitted]);
    expect(kept).toEqual([
      [20, all - 20],
      [5, all - 5],
      [1, all - 1],
    ]);
  });

  it("without a budget every row keeps maxIssues", () => {
    const result = reconcile([row(0), row(1)], [], { maxIssues: 20 });
    expect(result.invalid.map((r) => r.issues.length)).toEqual([20, 20]);
  });
});
