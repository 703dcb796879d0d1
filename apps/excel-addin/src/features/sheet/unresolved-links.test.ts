import { type ImportLink, validateRow } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { formatLinks, valuesToImportRow } from "./columns.js";

// Links to relations on another AdminPulse page can arrive without a resolved name.
const pulled: ImportLink[] = [
  { role: "director", relationIdentifier: "APR00105", name: "Goossens An" },
  { role: "shareholder", relationIdentifier: "APR00058", shares: "46" },
  { role: "auditor", relationIdentifier: "APR00103" },
];

describe("links whose name is not resolved", () => {
  it("are shown by their AdminPulse code, never as a nameless item", () => {
    const cells = formatLinks(pulled);
    expect(cells.shareholders).toBe("APR00058 (46)");
    expect(cells.auditors).toBe("APR00103");
  });

  it("go back as pulled (with their identifiers) and validate", () => {
    const values = {
      kind: "company",
      name: "Leclercq SA",
      enterpriseNumber: "0864.144.195",
      ...formatLinks(pulled),
    };
    const { row } = valuesToImportRow(values, "2", pulled);
    expect(row.links).toEqual(pulled);
    const checked = validateRow(row);
    const linkIssues = checked.ok ? [] : checked.issues.filter((i) => i.field.startsWith("links"));
    expect(linkIssues).toEqual([]);
  });

  it("still read back to valid links when the user edited another link cell", () => {
    const values = {
      kind: "company",
      name: "Leclercq SA",
      enterpriseNumber: "0864.144.195",
      ...formatLinks(pulled),
      directors: "Goossens An; Peeters Jan",
    };
    const { row } = valuesToImportRow(values, "2", pulled);
    const checked = validateRow(row);
    const linkIssues = checked.ok ? [] : checked.issues.filter((i) => i.field.startsWith("links"));
    expect(linkIssues).toEqual([]);
  });
});
