import type { SyncStateRow } from "../db/queries/sync.js";
import type { RelationSource, SourcePage, SourceResult, TaskPage } from "./source.js";

/** An AdminPulse list page a run reads. */
export interface PageRead {
  kind: "tasks" | "relations";
  page: number;
}

/** The page a run at `state` reads next, or null when it reads none (finalizing, idle). */
export function nextRead(
  state: Pick<SyncStateRow, "phase" | "taskNextPage" | "nextPage">,
): PageRead | null {
  if (state.phase === "tasks") return { kind: "tasks", page: state.taskNextPage };
  if (state.phase === "paging") return { kind: "relations", page: state.nextPage };
  return null;
}

/**
 * Pages read ahead at most, by kind. Task pages keep only their (relation, template) links and are
 * written in one small statement, so three ahead keep the limiter's pace (a call start every
 * 126 ms) while each answer takes up to three spacings to arrive. A relation page holds 400 mapped
 * clients and is written in a statement of hundreds of rows, the longer task: one read overlapping
 * one write is what there is to gain, and every further page ahead is another page in the isolate's
 * heap (issue 17: 89 MB committed with three, the bound is 64).
 */
export const readAheadPages: Record<PageRead["kind"], number> = { tasks: 3, relations: 1 };

/** The most pages of any kind read ahead: how far ahead a step looks. */
export const readAheadMost = Math.max(...Object.values(readAheadPages));

/**
 * The pages a run at `state` will read next, in order, as far as it can tell: the rest of the task
 * pages, then the relation pages (only the next one while their count is unknown). A guess that
 * turns out wrong (an empty page, a count that shrinks) costs an unused call, never a wrong page:
 * every page is still taken by its number.
 */
export function upcomingReads(
  state: Pick<SyncStateRow, "phase" | "taskNextPage" | "taskPageCount" | "nextPage" | "pageCount">,
  n: number,
): PageRead[] {
  const out: PageRead[] = [];
  const relations = () => {
    const last = state.pageCount === null ? state.nextPage : state.pageCount - 1;
    for (let p = state.nextPage; p <= last && out.length < n; p++)
      out.push({ kind: "relations", page: p });
  };
  if (state.phase === "tasks") {
    const last = state.taskPageCount === null ? state.taskNextPage : state.taskPageCount - 1;
    for (let p = state.taskNextPage; p <= last && out.length < n; p++)
      out.push({ kind: "tasks", page: p });
    // Tasks first (ADR 0023); a run whose relation pages are all read goes on to finalize.
    if (
      state.taskPageCount !== null &&
      (state.pageCount === null || state.nextPage < state.pageCount)
    )
      relations();
  } else if (state.phase === "paging") relations();
  return out;
}

type Answer = SourceResult<TaskPage> | SourceResult<SourcePage>;
const keyOf = (r: PageRead) => `${r.kind}:${r.page}`;

/**
 * The step's page reads, up to `readAheadPages` ahead (ADR 0026): the pages after the current one
 * are asked for while the current one is processed and written, so AdminPulse's answer time
 * overlaps D1's work and the other answers instead of adding to them. A read is not a write: every
 * batch still passes the lease guard, so an answer that arrives after the lease expired is only
 * ever dropped. A read counts as a call when it is made (`calls`: the step's call budget; the rate
 * limiter paces it like any call).
 */
export function pageReader(source: RelationSource, pageSize: number) {
  const ahead = new Map<string, Promise<Answer>>();
  const aheadOf = (kind: PageRead["kind"]) =>
    [...ahead.keys()].filter((k) => k.startsWith(`${kind}:`)).length;
  let calls = 0;
  const start = (read: PageRead): Promise<Answer> => {
    calls++;
    return read.kind === "tasks"
      ? source.listTaskPage(read.page, pageSize)
      : source.listPage(read.page, pageSize);
  };
  const take = (read: PageRead): Promise<Answer> => {
    const made = ahead.get(keyOf(read));
    ahead.delete(keyOf(read));
    return made ?? start(read);
  };
  return {
    /** Reads made so far, ahead or not. */
    get calls() {
      return calls;
    },
    /** Pages of `kind` read ahead and not yet taken. */
    ahead: aheadOf,
    /** Whether `read` is already under way (it needs no budget any more). */
    has(read: PageRead | null): boolean {
      return !!read && ahead.has(keyOf(read));
    },
    /** Starts the first of `reads` not yet under way, up to `readAheadPages`, while `mayCall(read)`. */
    readAhead(reads: PageRead[], mayCall: (read: PageRead) => boolean) {
      for (const read of reads) {
        if (aheadOf(read.kind) >= readAheadPages[read.kind]) return;
        if (ahead.has(keyOf(read))) continue;
        if (!mayCall(read)) return;
        const answer = start(read);
        // Dropped when the step ends first (a lost lease, a failed write): never an unhandled rejection.
        answer.catch(() => {});
        ahead.set(keyOf(read), answer);
      }
    },
    tasks: (page: number) => take({ kind: "tasks", page }) as Promise<SourceResult<TaskPage>>,
    relations: (page: number) =>
      take({ kind: "relations", page }) as Promise<SourceResult<SourcePage>>,
  };
}
