/**
 * The compact review answer (`answer: "compact"`): what a person has to look at in full, the rest
 * in brief. A 10,000-row review against a 10,000-client office answered every matching client
 * twice in full (the row and the record, ~2.3 KB); the pane only shows the ones that differ.
 * Here a match is its ids and versions, plus the client's name and numbers and its differences
 * only when it has differences or warnings; a new client is its name and numbers. Absent fields
 * read as their defaults (`differences: []`, `probable: false`) through reconcileResultSchema.
 */
import type { FullReconcileResult } from "./types.js";

type Wire = Record<string, unknown>;

export function compactResult(r: FullReconcileResult): {
  [K in keyof FullReconcileResult]: K extends "matching" | "onlyInImport"
    ? Wire[]
    : FullReconcileResult[K];
} {
  return {
    ...r,
    onlyInImport: r.onlyInImport.map((n) => {
      const out: Wire = {
        ref: n.ref,
        name: n.client.name,
        enterpriseNumber: n.client.enterpriseNumber,
        nationalNumber: n.client.nationalNumber,
      };
      if (n.warnings.length > 0) out.warnings = n.warnings;
      if (n.issuesOmitted) out.issuesOmitted = n.issuesOmitted;
      return out;
    }),
    matching: r.matching.map((m) => {
      const out: Wire = { ref: m.ref, id: m.id, matchedOn: m.matchedOn };
      if (m.version !== null) out.version = m.version;
      if (m.currentVersion !== null) out.currentVersion = m.currentVersion;
      if (m.differences.length === 0 && m.warnings.length === 0 && !m.probable) return out;
      out.name = m.client.name;
      out.enterpriseNumber = m.client.enterpriseNumber;
      out.nationalNumber = m.client.nationalNumber;
      out.code = m.client.sourceIds.code ?? m.existing.sourceIds.code;
      if (m.probable) out.probable = true;
      if (m.differences.length > 0) out.differences = m.differences;
      if (m.warnings.length > 0) out.warnings = m.warnings;
      if (m.issuesOmitted) out.issuesOmitted = m.issuesOmitted;
      return out;
    }),
  };
}
