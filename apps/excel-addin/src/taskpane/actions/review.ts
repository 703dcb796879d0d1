/** Step 4: ask the server what the sheet would change, and record the user's choices. */
import type { ComparableField, ReconcileChoices } from "@pulsebridge/core";
import { pulledScope } from "../../features/pull/pull.js";
import {
  fetchReview,
  initialChoices,
  overwriteFieldEverywhere,
  setAdd,
  setOverwrite,
  useAllFromSheet,
} from "../../features/review/review.js";
import { isInvalid } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import type { Ctx } from "./context.js";
import type { ValidateActions } from "./validate.js";

export function reviewActions(ctx: Ctx, v: ValidateActions) {
  const { get, set } = ctx;

  const pushableRows = () =>
    (get().validation?.results ?? [])
      .filter((r) => !r.skipped && !isInvalid(r))
      .map((r) => r.importRow);

  async function doReview() {
    const a = ctx.api();
    if (!a) return ctx.say("error", (l) => t(l, "error.needConnect"));
    if (!get().validation) await v.doValidate();
    const rows = pushableRows();
    if (rows.length === 0) return ctx.say("info", (l) => t(l, "push.nothing"));
    await ctx.task("progress.review", async (signal) => {
      const table = get().table;
      // Only clients inside what the sheet was pulled from can be "only in PulseBridge" (ADR 0016).
      const scope = table ? await pulledScope(ctx.o.workbook, table) : undefined;
      const review = await fetchReview(a, rows, signal, scope);
      set({ review, choices: initialChoices(review), tab: "review" });
    });
  }

  /** Every change of choice goes through here: the review stays as the server gave it. */
  const choose = (f: (c: ReconcileChoices) => ReconcileChoices) => {
    const c = get().choices;
    if (c) set({ choices: f(c) });
  };

  return {
    pushableRows,
    doReview,
    setAdd: (ref: string, on: boolean) => choose((c) => setAdd(c, ref, on)),
    setOverwrite: (id: string, field: ComparableField, on: boolean) =>
      choose((c) => setOverwrite(c, id, field, on)),
    takeAllFromSheet: (id: string) => {
      const r = get().review;
      if (r) choose((c) => useAllFromSheet(c, r, id));
    },
    keepAll: (id: string) =>
      choose((c) => ({
        ...c,
        overwrite: Object.fromEntries(Object.entries(c.overwrite).filter(([k]) => k !== id)),
      })),
    overwriteEverywhere: (field: ComparableField) => {
      const r = get().review;
      if (r) choose((c) => overwriteFieldEverywhere(c, r, field, true));
    },
  };
}

export type ReviewActions = ReturnType<typeof reviewActions>;
