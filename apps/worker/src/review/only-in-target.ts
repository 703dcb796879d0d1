/**
 * A review's `onlyInTarget` (POST /v1/reconcile): the office's live clients no row matched, within
 * the pull's scope, in id order, as core's reconcile lists them. The review reconciles against only
 * the clients its rows can match (`candidatesOf`, issue 17), so this list comes from the cache
 * itself: read in pages of summaries (seven columns, not whole clients) while the answer is
 * written, never all at once.
 */
import { checkId, type PullScope } from "@pulsebridge/core";
import type { Db } from "../db/client.js";
import { type ExtraClientColumn, liveClientValues } from "../db/queries/client-values.js";
import { foldSearch } from "../sync/content-hash.js";

type Row = unknown[];

/** Positions in a summary row (`summaryColumns`), then the scope's extra column. */
const [ID, KIND, NAME, ENTERPRISE, NATIONAL, CODE, AP, EXTRA] = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/**
 * What decides whether a cached client is inside the pull's scope, the way GET /v1/clients selects,
 * and the column it needs (read after the summary's).
 */
function scopeFilter(
  scope: PullScope | undefined,
): { column: ExtraClientColumn | null; keep: (r: Row) => boolean } | undefined {
  if (!scope || scope.mode === "all") return undefined;
  if (scope.mode === "taskTemplate") {
    const name = scope.taskTemplate;
    return {
      column: "task_templates",
      keep: (r) => (JSON.parse(r[EXTRA] as string) as string[]).includes(name),
    };
  }
  const id = checkId("enterprise", scope.text.trim());
  if (id.valid) return { column: null, keep: (r) => r[ENTERPRISE] === id.normalized };
  const text = foldSearch(scope.text);
  return { column: "search_text", keep: (r) => (r[EXTRA] as string).includes(text) };
}

/** onlyInTarget's entries, page by page: the clients not in `matched` (their ids) and in scope. */
export async function* onlyInTarget(
  db: Db,
  officeId: string,
  scope: PullScope | undefined,
  matched: ReadonlySet<string>,
  pageSize = 1_000,
): AsyncGenerator<Record<string, unknown>> {
  const filter = scopeFilter(scope);
  let after = "";
  for (;;) {
    const page = await liveClientValues(
      db,
      officeId,
      after,
      pageSize,
      filter?.column ?? null,
      undefined,
      "summary",
    );
    for (const r of page) {
      if (matched.has(r[ID] as string) || (filter && !filter.keep(r))) continue;
      yield {
        id: r[ID],
        kind: r[KIND],
        name: r[NAME],
        enterpriseNumber: r[ENTERPRISE],
        nationalNumber: r[NATIONAL],
        code: r[CODE],
        adminpulseId: r[AP],
      };
    }
    if (page.length < pageSize) return;
    after = page[page.length - 1]?.[ID] as string;
  }
}
