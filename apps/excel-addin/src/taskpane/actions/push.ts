/** Step 5: push the reviewed rows as one import, and bring the server's verdict into the sheet. */
import type { ImportResponse, ImportRow } from "@pulsebridge/core";
import { pulledScope } from "../../features/pull/pull.js";
import { createPersonStore } from "../../features/push/person.js";
import { pushImport } from "../../features/push/push.js";
import { columnOfIssue } from "../../features/sheet/columns.js";
import { statusHeader, summarize } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import type { Sent } from "../store/state.js";
import type { Ctx } from "./context.js";
import type { ReviewActions } from "./review.js";

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
      await markPushed(out.response, rows);
    });
  }

  /** Sent rows say so, rejected rows get the reasons; pushed rows are no longer "edited". */
  async function markPushed(res: ImportResponse, sentRows: ImportRow[]) {
    const { sheet, validation: v, table } = get();
    if (!sheet || !v || !table) return;
    const rejected = new Map(res.rejected.map((x) => [x.ref, x.issues]));
    const sent: Sent = {
      id: res.id,
      refs: new Set(sentRows.map((x) => x.ref)),
      rejected: new Set(),
    };
    const marked = [];
    const edited = new Set(get().edited);
    for (const r of v.results) {
      if (!sent.refs.has(r.ref)) continue;
      const issues = rejected.get(r.ref);
      if (issues) {
        r.issues = issues.map((i) => ({ ...i, column: columnOfIssue(i.field, []) }));
        sent.rejected.add(r.ref);
      } else edited.delete(r.row);
      marked.push(r);
    }
    set({ sent, validation: summarize(v.results), edited });
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

  return { doPush, startNewReview };
}
