/** Step 5: push the reviewed rows as one import, and bring the server's verdict into the sheet. */
import { pulledScope } from "../../features/pull/pull.js";
import { createPersonStore } from "../../features/push/person.js";
import { pushImport } from "../../features/push/push.js";
import { columnOfIssue } from "../../features/sheet/columns.js";
import { statusHeader, summarize } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import type { Sent } from "../store/state.js";
import type { Ctx } from "./context.js";
import type { ReviewActions } from "./review.js";

/** Rejected rows per page past the push's answer (the route's maximum). */
const rejectedPage = 2_000;

export function pushActions(ctx: Ctx, review: ReviewActions) {
  const { get, set, o } = ctx;

  async function doPush() {
    const a = ctx.api();
    if (!a) return ctx.say("error", (l) => t(l, "error.needConnect"));
    const { review: r, choices } = get();
    if (!r || !choices) return ctx.say("info", (l) => t(l, "push.needReview"));
    const rows = review.pushableRows();
    const table = get().table;
    // The client each row matched: a staged push sends each part only its own overwrites.
    const idOf = new Map(r.matching.map((m) => [m.ref, m.id]));
    await ctx.task("progress.push", async (signal) => {
      const out = await pushImport({
        api: a,
        rows,
        choices,
        // The person (asked once, features/push/person.ts), else the key's name (ADR 0021).
        createdBy:
          createPersonStore(o.storage, o.partitionKey).get() ||
          o.userName ||
          get().connected?.key ||
          "excel",
        store: ctx.pushStore,
        signal,
        // The scope the sheet was pulled with travels with the push (ADR 0016).
        scope: table ? await pulledScope(o.workbook, table) : undefined,
        idOfRef: (ref) => idOf.get(ref),
        onProgress: ctx.progress("progress.push"),
      });
      // A failure is shown once, in the push panel, next to the retry button.
      if (!out.ok) return set({ tab: "push", pushError: out.error });
      // A second click must not send the same rows again under a new key: review again first.
      set({ tab: "push", pushError: null, pushResult: out.response, review: null, choices: null });
      const sent: Sent = {
        id: out.response.id,
        refs: new Set(rows.map((x) => x.ref)),
        rejected: new Set(),
        editedBefore: new Set(get().edited),
      };
      set({ sent });
      // Every rejected row comes back to the sheet, also past the answer's first 1,000; rows
      // fetched before a failure are marked all the same (the rest stay one click away).
      try {
        await fetchRejected(signal);
      } finally {
        await markPushed();
      }
    });
  }

  /** Pages `GET /v1/imports/{id}/rows?action=rejected` until the rejected list is complete. */
  async function fetchRejected(signal: AbortSignal) {
    const a = ctx.api();
    let res = get().pushResult;
    while (a && res?.rejectedNextCursor) {
      const page = await a.importRowsPage(
        res.id,
        { action: "rejected", cursor: res.rejectedNextCursor, limit: rejectedPage },
        signal,
      );
      const more = page.data.map((r) => ({
        ref: r.ref,
        issues: r.issues,
        ...(r.issuesOmitted ? { issuesOmitted: r.issuesOmitted } : {}),
      }));
      res = { ...res, rejected: [...res.rejected, ...more], rejectedNextCursor: page.nextCursor };
      set({ pushResult: res });
      ctx.progress("progress.rejected")(res.rejected.length, res.counts.rejected);
    }
  }

  /** "Fetch the remaining rejected rows", after a push whose paging was cut off. */
  async function loadRejected() {
    await ctx.task("progress.rejected", async (signal) => {
      try {
        await fetchRejected(signal);
      } finally {
        await markPushed();
      }
    });
  }

  /**
   * Sent rows say so, rejected rows get the reasons; accepted rows are no longer "edited" (a row
   * edited before the push and found rejected only on a later page is edited again).
   */
  async function markPushed() {
    const { sheet, validation: v, table, pushResult: res, sent } = get();
    if (!sheet || !v || !table || !res || !sent || sent.id !== res.id) return;
    const rejected = new Map(res.rejected.map((x) => [x.ref, x.issues]));
    const marked = [];
    const edited = new Set(get().edited);
    for (const r of v.results) {
      if (!sent.refs.has(r.ref)) continue;
      const issues = rejected.get(r.ref);
      if (issues) {
        r.issues = issues.map((i) => ({ ...i, column: columnOfIssue(i.field, []) }));
        sent.rejected.add(r.ref);
        if (sent.editedBefore.has(r.row)) edited.add(r.row);
      } else edited.delete(r.row);
      marked.push(r);
    }
    set({ sent: { ...sent }, validation: summarize(v.results), edited });
    await o.workbook.markRows(
      table,
      marked.map((r) => ctx.markOf(r, sheet)),
      { statusHeader: statusHeader(sheet, get().lang), replaceAll: false },
    );
  }

  /** After a push: a new review of the sheet as it is now. The sheet itself is not touched. */
  function startNewReview() {
    set({
      review: null,
      choices: null,
      pushResult: null,
      pushError: null,
      message: null,
      tab: "review",
    });
  }

  return { doPush, loadRejected, startNewReview };
}
