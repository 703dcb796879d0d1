/**
 * The task pane: connect → data (pull or map a sheet) → validate & fix → review → push. It only
 * wires features to the DOM; Office.js is reached solely through the Workbook it is given.
 */
import {
  type ClientResource,
  type ComparableField,
  comparableFields,
  type ImportLink,
  type ImportResponse,
  type ReconcileChoices,
  type ReconcileResult,
  type UiLanguage,
  uiLanguages,
} from "@pulsebridge/core";
import { type Api, ApiError, createApi } from "../api/client.js";
import {
  type Credentials,
  connect,
  connectErrorOf,
  createCredentialStore,
  type KeyValueStore,
} from "../features/connect/connect.js";
import { applyToSheet, findDuplicates, fixesFor, safeFixes } from "../features/fix/fix.js";
import {
  guessExact,
  guessMapping,
  isPulsebridgeTable,
  recallMapping,
  rememberMapping,
} from "../features/map-columns/guess.js";
import { conflictText, type PullSummary, summaryText } from "../features/pull/merge.js";
import {
  defaultTable,
  type PullQuery,
  pull,
  pulledLinks,
  pulledScope,
} from "../features/pull/pull.js";
import { createPushStore, pushImport } from "../features/push/push.js";
import {
  afterTaking,
  checkSheetAgainstRegister,
  type RegisterFix,
  registerFixes,
  registerText,
  type SheetRegister,
  takeRegisterValue,
  withRegister,
} from "../features/register/register.js";
import {
  canOverwrite,
  fetchReview,
  initialChoices,
  originLabel,
  overwriteFieldEverywhere,
  setAdd,
  setOverwrite,
  showFieldValue,
  useAllFromSheet,
} from "../features/review/review.js";
import { columnOfIssue, columns, type FieldKey, type Mapping } from "../features/sheet/columns.js";
import { type LoadedSheet, loadSheet, rowOfRef, rowValues } from "../features/sheet/model.js";
import {
  isInvalid,
  issueText,
  markFor,
  nextProblem,
  problemText,
  statusHeader,
  summarize,
  type Validation,
  validateOne,
  validateSheet,
} from "../features/validate/validate.js";
import { rememberClients } from "../functions/cache.js";
import { t, type UiKey } from "../i18n/ui.js";
import { CancelledError, type RowMark, type TableRef, type Workbook } from "../workbook/types.js";
import { field, h } from "./dom.js";

export interface AppOptions {
  root: HTMLElement;
  workbook: Workbook;
  storage: KeyValueStore;
  partitionKey?: string;
  language: UiLanguage;
  fetch?: typeof fetch;
  /** Who pushes, for the import's audit log. */
  userName?: string;
}

type Tab = "connect" | "data" | "validate" | "review" | "push";
const tabs: Tab[] = ["connect", "data", "validate", "review", "push"];

export interface App {
  show(tab: Tab): void;
  setLanguage(lang: UiLanguage): void;
  /** Entry points for ribbon commands and shortcuts. */
  commands: {
    pull(): Promise<void>;
    validate(): Promise<void>;
    nextProblem(): Promise<void>;
    applySafeFixes(): Promise<void>;
    review(): Promise<void>;
    push(): Promise<void>;
  };
}

