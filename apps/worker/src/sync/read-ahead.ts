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

type Answer = SourceResult<TaskPage> | SourceResult<SourcePage>;

/**
 * The step's page reads, one read ahead (ADR 0026): the page after the current one is asked for
 * while the current one is processed and written, so AdminPulse's answer time overlaps D1's work
 * instead of adding to it. A read is not a write: every batch still passes the lease guard, so an
 * answer that arrives after the lease expired is only ever dropped. A read counts as a call when it
 * is made (`calls`: the step's call budget; the rate limiter paces it like any call).
 */
export function pageReader(source: RelationSource, pageSize: number) {
  let ahead: { read: PageRead; answer: Promise<Answer> } | undefined;
  let calls = 0;
  const start = (read: PageRead): Promise<Answer> => {
    calls++;
    return read.kind === "tasks"
      ? source.listTaskPage(read.page, pageSize)
      : source.listPage(read.page, pageSize);
  };
  const take = (read: PageRead): Promise<Answer> => {
    const made = ahead && ahead.read.kind === read.kind && ahead.read.page === read.page;
    const answer = made ? ahead!.answer : start(read);
    ahead = undefined;
    return answer;
  };
  return {
    /** Reads made so far, ahead or not. */
    get calls() {
      return calls;
    },
    /** Whether `read` is already under way (it needs no budget any more). */
    has(read: PageRead | null): boolean {
      return !!read && !!ahead && ahead.read.kind === read.kind && ahead.read.page === read.page;
    },
    /** Starts `read` now, to be taken later; at most one read is ahead. */
    readAhead(read: PageRead) {
      if (ahead) return;
      const answer = start(read);
      // Dropped when the step ends first (a lost lease, a failed write): never an unhandled rejection.
      answer.catch(() => {});
      ahead = { read, answer };
    },
    tasks: (page: number) => take({ kind: "tasks", page }) as Promise<SourceResult<TaskPage>>,
    relations: (page: number) =>
      take({ kind: "relations", page }) as Promise<SourceResult<SourcePage>>,
  };
}
