/** Step 4: ask the server what the sheet would change, and record the user's choices. */
import type { ComparableField, ReconcileChoices } from "@pulsebridge/core";
import { pulledScope } from "../../features/pull/pull.js";
import {
  initialChoices,
  overwriteFieldEverywhere,
  refreshCells,
  setAdd,
  setOverwrite,
  useAllFromSheet,
} from "../../features/review/choices.js";
import { fetchReview } from "../../features/review/review.js";
import { headerOf, rowOfRef } from "../../features/sheet/model.js";
import { isInvalid } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import type { Ctx } from "./context.js";
import type { FixActions } from "./fix.js";
import { freeSheetName, reviewTable } from "./review-copy.js";
import type { ValidateActions } from "./validate.js";

export function reviewActions(ctx: Ctx, v: ValidateActions, fix: FixActions) {
  const { get, set } = ctx;

  const pushableRows = () =>
    (get().validation?.results ?? [])
      .filter((r) => !r.skipped && !isInvalid(r))
      .map((r) => r.importRow);

  /**
   * What the review sends: the pushable rows, and the invalid rows that name their client by id
   * (issue 14): such a row still claims its client, which is then not "only in PulseBridge".
   * The worker answers them under `invalid`; they are never pushed.
   */
  const reviewRows = () =>
    (get().validation?.results ?? [])
      .filter(
        (r) =>
          !r.skipped &&
          (!isInvalid(r) ||
            Boolean(r.importRow.id?.trim() || r.importRow.sourceIds?.adminpulseId?.trim())),
      )
      .map((r) => r.importRow);

  /**
   * Before a push: the rows the review found invalid that the push will really send (and the server
   * will reject, e.g. duplicates), and the rows with errors that stay behind. Invalid rows that only
   * went to the review to claim their client (above) are not sent, so they are not "rejected ahead".
   */
  function pushOutlook() {
    const r = get().review;
    const sending = new Set(pushableRows().map((x) => x.ref));
    const results = get().validation?.results ?? [];
    return {
      rejectedAhead: (r?.invalid ?? []).filter((x) => sending.has(x.ref)).length,
      notSent: results.filter((x) => !x.skipped && isInvalid(x)).length,
    };
  }

  async function doReview() {
    const a = ctx.api();
    if (!a) return ctx.say("error", (l) => t(l, "error.needConnect"));
    if (!get().validation) await v.doValidate();
    if (pushableRows().length === 0) return ctx.say("info", (l) => t(l, "push.nothing"));
    const rows = reviewRows();
    await ctx.task("progress.review", async (signal) => {
      const table = get().table;
      // Only clients inside what the sheet was pulled from can be "only in PulseBridge" (ADR 0016).
      const scope = table ? await pulledScope(ctx.o.workbook, table) : undefined;
      // The pane's own validation fingerprints unchanged pulled rows (no second validateRow).
      const clients = new Map(get().validation?.results.map((r) => [r.importRow, r.client]));
      const review = await fetchReview(
        a,
        rows,
        signal,
        scope,
        (row) => clients.get(row) ?? undefined,
      );
      set({ review, choices: initialChoices(review), tab: "review" });
    });
  }

  /** The scope the sheet's table was pulled with; none for a sheet that was never pulled. */
  async function scope() {
    const table = get().table;
    return table ? pulledScope(ctx.o.workbook, table) : undefined;
  }

  /**
   * "Refresh these cells": AdminPulse's newer values for the fields it changed since the pull
   * (origin `source`) go into the sheet; the review is then stale and is asked again.
   */
  async function refreshFromSource() {
    const { review: r, sheet, lang } = get();
    if (!r || !sheet) return;
    const writes = refreshCells(r, lang).flatMap((c) => {
      const column = headerOf(sheet, c.key);
      return column ? [{ row: rowOfRef(sheet, c.ref), column, value: c.value }] : [];
    });
    const count = writes.length;
    await ctx.task("progress.write", () =>
      fix.applyWrites(writes, {
        edit: false,
        message: (l) => t(l, "review.refreshed", { count }),
      }),
    );
  }

  /** Writes the whole review into a new sheet, in the pane's language. */
  async function copyToSheet() {
    const { review: r, choices, lang } = get();
    if (!r) return;
    await ctx.task("progress.write", async (signal) => {
      const sheets = await ctx.o.workbook.listSheets();
      const sheet = freeSheetName(sheets, `PulseBridge ${t(lang, "review.sheetName")}`);
      const table = reviewTable(r, choices, lang);
      await ctx.o.workbook.writeTable(
        // Excel's table names are workbook-wide: numbered like the sheet ("… review 2" → "…2").
        { sheet, table: `PulseBridgeReview${sheet.match(/ (\d+)$/)?.[1] ?? ""}` },
        table,
        { signal, onProgress: ctx.progress("progress.write") },
      );
      const count = table.rows.length;
      ctx.say("success", (l) => t(l, "review.copied", { sheet, count }));
    });
  }

  /** Every change of choice goes through here: the review stays as the server gave it. */
  const choose = (f: (c: ReconcileChoices) => ReconcileChoices) => {
    const c = get().choices;
    if (c) set({ choices: f(c) });
  };

  return {
    pushableRows,
    pushOutlook,
    doReview,
    scope,
    copyToSheet,
    refreshFromSource,
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
