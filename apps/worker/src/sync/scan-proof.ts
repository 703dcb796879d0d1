import type { SyncStateRow } from "../db/queries/sync.js";
import type { SourcePage, TaskPage } from "./source.js";

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
 * A relation page without the relations this run has already seen (an id on an earlier page, or
 * twice on this one): offset paging that shifted, or an API answering a page twice. The first
 * listing of an id is the one kept; `repeated` counts the rest. Such a scan proves nothing about
 * absence (`duplicate_id`), and a second record under a seen id never overwrites the first.
 */
export function withoutRepeats<P extends Pick<SourcePage, "records" | "seenIds">>(
  page: P,
  seenBefore: ReadonlySet<string>,
): P & { repeated: number } {
  const first = new Set<string>();
  let repeated = 0;
  const seenIds: string[] = [];
  for (const id of page.seenIds) {
    if (seenBefore.has(id) || first.has(id)) repeated++;
    else {
      first.add(id);
      seenIds.push(id);
    }
  }
  if (repeated === 0) return { ...page, repeated };
  const kept = new Set<string>();
  const records = page.records.filter((r) => {
    if (seenBefore.has(r.adminpulseId) || kept.has(r.adminpulseId)) return false;
    kept.add(r.adminpulseId);
    return true;
  });
  return { ...page, records, seenIds, repeated };
}

/**
 * What a task page says against removing stored templates this run (the run's problem code), or
 * null: the task scan proves which templates a client no longer has only as a relation scan proves
 * absence (ADR 0013), so the same odd pages count against it:
 * - `tasks.empty_page`: a page before the last came back with no task;
 * - `tasks.page_count_changed`: the page count differs from an earlier page's;
 * - `tasks.unreadable`: tasks on the page could not be read (their links are missing).
 */
export function taskPageProblem(
  state: Pick<SyncStateRow, "taskPageCount">,
  page: Pick<TaskPage, "taskCount" | "pageCount" | "unreadable">,
  done: boolean,
): string | null {
  if (page.unreadable > 0) return "tasks.unreadable";
  if (state.taskPageCount !== null && page.pageCount !== state.taskPageCount)
    return "tasks.page_count_changed";
  if (page.taskCount === 0 && !done) return "tasks.empty_page";
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
