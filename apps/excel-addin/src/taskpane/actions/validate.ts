/**
 * Step 3: validate the table, re-validate edited rows, move between problems, and keep the status
 * column in the user's language. Reads and writes the sheet only through the Workbook.
 */
import { guessExact } from "../../features/map-columns/guess.js";
import type { FieldKey, Mapping } from "../../features/sheet/columns.js";
import { loadSheet, rowValues } from "../../features/sheet/model.js";
import {
  issueText,
  nextProblem,
  statusHeader,
  summarize,
  validateOne,
  validateSheet,
} from "../../features/validate/validate.js";
import { t as tr } from "../../i18n/ui.js";
import { problemsOf, stepProblem } from "../problems/model.js";
import type { Ctx } from "./context.js";

export function validateActions(ctx: Ctx) {
  const { get, set, o } = ctx;
  let unwatch: null | (() => Promise<void>) = null;
  const ctxOf = () => ({ pulledLinks: get().pulled, skipped: get().skipped });

  async function reload(signal?: AbortSignal, mapping?: Mapping) {
    const s = get();
    if (!s.table) return;
    const table = await o.workbook.readTable(s.table, {
      signal,
      onProgress: ctx.progress("progress.read"),
    });
    if (!table) throw new Error(ctx.tr("error.noTable"));
    const sheet = loadSheet(
      s.table,
      table,
      mapping ?? s.sheet?.mapping ?? guessExact(table.headers),
    );
    set({
      sheet,
      sheetVersion: s.sheetVersion + 1,
      skipped: new Map([...s.skipped].filter(([r]) => r < table.rows.length)),
    });
    await watch();
  }

  async function watch() {
    await unwatch?.();
    unwatch = null;
    const { table, sheet, lang } = get();
    if (!table || !sheet) return;
    unwatch = await o.workbook.onEdit(table, (rows) => void revalidateRows(rows), {
      ignoreColumns: [statusHeader(sheet, lang)],
    });
  }

  async function runValidation(signal?: AbortSignal) {
    const { sheet, table } = get();
    if (!sheet || !table) throw new Error(ctx.tr("error.noTable"));
    const validation = await validateSheet(sheet, ctxOf(), {
      signal,
      onProgress: ctx.progress("progress.validate"),
    });
    set({ validation, review: null, choices: null, sent: null });
    await o.workbook.markRows(
      table,
      validation.results.map((r) => ctx.markOf(r, sheet)),
      { statusHeader: statusHeader(sheet, get().lang), replaceAll: true },
      { signal },
    );
    await reload(signal);
    set({ tab: "validate" });
  }

  async function doValidate() {
    if (!get().table) return ctx.say("error", (l) => tr(l, "error.noTable"));
    await ctx.task("progress.validate", async (signal) => {
      await reload(signal);
      await runValidation(signal);
    });
  }

  /** A user edit: those rows only, one read and one mark each. */
  async function revalidateRows(rows: number[]) {
    const { sheet, validation: v, table } = get();
    if (!sheet || !v || !table) return;
    const done: number[] = [];
    for (const row of rows) {
      const line = await o.workbook.readRow(table, row);
      if (!line) continue;
      done.push(row);
      sheet.rows[row] = rowValues(line.headers, line.values, sheet.mapping);
      const r = validateOne(sheet, row, ctxOf());
      v.results[row] = r;
      ctx.forgetSent(r);
      await o.workbook.markRows(table, [ctx.markOf(r, sheet)], {
        statusHeader: statusHeader(sheet, get().lang),
        replaceAll: false,
      });
      ctx.say("info", (l) => tr(l, "validate.revalidated", { ref: r.ref }));
    }
    // Edits arrive faster than they are read back (each awaits the workbook): the edited rows are
    // added to the state as it is now, never to a copy taken before those awaits.
    set({
      validation: summarize(v.results),
      review: null,
      edited: new Set([...get().edited, ...done]),
      sheetVersion: get().sheetVersion + 1,
    });
  }

  async function goTo(row: number, column: FieldKey | null) {
    const { table, sheet } = get();
    if (!table || !sheet) return;
    const header =
      (column && sheet.mapping[column]) || sheet.mapping.name || sheet.headers[0] || "";
    set({ cursor: { row, column } });
    await o.workbook.selectCell(table, row, header);
  }

  /** Next (or previous) problem from the cursor; `code` keeps to one kind. */
  async function step(dir: 1 | -1, code?: string) {
    const { validation: v, sheet, cursor, lang } = get();
    if (!v || !sheet) return;
    const p =
      dir === 1
        ? nextProblem(v, code ? null : cursor, code)
        : stepProblem(problemsOf(sheet, v, lang), cursor, -1);
    if (!p) return ctx.say("info", (l) => tr(l, "validate.none"));
    await goTo(p.row, p.column);
    const ref = String(sheet.firstRow + p.row);
    const issue = { ...p.issue, column: p.column };
    ctx.say("info", (l) => `${tr(l, "fix.row", { ref })}: ${issueText(issue, l)}`);
  }

  /** The status column and highlights again, in the current language, from stored results. */
  async function restatus() {
    const { sheet, validation: v, table, busy, lang } = get();
    if (!sheet || !v || !table) return;
    if (busy) return set({ restatus: true });
    set({ restatus: false });
    try {
      await o.workbook.markRows(
        table,
        v.results.map((r) => ctx.markOf(r, sheet)),
        { statusHeader: statusHeader(sheet, lang), replaceAll: true },
      );
    } catch (e) {
      ctx.say("error", (l) => ctx.errorText(e, l));
    }
  }
  ctx.hooks.restatus = restatus;

  return { reload, runValidation, doValidate, revalidateRows, goTo, step, restatus, ctxOf };
}

export type ValidateActions = ReturnType<typeof validateActions>;
