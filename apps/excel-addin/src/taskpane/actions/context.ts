/**
 * What every step's actions share: the store, the workbook, the API, and `task`, which runs a long
 * step with progress and cancel and puts its error in the pane.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { type Api, ApiError, createApi } from "../../api/client.js";
import {
  type CredentialStore,
  createCredentialStore,
  type KeyValueStore,
} from "../../features/connect/connect.js";
import { createPushStore, type PushStore } from "../../features/push/push.js";
import { withRegister } from "../../features/register/register.js";
import type { LoadedSheet } from "../../features/sheet/model.js";
import { issueText, markFor, type RowResult } from "../../features/validate/validate.js";
import { problemMessage } from "../../i18n/problems.js";
import { t, type UiKey } from "../../i18n/ui.js";
import { CancelledError, type RowMark, type Workbook } from "../../workbook/types.js";
import type { Message, PaneState } from "../store/state.js";
import type { PaneStore } from "../store/store.js";

export interface PaneOptions {
  workbook: Workbook;
  storage: KeyValueStore;
  partitionKey?: string;
  language: UiLanguage;
  fetch?: typeof fetch;
  /** Who pushes, for the import's audit log. */
  userName?: string;
}

export interface Ctx {
  store: PaneStore;
  o: PaneOptions;
  creds: CredentialStore;
  pushStore: PushStore;
  get: () => PaneState;
  set: (patch: Partial<PaneState>) => void;
  tr: (key: UiKey, params?: Record<string, string | number>) => string;
  api: () => Api | null;
  say: (kind: Message["kind"], text: (lang: UiLanguage) => string) => void;
  task: (label: UiKey, fn: (signal: AbortSignal) => Promise<void>) => Promise<void>;
  progress: (label: UiKey) => (done: number, total: number | null) => void;
  errorText: (e: unknown, lang: UiLanguage) => string;
  markOf: (r: RowResult, sheet: LoadedSheet) => RowMark;
  forgetSent: (r: RowResult) => void;
  /** Set by the validate actions: rewrites the status column once no step is running. */
  hooks: { restatus?: () => Promise<void> };
}

const isCancel = (e: unknown) =>
  e instanceof CancelledError || (e instanceof ApiError && e.code === "cancelled");

export function errorText(e: unknown, lang: UiLanguage): string {
  if (isCancel(e)) return t(lang, "action.cancelled");
  // Every API error code has its sentence in nl/fr/en (i18n/problems.ts).
  if (e instanceof ApiError) return problemMessage(e.code, lang);
  return t(lang, "error.generic", { detail: e instanceof Error ? e.message : String(e) });
}

/** Reads `X-Cache-Age` from every answer, for the status bar; the API client stays untouched. */
function cacheWatchingFetch(store: PaneStore, inner: typeof fetch | undefined): typeof fetch {
  return async (input, init) => {
    const res = await (inner ?? globalThis.fetch.bind(globalThis))(input, init);
    const age = res.headers.get("x-cache-age");
    if (age !== null && /^\d+$/.test(age))
      store.setState({ cache: { ageSeconds: Number(age), readAt: Date.now() } });
    return res;
  };
}

export function createCtx(store: PaneStore, o: PaneOptions): Ctx {
  const get = store.getState;
  const set = (patch: Partial<PaneState>) => store.setState(patch);
  const fetchImpl = cacheWatchingFetch(store, o.fetch);
  const tr: Ctx["tr"] = (key, params) => t(get().lang, key, params);
  const ctx: Ctx = {
    store,
    o: { ...o, fetch: fetchImpl },
    creds: createCredentialStore(o.storage, o.partitionKey),
    pushStore: createPushStore(o.storage, o.partitionKey),
    get,
    set,
    tr,
    api: () => {
      const c = get().creds;
      return c ? createApi({ baseUrl: c.baseUrl, apiKey: c.apiKey, fetch: fetchImpl }) : null;
    },
    say: (kind, text) => set({ message: { kind, text } }),
    errorText,
    async task(label, fn) {
      if (get().busy) return;
      const controller = new AbortController();
      set({ busy: { controller, label, done: 0, total: null }, message: null });
      try {
        await fn(controller.signal);
      } catch (e) {
        set({ message: { kind: isCancel(e) ? "info" : "error", text: (l) => errorText(e, l) } });
      } finally {
        set({ busy: null });
        if (get().restatus) void ctx.hooks.restatus?.();
      }
    },
    progress: (label) => (done, total) => {
      const busy = get().busy;
      if (busy) set({ busy: { ...busy, label, done, total } });
    },
    /**
     * A row's mark: its validation, the register's warning when checked, and what the last push
     * did with it. Built from stored results only, so a language switch needs no server.
     */
    markOf(r, sheet) {
      const s = get();
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
    },
    hooks: {},
    forgetSent(r) {
      const sent = get().sent;
      sent?.refs.delete(r.ref);
      sent?.rejected.delete(r.ref);
    },
  };
  return ctx;
}
