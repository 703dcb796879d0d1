/** Step 3 continued: quick fixes, safe fixes, the KBO register and duplicates. */

import type { UiLanguage } from "@pulsebridge/core";
import { applyToSheet, safeFixes } from "../../features/fix/fix.js";
import {
  afterTaking,
  checkSheetAgainstRegister,
  type RegisterFix,
  takeRegisterValue,
} from "../../features/register/register.js";
import { statusHeader, summarize, validateOne } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import type { CellWrite } from "../../workbook/types.js";
import type { Ctx } from "./context.js";
import type { ValidateActions } from "./validate.js";

export type FixActions = ReturnType<typeof fixActions>;

export function fixActions(ctx: Ctx, v: ValidateActions) {
  const { get, set, o } = ctx;

  /**
   * Writes fixes, re-validates those rows and marks them: one write and one mark, however many
   * cells, so a fix costs the same number of context.sync() calls for one row or a hundred.
   */
  async function applyWrites(
    writes: CellWrite[],
    /** AdminPulse's own values written back are not the user's edits (nothing to push). */
    o2: { edit: boolean; message?: (lang: UiLanguage) => string } = { edit: true },
  ) {
    const { sheet, table, validation } = get();
    if (!table || !sheet || writes.length === 0) return;
    await o.workbook.writeCells(table, writes);
    applyToSheet(sheet, writes);
    const rows = [...new Set(writes.map((w) => w.row))];
    if (validation) {
      for (const row of rows) {
        const r = validateOne(sheet, row, v.ctxOf());
        validation.results[row] = r;
        ctx.forgetSent(r);
      }
      await o.workbook.markRows(
        table,
        rows.flatMap((row) => {
          const r = validation.results[row];
          return r ? [ctx.markOf(r, sheet)] : [];
        }),
        { statusHeader: statusHeader(sheet, get().lang), replaceAll: false },
      );
    }
    set({
      validation: validation ? summarize(validation.results) : null,
      review: null,
      // Added to the state as it is after the awaits above (edits may have come in meanwhile).
      edited: o2.edit ? new Set([...get().edited, ...rows]) : get().edited,
      sheetVersion: get().sheetVersion + 1,
      message: {
        kind: "success",
        text: o2.message ?? ((l) => t(l, "fix.applied", { count: writes.length })),
      },
    });
  }

  const applyFix = (write: CellWrite) =>
    ctx.task("progress.write", async () => applyWrites([write]));

  async function doSafeFixes() {
    const { sheet, validation } = get();
    if (!sheet || !validation) return;
    const writes = safeFixes(sheet, validation);
    await ctx.task("progress.write", async () => applyWrites(writes));
  }

  async function doRegisterCheck() {
    const a = ctx.api();
    const { sheet, table } = get();
    if (!a) return ctx.say("error", (l) => t(l, "error.needConnect"));
    if (!sheet || !table) return ctx.say("error", (l) => t(l, "error.noTable"));
    await ctx.task("progress.fetch", async (signal) => {
      const register = await checkSheetAgainstRegister({
        api: a,
        sheet,
        clients: [...get().pulledClients.values()],
        lang: get().lang,
        signal,
        onProgress: ctx.progress("progress.fetch"),
      });
      set({ register });
      await v.runValidation(signal);
    });
  }

  async function takeFromRegister(fix: RegisterFix) {
    const register = get().register;
    if (register) set({ register: afterTaking(register, fix) });
    await ctx.task("progress.write", async () => applyWrites(takeRegisterValue(fix)));
  }

  async function keepDuplicate(keep: number, rows: number[]) {
    const sheet = get().sheet;
    if (!sheet) return;
    const skipped = new Map(get().skipped);
    const keptRef = String(sheet.firstRow + keep);
    for (const r of rows)
      if (r !== keep) skipped.set(r, t(get().lang, "status.skipped", { ref: keptRef }));
    skipped.delete(keep);
    set({ skipped });
    await ctx.task("progress.validate", async (signal) => {
      await v.runValidation(signal);
      ctx.say("success", (l) => t(l, "dup.kept", { ref: keptRef }));
    });
  }

  return { applyWrites, applyFix, doSafeFixes, doRegisterCheck, takeFromRegister, keepDuplicate };
}
