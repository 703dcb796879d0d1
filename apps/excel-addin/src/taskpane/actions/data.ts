/** Step 2: pull clients into the table, or start from a sheet the user has (column mapping). */
import {
  guessMapping,
  isPulsebridgeTable,
  recallMapping,
  rememberMapping,
} from "../../features/map-columns/guess.js";
import { summaryText } from "../../features/pull/merge.js";
import { defaultTable, type PullQuery, pull, pulledLinks } from "../../features/pull/pull.js";
import type { Mapping } from "../../features/sheet/columns.js";
import { rememberClients } from "../../functions/cache.js";
import { t } from "../../i18n/ui.js";
import type { Tab } from "../store/state.js";
import type { Ctx } from "./context.js";
import type { ValidateActions } from "./validate.js";

export function dataActions(ctx: Ctx, v: ValidateActions) {
  const { get, set, o } = ctx;

  function show(tab: Tab) {
    set({ tab });
    if (tab === "data") refreshSheets();
  }

  /** The sheets for "start from a sheet you have", read again whenever the data tab opens. */
  function refreshSheets() {
    void o.workbook.listSheets().then((sheets) => {
      const mapSheet = sheets.includes(get().mapSheet) ? get().mapSheet : (sheets[0] ?? "");
      set({ sheets, mapSheet });
    });
  }

  const isPulled = () => {
    const sheet = get().sheet;
    return sheet ? isPulsebridgeTable(sheet.headers) : true;
  };

  async function doPull() {
    const a = ctx.api();
    if (!a) return ctx.say("error", (l) => t(l, "error.needConnect"));
    const s = get();
    const query: PullQuery =
      s.pullMode === "taskTemplate"
        ? { mode: "taskTemplate", taskTemplate: s.pullTemplate }
        : s.pullMode === "search"
          ? { mode: "search", text: s.pullSearch }
          : { mode: "all" };
    await ctx.task("progress.fetch", async (signal) => {
      const ref = s.table && isPulled() ? s.table : defaultTable;
      const r = await pull({
        api: a,
        workbook: o.workbook,
        query,
        lang: get().lang,
        ref,
        signal,
        onProgress: (p) =>
          ctx.progress(p.phase === "fetch" ? "progress.fetch" : "progress.write")(p.done, p.total),
        // A sheet pulled before: the user sees what the merge will do before anything changes.
        confirm: (summary) =>
          new Promise<boolean>((resolve) => {
            const answer = (ok: boolean) => {
              signal.removeEventListener("abort", cancel);
              set({ pullConfirm: null });
              resolve(ok);
            };
            const cancel = () => answer(false);
            signal.addEventListener("abort", cancel);
            set({ pullConfirm: { summary, answer }, tab: "data" });
          }),
      });
      rememberClients(r.clients);
      const pulledClients = new Map(get().pulledClients);
      for (const c of r.clients) pulledClients.set(c.id, c);
      const pulled = new Map(get().pulled);
      for (const [k, links] of pulledLinks(r.clients)) pulled.set(k, links);
      set({
        pulledClients,
        pulled,
        register: null,
        table: ref,
        pulledAt: Date.now(),
        edited: new Set(),
        conflicts: new Map(r.conflicts.map((c) => [c.row, c.keys])),
      });
      await v.reload(signal);
      const counts = { pulled: r.pulled, updated: r.updated, added: r.added, kept: r.kept };
      await v.runValidation(signal);
      const again = r.summary.refreshed + r.summary.keptEdits + r.summary.conflicts > 0;
      ctx.say("success", (l) =>
        again
          ? `${t(l, "data.pulled", counts)} ${summaryText(r.summary, l)}`
          : t(l, "data.pulled", counts),
      );
    });
  }

  async function startMapping() {
    const sheet = get().mapSheet || (await o.workbook.activeSheet());
    await ctx.task("progress.read", async (signal) => {
      const ref = await o.workbook.ensureTable(
        sheet,
        `PulseBridgeImport${sheet.replace(/[^A-Za-z0-9]/g, "")}`,
      );
      if (!ref) throw new Error(ctx.tr("error.noTable"));
      const table = await o.workbook.readTable(ref, { signal });
      if (!table) throw new Error(ctx.tr("error.noTable"));
      // The user's correction for this layout if any, else a guess from headers and values.
      const mapping =
        recallMapping(o.storage, table.headers) ??
        guessMapping(table.headers, { samples: table.rows.slice(0, 50) });
      set({ pendingMapping: { ref, headers: table.headers, mapping } });
    });
  }

  function setMapping(key: keyof Mapping, header: string) {
    const p = get().pendingMapping;
    if (!p) return;
    const mapping = { ...p.mapping };
    if (header) mapping[key] = header;
    else delete mapping[key];
    set({ pendingMapping: { ...p, mapping } });
  }

  async function confirmMapping() {
    const p = get().pendingMapping;
    if (!p) return;
    if (!p.mapping.name) return ctx.say("error", (l) => t(l, "error.noName"));
    rememberMapping(o.storage, p.headers, p.mapping);
    set({ pendingMapping: null, table: p.ref });
    await ctx.task("progress.read", async (signal) => {
      await v.reload(signal, p.mapping);
      await v.runValidation(signal);
      ctx.say("success", (l) => t(l, "data.mapping.saved"));
    });
  }

  return { show, refreshSheets, doPull, startMapping, setMapping, confirmMapping };
}

export type DataActions = ReturnType<typeof dataActions>;
