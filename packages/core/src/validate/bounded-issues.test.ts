/**
 * `maxIssues` (issue 11): a server keeps the first issues of a row and only counts the rest, so a
 * row of 200 bad links cannot make it hold 600 issue objects. What is kept, what is counted and the
 * row's verdict must be what the unbounded run gives.
 */
import { describe, expect, it } from "vitest";
import type { ImportRow } from "../model/client.js";
import { reconcile } from "../reconcile/reconcile.js";
import { validateRow } from "./validate-row.js";

const today = new Date("2026-06-01T00:00:00Z");
const company = { kind: "company", name: "Versterker BV", enterpriseNumber: "0403.019.261" };
/** Three errors per link: unknown role, no target, unreadable start date. */
const badLink = { role: "koning", startDate: "morgen" };
/** One warning per link: "1.500" reads as 1500 or 1.5. */
const ambiguousLink = { role: "aandeelhouder", name: "Y", shares: "1.500" };

const row = (links: ImportRow["links"]): ImportRow => ({ ref: "r1", ...company, links });

describe("validateRow with maxIssues", () => {
  it("keeps the first issues and counts every other one", () => {
    const links = Array.from({ length: 100 }, () => badLink);
    const all = validateRow(row(links), { today });
    const bounded = validateRow(row(links), { today, maxIssues: 20 });
    if (all.ok || bounded.ok) throw new Error("expected invalid rows");
    expect(all.issues).toHaveLength(300);
    expect(all.issuesOmitted).toBeUndefined();
    expect(bounded.issues).toEqual(all.issues.slice(0, 20));
    expect(bounded.issuesOmitted).toBe(280);
  });

  it("an error past the cap still makes the row invalid", () => {
    const links = [...Array.from({ length: 25 }, () => ambiguousLink), badLink];
    const result = validateRow(row(links), { today, maxIssues: 20 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.every((i) => i.severity === "warning")).toBe(true);
    expect(result.issuesOmitted).toBe(25 + 3 - 20);
  });

  it("warnings past the cap leave the row valid, with every good link kept", () => {
    const links = Array.from({ length: 30 }, () => ambiguousLink);
    const result = validateRow(row(links), { today, maxIssues: 20 });
    if (!result.ok) throw new Error("expected a valid row");
    expect(result.warnings).toHaveLength(20);
    expect(result.issuesOmitted).toBe(10);
    expect(result.client.links).toHaveLength(30);
  });

  it("a row under the cap is the unbounded answer, with no count", () => {
    const result = validateRow(row([badLink]), { today, maxIssues: 20 });
    expect(result).toEqual(validateRow(row([badLink]), { today }));
    expect(result.issuesOmitted).toBeUndefined();
  });

  it("echoes at most 80 characters of a cell in an issue", () => {
    const long = "x".repeat(2000);
    const result = validateRow({ ref: "r1", ...company, language: long }, { today });
    if (result.ok) throw new Error("expected invalid");
    const issue = result.issues.find((i) => i.field === "language");
    expect(issue?.params?.value).toBe(`${"x".repeat(80)}…`);
    expect(issue?.message.length).toBeLessThan(200);
  });
});

describe("reconcile with maxIssues", () => {
  it("reports the count of left-out issues on invalid and valid rows", () => {
    const rows: ImportRow[] = [
      row(Array.from({ length: 50 }, () => badLink)),
      {
        ...row(Array.from({ length: 22 }, () => ambiguousLink)),
        ref: "r2",
        enterpriseNumber: "0404.616.494",
      },
    ];
    const result = reconcile(rows, [], { today, maxIssues: 20 });
    expect(result.invalid).toEqual([expect.objectContaining({ ref: "r1", issuesOmitted: 130 })]);
    expect(result.invalid[0]?.issues).toHaveLength(20);
    expect(result.onlyInImport).toEqual([expect.objectContaining({ ref: "r2", issuesOmitted: 2 })]);
  });
});
