import type { SyncStateRow } from "../db/queries/sync.js";
import type { SourcePage } from "./source.js";

/**
 * What a relation page says about the scan's power to prove absence (ADR 0013). The first odd
 * thing found is kept on the run's state; any one of them forbids deletions for this run:
 * - `total_missing`: no totalRowCount, so nothing to check the seen count against;
 * - `row_count_changed`: relations were added or removed while we paged (offsets shifted);
 * - `page_count_changed`: the page count moved, so offset paging may have skipped relations;
 * - `empty_page`: a page before the last came back empty (a hiccup, or a filter we do not know).
 */
export function scanProblemOf(
  state: Pick<SyncStateRow, "nextPage" | "pageCount" | "totalRows">,
  page: Pick<SourcePage, "seenIds" | "unkeyed" | "pageCount" | "totalRowCount">,
  done: boolean,
): string | null {
  const n = state.nextPage;
  if (page.totalRowCount === null)
    return `total_missing: page ${n} carried no totalRowCount; absence cannot be checked`;
  if (state.totalRows !== null && page.totalRowCount !== state.totalRows)
    return `row_count_changed: page ${n} reported totalRowCount ${page.totalRowCount}, earlier ${state.totalRows}`;
  if (state.pageCount !== null && page.pageCount !== state.pageCount)
    return `page_count_changed: page ${n} reported pageCount ${page.pageCount}, earlier ${state.pageCount}`;
  if (page.seenIds.length + (page.unkeyed ?? 0) === 0 && !done)
    return `empty_page: page ${n} came back empty before the last page`;
  return null;
}

/**
 * Why a finished relation scan cannot prove that an unseen client is gone, or null when it can:
 * every page answered (the engine only gets here after the last one), nothing odd on any page, a
 * stable totalRowCount, and exactly that many relations seen.
 */
export function deletionProofProblem(
  state: Pick<SyncStateRow, "scanProblem" | "totalStable" | "totalRows" | "seenRows">,
): string | null {
  if (state.scanProblem) return state.scanProblem;
  if (!state.totalStable)
    return "row_count_changed: totalRowCount moved while the scan paged, so relations may have been skipped";
  if (state.totalRows === null)
    return "total_missing: AdminPulse sent no totalRowCount; absence cannot be checked";
  if (state.seenRows !== state.totalRows)
    return `seen_mismatch: the scan saw ${state.seenRows} relations, AdminPulse counts ${state.totalRows}`;
  return null;
}

/** Mapping problems of one page by code (what the run reports), plus records too large to store. */
export function problemCounts(
  page: Pick<SourcePage, "records" | "problems">,
  tooLarge: number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (code: string, n = 1) => {
    counts[code] = (counts[code] ?? 0) + n;
  };
  for (const r of page.records) for (const p of r.problems ?? []) add(p.code);
  for (const p of page.problems ?? []) add(p.code);
  if (tooLarge > 0) add("record.too_large", tooLarge);
  return counts;
}