export function mountApp(o: AppOptions): App {
  const creds = createCredentialStore(o.storage, o.partitionKey);
  const pushStore = createPushStore(o.storage, o.partitionKey);
  const s = {
    lang: o.language,
    tab: "connect" as Tab,
    creds: creds.load() as Credentials | null,
    connected: null as null | { office: string; key: string; role: string; canPush: boolean },
    templates: [] as { name: string; clientCount: number }[],
    table: null as TableRef | null,
    sheet: null as LoadedSheet | null,
    validation: null as Validation | null,
    skipped: new Map<number, string>(),
    pulled: new Map<string, ImportLink[]>(),
    cursor: null as null | { row: number; column: FieldKey | null },
    review: null as ReconcileResult | null,
    choices: null as ReconcileChoices | null,
    pushResult: null as ImportResponse | null,
    /** Why the last push failed (the text is built at render time, in the current language). */
    pushError: null as ApiError | null,
    /**
     * What the last push did to the rows on the sheet, so their status can be written again in
     * another language: the refs sent, and those the server rejected. Cleared by a new validation.
     */
    sent: null as null | { id: string; refs: Set<string>; rejected: Set<string> },
    /** The language changed while a step was running: rewrite the status column when it ends. */
    restatus: false,
    pendingMapping: null as null | { ref: TableRef; headers: string[]; mapping: Mapping },
    /** A re-pull waiting for the user: what it will do to rows pulled before (issue 14). */
    lastPull: null as null | PullSummary,
    pullConfirm: null as null | { summary: PullSummary; answer: (ok: boolean) => void },
    busy: null as null | {
      controller: AbortController;
      label: string;
      done: number;
      total: number | null;
    },
    /** A function, so a message shown before a language switch is read in the new language. */
    message: null as null | { kind: "info" | "error" | "success"; text: () => string },
    unwatch: null as null | (() => Promise<void>),
    pullMode: "all" as PullQuery["mode"],
    pullTemplate: "",
    pullSearch: "",
    sheets: [] as string[],
    /** What the user typed, kept across re-renders (a failed connect must not wipe the form). */
    draft: { url: "", key: "" },
    mapSheet: "",
    /** Pulled clients (their ids) and the sheet's last KBO register check. */
    pulledClients: new Map<string, ClientResource>(),
    register: null as SheetRegister | null,
  };
  const tr = (key: UiKey, params?: Record<string, string | number>) => t(s.lang, key, params);
  /**
   * A row's mark: its validation, plus the register's warning when it was checked, plus what the
   * last push did with it. Built from stored results only, so a language switch rewrites the
   * status column without asking the server anything.
   */
  const markOf = (r: Validation["results"][number], sheet: LoadedSheet): RowMark => {
    const mark = withRegister(
      markFor(r, sheet, s.lang),
      s.register?.rows.find((x) => x.row === r.row),
      sheet,
      s.lang,
    );
    if (!s.sent || r.skipped || !s.sent.refs.has(r.ref)) return mark;
    if (s.sent.rejected.has(r.ref))
      return {
        ...mark,
        level: "error",
        status: tr("status.rejected") + r.issues.map((i) => issueText(i, s.lang)).join(" · "),
      };
    return { ...mark, status: tr("status.sent", { id: s.sent.id }) };
  };
  /** A row the user changed after a push is no longer "sent": its status follows the edit. */
  const forgetSent = (r: Validation["results"][number]) => {
    s.sent?.refs.delete(r.ref);
    s.sent?.rejected.delete(r.ref);
  };
  const api = (): Api | null =>
    s.creds
      ? createApi({ baseUrl: s.creds.baseUrl, apiKey: s.creds.apiKey, fetch: o.fetch })
      : null;

  const say = (kind: "info" | "error" | "success", text: () => string) => {
    s.message = { kind, text };
    render();
  };
  const errorText = (e: unknown): string => {
    if (e instanceof CancelledError || (e instanceof ApiError && e.code === "cancelled"))
      return tr("action.cancelled");
    if (e instanceof ApiError) {
      const specific = `error.${e.code}` as UiKey;
      if (specific in uiKeys) return tr(specific);
      return tr(`connect.error.${connectErrorOf(e)}` as UiKey);
    }
    return tr("error.generic", { detail: e instanceof Error ? e.message : String(e) });
  };

  /** Runs a long step with a progress bar and a cancel button; errors land in the pane. */
  async function task(label: UiKey, fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (s.busy) return;
    const controller = new AbortController();
    s.busy = { controller, label: tr(label, { done: 0, total: 0 }), done: 0, total: null };
    s.message = null;
    render();
    try {
      await fn(controller.signal);
    } catch (e) {
      const cancelled =
        e instanceof CancelledError || (e instanceof ApiError && e.code === "cancelled");
      s.message = { kind: cancelled ? "info" : "error", text: () => errorText(e) };
    } finally {
      s.busy = null;
      render();
      if (s.restatus) void restatus();
    }
  }
  const progress = (label: UiKey) => (done: number, total: number | null) => {
    if (!s.busy) return;
    s.busy.done = done;
    s.busy.total = total;
    s.busy.label = tr(label, { done, total: total ?? "?" });
    renderProgress();
  };

  // ---- connect ----
  async function doConnect(baseUrl: string, apiKey: string) {
    await task("progress.read", async (signal) => {
      const r = await connect({ baseUrl, apiKey }, { fetch: o.fetch, store: creds, signal });
      if (!r.ok) {
        s.message = { kind: "error", text: () => tr(`connect.error.${r.error}` as UiKey) };
        return;
      }
      s.creds = creds.load();
      s.draft = { url: "", key: "" };
      s.connected = {
        office: r.me.office.name,
        key: r.me.key.name,
        role: r.me.key.role,
        canPush: r.canPush,
      };
      s.message = { kind: "success", text: () => connectedText() };
      await loadTemplates(signal);
      s.tab = "data";
      refreshSheets();
    });
  }
  const connectedText = () =>
    s.connected
      ? tr("connect.connected", {
          office: s.connected.office,
          key: s.connected.key,
          role: s.connected.role,
        })
      : "";
  async function loadTemplates(signal?: AbortSignal) {
    const a = api();
    if (!a) return;
    try {
      s.templates = (await a.taskTemplates(signal)).data;
      s.pullTemplate ||= s.templates[0]?.name ?? "";
    } catch {
      s.templates = [];
    }
  }

  // ---- data ----
  async function doPull() {
    const a = api();
    if (!a) return say("error", () => tr("error.needConnect"));
    const query: PullQuery =
      s.pullMode === "taskTemplate"
        ? { mode: "taskTemplate", taskTemplate: s.pullTemplate }
        : s.pullMode === "search"
          ? { mode: "search", text: s.pullSearch }
          : { mode: "all" };
    await task("progress.fetch", async (signal) => {
      const ref = s.table && isPulled() ? s.table : defaultTable;
      const r = await pull({
        api: a,
        workbook: o.workbook,
        query,
        lang: s.lang,
        ref,
        signal,
        onProgress: (p) =>
          progress(p.phase === "fetch" ? "progress.fetch" : "progress.write")(p.done, p.total),
        confirm: (summary) =>
          new Promise<boolean>((resolve) => {
            s.pullConfirm = {
              summary,
              answer: (ok) => {
                s.pullConfirm = null;
                resolve(ok);
                render();
              },
            };
            render();
          }),
      });
      rememberClients(r.clients);
      for (const c of r.clients) s.pulledClients.set(c.id, c);
      s.register = null;
      for (const [k, v] of pulledLinks(r.clients)) s.pulled.set(k, v);
      s.table = ref;
      await reload(signal);
      s.message = {
        kind: "success",
        text: () =>
          tr("data.pulled", {
            pulled: r.pulled,
            updated: r.updated,
            added: r.added,
            kept: r.kept,
          }),
      };
      await runValidation(signal);
      const sheet = s.sheet;
      if (r.conflicts.length > 0 && sheet && s.table) {
        // After validation's marks: conflicts stay visible on their rows.
        await o.workbook.markRows(
          s.table,
          r.conflicts.map((x) => ({
            row: x.row,
            level: "warning" as const,
            status: conflictText(s.lang),
            cells: x.keys.flatMap((k) => {
              const column = sheet.mapping[k];
              return column ? [{ column, level: "warning" as const }] : [];
            }),
          })),
          { statusHeader: statusHeader(sheet, s.lang), replaceAll: false },
          { signal },
        );
      }
      s.lastPull = r.summary;
    });
  }
  const isPulled = () => (s.sheet ? isPulsebridgeTable(s.sheet.headers) : true);

  async function reload(signal?: AbortSignal, mapping?: Mapping) {
    if (!s.table) return;
    const table = await o.workbook.readTable(s.table, {
      signal,
      onProgress: progress("progress.read"),
    });
    if (!table) throw new Error(tr("error.noTable"));
    s.sheet = loadSheet(s.table, table, mapping ?? s.sheet?.mapping ?? guessExact(table.headers));
    s.skipped = new Map([...s.skipped].filter(([r]) => r < table.rows.length));
    await watch();
  }

  async function watch() {
    await s.unwatch?.();
    if (!s.table || !s.sheet) return;
    const ref = s.table;
    s.unwatch = await o.workbook.onEdit(ref, (rows) => void revalidateRows(rows), {
      ignoreColumns: [statusHeader(s.sheet, s.lang)],
    });
  }

  async function startMapping() {
    const sheet = s.mapSheet || (await o.workbook.activeSheet());
    await task("progress.read", async (signal) => {
      const ref = await o.workbook.ensureTable(
        sheet,
        `PulseBridgeImport${sheet.replace(/[^A-Za-z0-9]/g, "")}`,
      );
      if (!ref) throw new Error(tr("error.noTable"));
      const table = await o.workbook.readTable(ref, { signal });
      if (!table) throw new Error(tr("error.noTable"));
      // The user's correction for this layout if any, else a guess from headers and values.
      const saved = recallMapping(o.storage, table.headers);
      s.pendingMapping = {
        ref,
        headers: table.headers,
        mapping: saved ?? guessMapping(table.headers, { samples: table.rows.slice(0, 50) }),
      };
    });
  }
  async function confirmMapping() {
    const p = s.pendingMapping;
    if (!p) return;
    if (!p.mapping.name) return say("error", () => tr("error.noName"));
    rememberMapping(o.storage, p.headers, p.mapping);
    s.pendingMapping = null;
    s.table = p.ref;
    await task("progress.read", async (signal) => {
      await reload(signal, p.mapping);
      s.message = { kind: "success", text: () => tr("data.mapping.saved") };
      await runValidation(signal);
      s.tab = "validate";
    });
  }

  // ---- validate ----
  async function runValidation(signal?: AbortSignal) {
    const sheet = s.sheet;
    if (!sheet || !s.table) throw new Error(tr("error.noTable"));
    s.validation = await validateSheet(
      sheet,
      { pulledLinks: s.pulled, skipped: s.skipped },
      { signal, onProgress: progress("progress.validate") },
    );
    s.review = null;
    s.choices = null;
    s.sent = null;
    await o.workbook.markRows(
      s.table,
      s.validation.results.map((r) => markOf(r, sheet)),
      { statusHeader: statusHeader(sheet, s.lang), replaceAll: true },
      { signal },
    );
    await reload(signal);
    s.tab = "validate";
  }
  async function doValidate() {
    if (!s.table) return say("error", () => tr("error.noTable"));
    await task("progress.validate", async (signal) => {
      await reload(signal);
      await runValidation(signal);
    });
  }

  async function revalidateRows(rows: number[]) {
    const sheet = s.sheet;
    const v = s.validation;
    if (!sheet || !v || !s.table) return;
    for (const row of rows) {
      const line = await o.workbook.readRow(s.table, row);
      if (!line) continue;
      sheet.rows[row] = rowValues(line.headers, line.values, sheet.mapping);
      const r = validateOne(sheet, row, { pulledLinks: s.pulled, skipped: s.skipped });
      v.results[row] = r;
      forgetSent(r);
      await o.workbook.markRows(s.table, [markOf(r, sheet)], {
        statusHeader: statusHeader(sheet, s.lang),
        replaceAll: false,
      });
      s.message = { kind: "info", text: () => tr("validate.revalidated", { ref: r.ref }) };
    }
    s.validation = summarize(v.results);
    s.review = null;
    render();
  }

  async function goTo(row: number, column: FieldKey | null) {
    if (!s.table || !s.sheet) return;
    const header =
      (column && s.sheet.mapping[column]) || s.sheet.mapping.name || s.sheet.headers[0] || "";
    s.cursor = { row, column };
    await o.workbook.selectCell(s.table, row, header);
  }
  async function doNextProblem(code?: string) {
    if (!s.validation) return;
    const p = nextProblem(s.validation, code ? null : s.cursor, code);
    if (!p) return say("info", () => tr("validate.none"));
    await goTo(p.row, p.column);
    const ref = String((s.sheet?.firstRow ?? 2) + p.row);
    say(
      "info",
      () => `${tr("fix.row", { ref })}: ${issueText({ ...p.issue, column: p.column }, s.lang)}`,
    );
  }

  // ---- fix ----
  async function applyWrites(writes: { row: number; column: string; value: string }[]) {
    const sheet = s.sheet;
    if (!s.table || !sheet || writes.length === 0) return;
    await o.workbook.writeCells(s.table, writes);
    applyToSheet(sheet, writes);
    const rows = [...new Set(writes.map((w) => w.row))];
    const v = s.validation;
    if (v) {
      for (const row of rows) {
        const r = validateOne(sheet, row, { pulledLinks: s.pulled, skipped: s.skipped });
        v.results[row] = r;
        forgetSent(r);
      }
      s.validation = summarize(v.results);
      await o.workbook.markRows(
        s.table,
        rows.map((row) => markOf(v.results[row] as (typeof v.results)[number], sheet)),
        { statusHeader: statusHeader(sheet, s.lang), replaceAll: false },
      );
    }
    s.review = null;
    say("success", () => tr("fix.applied", { count: writes.length }));
  }
  async function doRegisterCheck() {
    const a = api();
    const sheet = s.sheet;
    if (!a) return say("error", () => tr("error.needConnect"));
    if (!sheet || !s.table) return say("error", () => tr("error.noTable"));
    await task("progress.fetch", async (signal) => {
      s.register = await checkSheetAgainstRegister({
        api: a,
        sheet,
        clients: [...s.pulledClients.values()],
        lang: s.lang,
        signal,
        onProgress: progress("progress.fetch"),
      });
      await runValidation(signal);
    });
  }
  async function takeFromRegister(fix: RegisterFix) {
    if (s.register) s.register = afterTaking(s.register, fix);
    await task("progress.write", async () => applyWrites(takeRegisterValue(fix)));
  }
  async function doSafeFixes() {
    if (!s.sheet || !s.validation) return;
    const writes = safeFixes(s.sheet, s.validation);
    await task("progress.write", async () => applyWrites(writes));
  }
  async function keepDuplicate(keep: number, rows: number[]) {
    const sheet = s.sheet;
    if (!sheet) return;
    for (const r of rows)
      if (r !== keep) s.skipped.set(r, tr("status.skipped", { ref: sheet.firstRow + keep }));
    s.skipped.delete(keep);
    await task("progress.validate", async (signal) => {
      await runValidation(signal);
      s.message = { kind: "success", text: () => tr("dup.kept", { ref: sheet.firstRow + keep }) };
    });
  }

  // ---- review ----
  const pushableRows = () =>
    (s.validation?.results ?? [])
      .filter((r) => !r.skipped && !isInvalid(r))
      .map((r) => r.importRow);
  async function doReview() {
    const a = api();
    if (!a) return say("error", () => tr("error.needConnect"));
    if (!s.validation) await doValidate();
    const rows = pushableRows();
    if (rows.length === 0) return say("info", () => tr("push.nothing"));
    // Invalid pulled rows go to the review too: they still claim their client (by AdminPulse ID),
    // so it is not listed as "only in PulseBridge".
    const claims = (s.validation?.results ?? [])
      .filter((r) => !r.skipped && isInvalid(r) && r.importRow.sourceIds?.adminpulseId)
      .map((r) => r.importRow);
    const scope = s.table ? await pulledScope(o.workbook, s.table) : undefined;
    await task("progress.review", async (signal) => {
      s.review = await fetchReview(a, [...rows, ...claims], signal, scope);
      s.choices = initialChoices(s.review);
      s.tab = "review";
    });
  }

  // ---- push ----
  async function doPush() {
    const a = api();
    if (!a) return say("error", () => tr("error.needConnect"));
    if (!s.review || !s.choices) return say("info", () => tr("push.needReview"));
    const rows = pushableRows();
    const choices = s.choices;
    await task("progress.push", async (signal) => {
      const out = await pushImport({
        api: a,
        rows,
        choices,
        createdBy: o.userName || s.connected?.key || "excel",
        store: pushStore,
        scope: s.table ? await pulledScope(o.workbook, s.table) : undefined,
        signal,
      });
      s.tab = "push";
      if (!out.ok) {
        // Shown once, in the push panel, next to the retry button.
        s.pushError = out.error;
        return;
      }
      s.pushError = null;
      s.pushResult = out.response;
      // A second click must not send the same rows again under a new key: review again first.
      s.review = null;
      s.choices = null;
      await markPushed(out.response, rows);
    });
  }

  /** Brings the server's verdict into the sheet: sent rows say so, rejected rows get the reasons. */
  async function markPushed(r: ImportResponse, sentRows: { ref: string }[]) {
    const sheet = s.sheet;
    const v = s.validation;
    if (!sheet || !v || !s.table) return;
    const rejected = new Map(r.rejected.map((x) => [x.ref, x.issues]));
    s.sent = { id: r.id, refs: new Set(sentRows.map((x) => x.ref)), rejected: new Set() };
    const marked = [];
    for (const res of v.results) {
      if (!s.sent.refs.has(res.ref)) continue;
      const issues = rejected.get(res.ref);
      if (issues) {
        res.issues = issues.map((i) => ({ ...i, column: validateColumn(i.field) }));
        s.sent.rejected.add(res.ref);
      }
      marked.push(res);
    }
    s.validation = summarize(v.results);
    await o.workbook.markRows(
      s.table,
      marked.map((res) => markOf(res, sheet)),
      { statusHeader: statusHeader(sheet, s.lang), replaceAll: false },
    );
  }

  /** The status column and highlights again, in the current language, from the stored results. */
  async function restatus() {
    const sheet = s.sheet;
    const v = s.validation;
    if (!sheet || !v || !s.table) return;
    if (s.busy) {
      s.restatus = true;
      return;
    }
    s.restatus = false;
    try {
      await o.workbook.markRows(
        s.table,
        v.results.map((r) => markOf(r, sheet)),
        { statusHeader: statusHeader(sheet, s.lang), replaceAll: true },
      );
    } catch (e) {
      say("error", () => errorText(e));
    }
  }

  /** After a push: a new review of the sheet as it is now. The sheet itself is not touched. */
  function startNewReview() {
    s.review = null;
    s.choices = null;
    s.pushResult = null;
    s.pushError = null;
    s.message = null;
    app.show("review");
  }
  /** The column a server issue points at (links by index are not known here: "other links"). */
  const validateColumn = (f: string): FieldKey | null => columnOfIssue(f, []);

  /** The sheets for "start from a sheet you have", read again whenever the data tab opens. */
  function refreshSheets() {
    void o.workbook.listSheets().then((names) => {
      s.sheets = names;
      if (!names.includes(s.mapSheet)) s.mapSheet = names[0] ?? "";
      render();
    });
  }

  // ---- rendering ----
  const root = o.root;
  root.classList.add("pb-app");
  let progressEl: HTMLElement | null = null;

  function renderProgress() {
    if (!progressEl || !s.busy) return;
    const bar = progressEl.querySelector("progress");
    const label = progressEl.querySelector(".progress-label");
    if (bar) {
      if (s.busy.total) {
        bar.max = s.busy.total;
        bar.value = s.busy.done;
      } else bar.removeAttribute("value");
    }
    if (label) label.textContent = s.busy.label;
  }

  function progressBar(): HTMLElement | string {
    if (!s.busy) return "";
    progressEl = h(
      "div",
      { class: "pb-progress", role: "status", "aria-live": "polite" },
      h("span", { class: "progress-label" }, s.busy.label),
      h("progress", { "aria-label": s.busy.label }),
      h(
        "button",
        { class: "secondary", id: "pb-cancel", onclick: () => s.busy?.controller.abort() },
        tr("action.cancel"),
      ),
    );
    return progressEl;
  }

  function render() {
    const focused = document.activeElement?.id;
    progressEl = null;
    root.lang = s.lang;
    root.replaceChildren(
      h(
        "header",
        { class: "pb-header" },
        h("h1", {}, tr("app.title")),
        h(
          "label",
          { class: "lang" },
          h("span", { class: "visually-hidden" }, tr("app.language")),
          h(
            "select",
            {
              id: "pb-language",
              "aria-label": tr("app.language"),
              onchange: (e: Event) =>
                app.setLanguage((e.target as HTMLSelectElement).value as UiLanguage),
            },
            uiLanguages.map((l) =>
              h("option", { value: l, selected: l === s.lang }, l.toUpperCase()),
            ),
          ),
        ),
      ),
      h(
        "nav",
        { class: "pb-tabs", role: "tablist", "aria-label": tr("app.title") },
        tabs.map((tab) =>
          h(
            "button",
            {
              role: "tab",
              id: `tab-${tab}`,
              "aria-selected": String(s.tab === tab),
              "aria-controls": `panel-${tab}`,
              tabindex: s.tab === tab ? 0 : -1,
              class: "tab",
              onclick: () => app.show(tab),
              onkeydown: (e: Event) => {
                const k = (e as KeyboardEvent).key;
                const i = tabs.indexOf(tab);
                const next =
                  k === "ArrowRight"
                    ? tabs[(i + 1) % tabs.length]
                    : k === "ArrowLeft"
                      ? tabs[(i + tabs.length - 1) % tabs.length]
                      : null;
                if (next) {
                  app.show(next);
                  document.getElementById(`tab-${next}`)?.focus();
                }
              },
            },
            tr(`nav.${tab}` as UiKey),
          ),
        ),
      ),
      progressBar(),
      h(
        "div",
        {
          class: `pb-message ${s.message?.kind ?? ""}`,
          role: s.message?.kind === "error" ? "alert" : "status",
          "aria-live": "polite",
          id: "pb-message",
        },
        s.message?.text() ?? "",
      ),
      h(
        "main",
        {
          id: `panel-${s.tab}`,
          role: "tabpanel",
          "aria-labelledby": `tab-${s.tab}`,
          class: "pb-panel",
        },
        panel(),
      ),
    );
    renderProgress();
    if (focused) document.getElementById(focused)?.focus();
  }

  function panel(): HTMLElement {
    switch (s.tab) {
      case "connect":
        return connectPanel();
      case "data":
        return dataPanel();
      case "validate":
        return validatePanel();
      case "review":
        return reviewPanel();
      case "push":
        return pushPanel();
    }
  }

  function connectPanel() {
    const url = h("input", {
      type: "url",
      id: "pb-url",
      required: true,
      autocomplete: "url",
      value: s.draft.url || s.creds?.baseUrl || "",
      oninput: (e: Event) => (s.draft.url = (e.target as HTMLInputElement).value),
    });
    const key = h("input", {
      type: "password",
      id: "pb-key",
      required: true,
      autocomplete: "off",
      value: s.draft.key || s.creds?.apiKey || "",
      oninput: (e: Event) => (s.draft.key = (e.target as HTMLInputElement).value),
    });
    return h(
      "section",
      {},
      h("h2", {}, tr("connect.heading")),
      s.connected ? h("p", { class: "ok" }, connectedText()) : null,
      s.connected && !s.connected.canPush
        ? h("p", { class: "warning" }, tr("connect.readOnly"))
        : null,
      h(
        "form",
        {
          // Our own checks speak the user's language; the browser's bubbles follow its locale.
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void doConnect(url.value, key.value);
          },
        },
        field(tr("connect.url"), url),
        field(tr("connect.key"), key, tr("connect.keyHint")),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            { type: "submit", id: "pb-connect", disabled: !!s.busy },
            tr("connect.submit"),
          ),
          s.creds
            ? h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  id: "pb-disconnect",
                  onclick: () => {
                    creds.clear();
                    s.creds = null;
                    s.connected = null;
                    render();
                  },
                },
                tr("connect.disconnect"),
              )
            : null,
        ),
      ),
    );
  }

  function dataPanel() {
    const modes: PullQuery["mode"][] = ["all", "taskTemplate", "search"];
    const templateSelect = h(
      "select",
      {
        id: "pb-template",
        onchange: (e: Event) => (s.pullTemplate = (e.target as HTMLSelectElement).value),
      },
      s.templates.map((tpl) =>
        h(
          "option",
          { value: tpl.name, selected: tpl.name === s.pullTemplate },
          `${tpl.name} (${tpl.clientCount})`,
        ),
      ),
    );
    const search = h("input", {
      type: "search",
      id: "pb-search",
      value: s.pullSearch,
      oninput: (e: Event) => (s.pullSearch = (e.target as HTMLInputElement).value),
    });
    const sheetSelect = h(
      "select",
      {
        id: "pb-map-sheet",
        onchange: (e: Event) => (s.mapSheet = (e.target as HTMLSelectElement).value),
      },
      s.sheets.map((name) => h("option", { value: name, selected: name === s.mapSheet }, name)),
    );
    return h(
      "section",
      {},
      h("h2", {}, tr("data.heading")),
      h(
        "fieldset",
        {},
        h("legend", {}, tr("data.mode")),
        modes.map((mode) =>
          h(
            "label",
            { class: "radio" },
            h("input", {
              type: "radio",
              name: "pb-mode",
              id: `pb-mode-${mode}`,
              value: mode,
              checked: s.pullMode === mode,
              onchange: () => {
                s.pullMode = mode;
                render();
              },
            }),
            tr(`data.mode.${mode}` as UiKey),
          ),
        ),
      ),
      s.pullMode === "taskTemplate" ? field(tr("data.taskTemplate"), templateSelect) : null,
      s.pullMode === "search" ? field(tr("data.search"), search) : null,
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { id: "pb-pull", disabled: !!s.busy || !s.creds, onclick: () => void doPull() },
          tr("data.pull"),
        ),
      ),
      h("h2", {}, tr("data.orSheet")),
      field(tr("data.sheet"), sheetSelect),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            class: "secondary",
            id: "pb-map",
            disabled: !!s.busy,
            onclick: () => void startMapping(),
          },
          tr("data.useSheet"),
        ),
      ),
      s.pendingMapping ? mappingForm(s.pendingMapping) : null,
      s.pullConfirm
        ? h(
            "div",
            { class: "mapping", id: "pb-pull-confirm" },
            h("p", { id: "pb-pull-summary" }, summaryText(s.pullConfirm.summary, s.lang)),
            h("button", { id: "pb-pull-apply", onclick: () => s.pullConfirm?.answer(true) }, "OK"),
            h(
              "button",
              {
                class: "secondary",
                id: "pb-pull-cancel",
                onclick: () => s.pullConfirm?.answer(false),
              },
              tr("action.cancel"),
            ),
          )
        : s.lastPull
          ? h("p", { class: "hint", id: "pb-pull-summary" }, summaryText(s.lastPull, s.lang))
          : null,
    );
  }

  function mappingForm(p: NonNullable<typeof s.pendingMapping>) {
    return h(
      "form",
      {
        class: "mapping",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void confirmMapping();
        },
      },
      h("h3", {}, tr("data.mapping")),
      columns.map((col) =>
        field(
          col.labels[s.lang],
          h(
            "select",
            {
              id: `pb-map-${col.key}`,
              onchange: (e: Event) => {
                const v = (e.target as HTMLSelectElement).value;
                if (v) p.mapping[col.key] = v;
                else delete p.mapping[col.key];
              },
            },
            h("option", { value: "" }, tr("data.mapping.none")),
            p.headers.map((hd) =>
              h("option", { value: hd, selected: p.mapping[col.key] === hd }, hd),
            ),
          ),
        ),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "submit", id: "pb-map-confirm" }, tr("data.mapping.confirm")),
      ),
    );
  }

  function registerPanel(sheet: LoadedSheet | null) {
    const fixes = sheet && s.register ? registerFixes(sheet, s.register) : [];
    return h(
      "div",
      { id: "pb-register" },
      h(
        "button",
        {
          class: "secondary",
          id: "pb-register-check",
          disabled: !!s.busy || !sheet,
          onclick: () => void doRegisterCheck(),
        },
        registerText("label", s.lang),
      ),
      fixes.length
        ? h(
            "ul",
            { class: "register-fixes" },
            fixes.map((f) =>
              h(
                "li",
                {},
                `${tr("fix.row", { ref: String((sheet?.firstRow ?? 2) + f.row) })}: ${f.message} `,
                h(
                  "button",
                  { class: "secondary", onclick: () => void takeFromRegister(f) },
                  registerText("take", s.lang),
                ),
              ),
            ),
          )
        : null,
    );
  }

  function validatePanel() {
    const v = s.validation;
    const sheet = s.sheet;
    const fixes = v && sheet ? fixesFor(sheet, v, s.lang) : [];
    const safeCount = v && sheet ? safeFixes(sheet, v).length : 0;
    const dups = sheet ? findDuplicates(sheet, s.skipped) : [];
    return h(
      "section",
      {},
      h("h2", {}, tr("validate.heading")),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { id: "pb-validate", disabled: !!s.busy, onclick: () => void doValidate() },
          tr("validate.run"),
        ),
        v
          ? h(
              "button",
              { class: "secondary", id: "pb-next", onclick: () => void doNextProblem() },
              tr("validate.next"),
            )
          : null,
      ),
      v ? h("p", { id: "pb-summary", class: "summary" }, tr("validate.summary", v.counts)) : null,
      v ? registerPanel(sheet) : null,
      v?.problems.length
        ? h(
            "table",
            { class: "counts", id: "pb-counts" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, tr("validate.problem")),
                h("th", { scope: "col" }, tr("validate.count")),
              ),
            ),
            h(
              "tbody",
              {},
              v.problems.map((p) =>
                h(
                  "tr",
                  { class: p.severity },
                  h(
                    "td",
                    {},
                    h(
                      "button",
                      { class: "link", onclick: () => void doNextProblem(p.code) },
                      problemText(p.code, s.lang),
                    ),
                  ),
                  h("td", { class: "num" }, String(p.count)),
                ),
              ),
            ),
          )
        : v
          ? h("p", { class: "ok" }, tr("validate.none"))
          : null,
      v ? h("h3", {}, tr("fix.heading")) : null,
      v
        ? h(
            "div",
            { class: "actions" },
            h(
              "button",
              {
                id: "pb-safe-fixes",
                disabled: safeCount === 0 || !!s.busy,
                onclick: () => void doSafeFixes(),
              },
              tr("fix.safeAll", { count: safeCount }),
            ),
          )
        : null,
      v ? h("p", { class: "hint" }, tr("fix.safeHint")) : null,
      v
        ? h(
            "ul",
            { class: "fixes", id: "pb-fixes" },
            fixes.slice(0, 40).map((f) =>
              h(
                "li",
                {},
                h(
                  "button",
                  { class: "link", onclick: () => void goTo(f.row, f.column) },
                  tr("fix.row", { ref: f.ref }),
                ),
                ` ${f.header}: `,
                h("code", {}, f.current || "—"),
                " → ",
                f.options.map((opt) =>
                  h(
                    "button",
                    {
                      class: opt.safe ? "chip safe" : "chip",
                      title: opt.safe ? tr("fix.safe") : tr("fix.guess"),
                      "data-ref": f.ref,
                      onclick: () =>
                        void applyWrites([{ row: f.row, column: f.header, value: opt.value }]),
                    },
                    tr("fix.use", { value: opt.value }),
                    h("span", { class: "tag" }, opt.safe ? tr("fix.safe") : tr("fix.guess")),
                  ),
                ),
              ),
            ),
            fixes.length > 40 ? h("li", {}, tr("fix.more", { count: fixes.length - 40 })) : null,
          )
        : null,
      dups.length && sheet ? h("h3", {}, tr("dup.heading")) : null,
      sheet
        ? dups.slice(0, 10).map((g) =>
            h(
              "div",
              { class: "dup", role: "group", "aria-label": `${tr("dup.heading")} ${g.label}` },
              h(
                "table",
                {},
                h(
                  "thead",
                  {},
                  h(
                    "tr",
                    {},
                    h("th", {}, ""),
                    g.rows.map((r) =>
                      h("th", { scope: "col" }, tr("fix.row", { ref: sheet.firstRow + r })),
                    ),
                  ),
                ),
                h(
                  "tbody",
                  {},
                  columns
                    .filter((c) => g.rows.some((r) => sheet.rows[r]?.[c.key]))
                    .map((c) => {
                      const vals = g.rows.map((r) => sheet.rows[r]?.[c.key] ?? "");
                      const differs = new Set(vals).size > 1;
                      return h(
                        "tr",
                        { class: differs ? "differs" : "" },
                        h("th", { scope: "row" }, c.labels[s.lang]),
                        vals.map((x) => h("td", {}, x)),
                      );
                    }),
                  h(
                    "tr",
                    {},
                    h("td", {}, ""),
                    g.rows.map((r) =>
                      h(
                        "td",
                        {},
                        h(
                          "button",
                          { class: "secondary", onclick: () => void keepDuplicate(r, g.rows) },
                          tr("dup.keep"),
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
  }

  function reviewPanel() {
    const r = s.review;
    const c = s.choices;
    const sheet = s.sheet;
    const fieldLabel = (f: ComparableField) => {
      const col = columns.find((x) => x.field === f);
      return col
        ? col.labels[s.lang]
        : f === "links"
          ? (columns.find((x) => x.key === "directors")?.labels[s.lang] ?? f)
          : f;
    };
    const setChoices = (next: ReconcileChoices) => {
      s.choices = next;
      render();
    };
    const changed = r ? r.matching.filter((m) => m.differences.length > 0) : [];
    // Rows the sheet has but the review left out: errors, or duplicates the user skipped.
    const leftOut = s.validation ? s.validation.counts.invalid + s.validation.counts.skipped : 0;
    const rowOfClient = new Map<string, number>();
    if (r && sheet && leftOut)
      for (const res of s.validation?.results ?? [])
        if (res.skipped || isInvalid(res)) {
          const id = sheet.rows[res.row]?.adminpulseId?.trim();
          if (id) rowOfClient.set(id, res.row);
        }
    const differingFields = comparableFields.filter((f) =>
      changed.some((m) => m.differences.some((d) => d.field === f)),
    );
    const fieldSelect = h(
      "select",
      { id: "pb-overwrite-field" },
      differingFields.map((f) => h("option", { value: f }, fieldLabel(f))),
    );
    return h(
      "section",
      {},
      h("h2", {}, tr("review.heading")),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { id: "pb-review", disabled: !!s.busy, onclick: () => void doReview() },
          tr("review.run"),
        ),
      ),
      r && c && sheet
        ? [
            h(
              "p",
              { class: "summary", id: "pb-review-counts" },
              tr("review.counts", {
                new: r.onlyInImport.length,
                matching: r.matching.length,
                changes: changed.length,
                target: r.onlyInTarget.length,
                invalid: r.invalid.length,
              }),
            ),
            leftOut
              ? h(
                  "p",
                  { class: "warning", id: "pb-review-left-out" },
                  `${tr("review.leftOut", { count: leftOut })} `,
                  h(
                    "button",
                    { class: "link", onclick: () => app.show("validate") },
                    tr("review.toValidate"),
                  ),
                )
              : null,
            h(
              "details",
              { open: true, id: "pb-bucket-new" },
              h("summary", {}, `${tr("review.onlyInImport")} (${r.onlyInImport.length})`),
              h(
                "ul",
                { class: "plain" },
                r.onlyInImport.slice(0, 200).map((n) =>
                  h(
                    "li",
                    {},
                    h(
                      "label",
                      {},
                      h("input", {
                        type: "checkbox",
                        checked: c.add.includes(n.ref),
                        onchange: (e: Event) =>
                          setChoices(setAdd(c, n.ref, (e.target as HTMLInputElement).checked)),
                      }),
                      ` ${n.client.name} `,
                      h("span", { class: "muted" }, `(${tr("fix.row", { ref: n.ref })})`),
                    ),
                  ),
                ),
              ),
            ),
            h(
              "details",
              { open: true, id: "pb-bucket-matching" },
              h("summary", {}, `${tr("review.matching")} (${r.matching.length})`),
              differingFields.length
                ? h(
                    "div",
                    { class: "bar" },
                    field(tr("review.overwriteField"), fieldSelect),
                    h(
                      "button",
                      {
                        class: "secondary",
                        id: "pb-overwrite-all",
                        onclick: () =>
                          setChoices(
                            overwriteFieldEverywhere(
                              c,
                              r,
                              fieldSelect.value as ComparableField,
                              true,
                            ),
                          ),
                      },
                      tr("review.overwrite"),
                    ),
                  )
                : null,
              changed.length === 0 ? h("p", { class: "muted" }, tr("review.identical")) : null,
              changed.slice(0, 100).map((m) =>
                h(
                  "div",
                  { class: "match", "data-id": m.id },
                  h(
                    "h4",
                    {},
                    `${m.client.name} `,
                    h("span", { class: "muted" }, `(${tr("fix.row", { ref: m.ref })})`),
                  ),
                  m.probable ? h("p", { class: "warning" }, tr("review.probable")) : null,
                  h(
                    "div",
                    { class: "usebar" },
                    h(
                      "button",
                      {
                        class: "secondary use-all",
                        onclick: () => setChoices(useAllFromSheet(c, r, m.id)),
                      },
                      tr("review.useAll"),
                    ),
                    h(
                      "button",
                      {
                        class: "secondary",
                        onclick: () =>
                          setChoices({
                            ...c,
                            overwrite: Object.fromEntries(
                              Object.entries(c.overwrite).filter(([k]) => k !== m.id),
                            ),
                          }),
                      },
                      tr("review.keepAll"),
                    ),
                  ),
                  h(
                    "table",
                    { class: "diff" },
                    h(
                      "thead",
                      {},
                      h(
                        "tr",
                        {},
                        h("th", { scope: "col" }, tr("review.field")),
                        h("th", { scope: "col" }, tr("review.sheet")),
                        h("th", { scope: "col" }, tr("review.target")),
                        h("th", { scope: "col" }, tr("review.overwrite")),
                      ),
                    ),
                    h(
                      "tbody",
                      {},
                      m.differences.map((d) => {
                        const on = (c.overwrite[m.id] ?? []).includes(d.field);
                        return h(
                          "tr",
                          { class: on ? "chosen" : "", "data-origin": d.origin },
                          h(
                            "th",
                            { scope: "row" },
                            fieldLabel(d.field),
                            h(
                              "span",
                              { class: "muted origin" },
                              ` ${originLabel(d.origin, s.lang)}`,
                            ),
                          ),
                          h("td", {}, showFieldValue(d.field, d.imported, s.lang)),
                          h("td", {}, showFieldValue(d.field, d.existing, s.lang)),
                          h(
                            "td",
                            {},
                            h("input", {
                              type: "checkbox",
                              class: "overwrite",
                              "data-field": d.field,
                              "aria-label": `${tr("review.overwrite")} ${fieldLabel(d.field)} — ${m.client.name}`,
                              checked: on,
                              // AdminPulse's newer value is never overwritten with the sheet's old one.
                              disabled: !canOverwrite(d.origin),
                              onchange: (e: Event) =>
                                setChoices(
                                  setOverwrite(
                                    c,
                                    m.id,
                                    d.field,
                                    (e.target as HTMLInputElement).checked,
                                  ),
                                ),
                            }),
                          ),
                        );
                      }),
                    ),
                  ),
                ),
              ),
            ),
            h(
              "details",
              { id: "pb-bucket-target" },
              h("summary", {}, `${tr("review.onlyInTarget")} (${r.onlyInTarget.length})`),
              h("p", { class: "hint" }, tr("review.onlyInTargetHint")),
              h(
                "ul",
                { class: "plain" },
                r.onlyInTarget.slice(0, 200).map((x) => {
                  // A client whose row has errors (or was skipped) is in the sheet, just not sent.
                  const row = x.adminpulseId ? rowOfClient.get(x.adminpulseId) : undefined;
                  return h(
                    "li",
                    {},
                    x.name,
                    row === undefined
                      ? null
                      : [
                          " — ",
                          h(
                            "button",
                            { class: "link", onclick: () => void goTo(row, null) },
                            tr("review.goto", { ref: sheet.firstRow + row }),
                          ),
                          h("span", { class: "muted" }, ` ${tr("review.notSent")}`),
                        ],
                  );
                }),
              ),
            ),
            h(
              "details",
              { open: r.invalid.length > 0, id: "pb-bucket-invalid" },
              h("summary", {}, `${tr("review.invalid")} (${r.invalid.length})`),
              h(
                "ul",
                { class: "plain" },
                r.invalid
                  .slice(0, 200)
                  .map((x) =>
                    h(
                      "li",
                      {},
                      h(
                        "button",
                        { class: "link", onclick: () => void goTo(rowOfRef(sheet, x.ref), null) },
                        tr("review.goto", { ref: x.ref }),
                      ),
                      ": ",
                      x.issues
                        .map((i) => issueText({ ...i, column: validateColumn(i.field) }, s.lang))
                        .join(" · "),
                    ),
                  ),
              ),
            ),
            h(
              "div",
              { class: "actions" },
              h("button", { id: "pb-to-push", onclick: () => app.show("push") }, tr("nav.push")),
            ),
          ]
        : null,
    );
  }

  function pushPanel() {
    const r = s.review;
    const c = s.choices;
    const res = s.pushResult;
    if (res && !(r && c)) return pushedPanel(res);
    return h(
      "section",
      {},
      h("h2", {}, tr("push.heading")),
      s.connected && !s.connected.canPush
        ? h("p", { class: "warning" }, tr("connect.readOnly"))
        : null,
      r && c
        ? [
            h(
              "p",
              { class: "summary" },
              tr("push.summary", {
                adds: c.add.length,
                updates: Object.keys(c.overwrite).length,
                rows: pushableRows().length,
              }),
            ),
            r.invalid.length
              ? h(
                  "p",
                  { class: "warning", id: "pb-push-invalid" },
                  tr("push.invalidAhead", { count: r.invalid.length }),
                )
              : null,
            h(
              "div",
              { class: "actions" },
              h(
                "button",
                { id: "pb-push", disabled: !!s.busy, onclick: () => void doPush() },
                s.pushError ? tr("push.retry") : tr("push.run"),
              ),
            ),
            s.pushError
              ? h(
                  "p",
                  { class: "error", id: "pb-push-error", role: "alert" },
                  tr("push.failed", { reason: errorText(s.pushError) }),
                )
              : null,
          ]
        : [
            h("p", { class: "hint" }, tr("push.needReview")),
            h(
              "div",
              { class: "actions" },
              h(
                "button",
                { class: "secondary", id: "pb-go-review", onclick: () => app.show("review") },
                tr("push.toReview"),
              ),
            ),
          ],
    );
  }

  /** The finished push: one summary, the rejected rows to fix, and what to do next. */
  function pushedPanel(res: ImportResponse) {
    const sheet = s.sheet;
    const counts = ["created", "updated", "unchanged", "rejected"] as const;
    return h(
      "section",
      { id: "pb-push-result", "data-status": res.status },
      h("h2", {}, tr(`push.done.${res.status}` as UiKey)),
      h(
        "p",
        { class: "import-id" },
        `${tr("push.importId")} `,
        h("code", { id: "pb-import-id" }, res.id),
      ),
      h(
        "dl",
        { class: "push-counts", id: "pb-push-counts" },
        counts.map((k) =>
          h(
            "div",
            { class: `count ${k}${k === "rejected" && res.counts.rejected ? " bad" : ""}` },
            h("dt", {}, tr(`push.count.${k}` as UiKey)),
            h("dd", { "data-count": k }, String(res.counts[k])),
          ),
        ),
      ),
      res.rejected.length && sheet
        ? [
            h("h3", {}, tr("push.rejectedHeading", { count: res.rejected.length })),
            h("p", { class: "hint" }, tr("push.rejectedBack")),
            h(
              "ul",
              { class: "plain" },
              res.rejected.map((x) =>
                h(
                  "li",
                  { class: "rejected" },
                  h(
                    "button",
                    { class: "link", onclick: () => void goTo(rowOfRef(sheet, x.ref), null) },
                    tr("review.goto", { ref: x.ref }),
                  ),
                  ": ",
                  x.issues
                    .map((i) => issueText({ ...i, column: validateColumn(i.field) }, s.lang))
                    .join(" · "),
                ),
              ),
            ),
          ]
        : null,
      h(
        "div",
        { class: "actions" },
        h("button", { id: "pb-new-review", onclick: startNewReview }, tr("push.newReview")),
      ),
      h("p", { class: "hint" }, tr("push.newReviewHint")),
    );
  }

  const app: App = {
    show(tab) {
      s.tab = tab;
      if (tab === "data") refreshSheets();
      render();
    },
    setLanguage(lang) {
      if (lang === s.lang) return;
      s.lang = lang;
      render();
      // The status column follows, from the stored results: nothing is fetched or re-validated.
      void restatus();
    },
    commands: {
      pull: doPull,
      validate: doValidate,
      nextProblem: () => doNextProblem(),
      applySafeFixes: doSafeFixes,
      review: doReview,
      push: doPush,
    },
  };

  // Pick up a stored connection silently; a wrong or revoked key shows its message.
  if (s.creds) {
    const stored = s.creds;
    void (async () => {
      const r = await connect(stored, { fetch: o.fetch });
      if (r.ok) {
        s.connected = {
          office: r.me.office.name,
          key: r.me.key.name,
          role: r.me.key.role,
          canPush: r.canPush,
        };
        await loadTemplates();
        s.tab = "data";
      } else s.message = { kind: "error", text: () => tr(`connect.error.${r.error}` as UiKey) };
      app.show(s.tab);
    })();
  }
  app.show(s.tab);
  return app;
}

const uiKeys: Record<string, true> = Object.fromEntries(
  ["error.payload_too_large", "error.idempotency_conflict", "error.validation_failed"].map((k) => [
    k,
    true,
  ]),
);
