/**
 * Three-way origins of differences: the client as pulled (the base, rebuilt from the row's
 * version), the sheet's row, and the target's current record. A field the sheet changed since the
 * pull is the user's edit; a field only the target changed is news the sheet has not seen.
 */
import type { Client, ImportRow } from "../model/client.js";
import { differences } from "./differences.js";
import type { DifferenceOrigin, FieldDifference } from "./types.js";

/** The row's version as a number, or null when it carries none (or something that is not one). */
export function rowVersion(row: ImportRow): number | null {
  const v = row.version?.trim();
  if (!v || !/^\d{1,15}$/.test(v)) return null;
  return Number(v);
}

/**
 * Sets `origin` on each difference between the sheet (`imported`) and the target (`existing`).
 * `base` is the client at the row's version: `existing` itself when the version is current,
 * `undefined` when it cannot be rebuilt (no version, pruned, or a version the target never had).
 */
export function withOrigins(
  row: ImportRow,
  imported: Client,
  existing: Client,
  base: Client | undefined,
  diffs: FieldDifference[],
): FieldDifference[] {
  if (diffs.length === 0) return diffs;
  if (base === undefined) {
    for (const d of diffs) d.origin = "unknown";
    return diffs;
  }
  if (base === existing) {
    for (const d of diffs) d.origin = "sheet";
    return diffs;
  }
  const bySheet = new Set(differences(row, imported, base).map((d) => d.field));
  const bySource = new Set(differences(row, base, existing).map((d) => d.field));
  for (const d of diffs) d.origin = originOf(bySheet.has(d.field), bySource.has(d.field));
  return diffs;
}

function originOf(sheetChanged: boolean, sourceChanged: boolean): DifferenceOrigin {
  if (sheetChanged && sourceChanged) return "both";
  if (sourceChanged) return "source";
  if (sheetChanged) return "sheet";
  // Sheet = base = target cannot differ; kept total for a base that is not what it claims.
  return "unknown";
}
