/** Step 1: connect with a URL and an API key; a stored connection is picked up silently. */
import type { UiLanguage } from "@pulsebridge/core";
import { type ConnectResult, connect } from "../../features/connect/connect.js";
import { t, type UiKey } from "../../i18n/ui.js";
import { connectedText } from "../panels/connected-text.js";
import type { Connected } from "../store/state.js";
import type { Ctx } from "./context.js";

const errorIn = (lang: UiLanguage, error: string) => t(lang, `connect.error.${error}` as UiKey);

export function connectActions(
  ctx: Ctx,
  show: (tab: "data") => void,
  loadSyncState: (signal?: AbortSignal) => Promise<void>,
) {
  const { get, set } = ctx;

  async function loadTemplates(signal?: AbortSignal) {
    const a = ctx.api();
    if (!a) return;
    try {
      const templates = (await a.taskTemplates(signal)).data;
      set({ templates, pullTemplate: get().pullTemplate || templates[0]?.name || "" });
    } catch {
      set({ templates: [] });
    }
  }

  const connectedOf = (r: Extract<ConnectResult, { ok: true }>): Connected => ({
    office: r.me.office.name,
    key: r.me.key.name,
    role: r.me.key.role,
    canPush: r.canPush,
  });

  async function doConnect(baseUrl: string, apiKey: string) {
    await ctx.task("progress.read", async (signal) => {
      const r = await connect(
        { baseUrl, apiKey },
        { fetch: ctx.o.fetch, store: ctx.creds, signal },
      );
      if (!r.ok) {
        set({ message: { kind: "error", text: (l) => errorIn(l, r.error) } });
        return;
      }
      const connected = connectedOf(r);
      set({
        creds: ctx.creds.load(),
        draft: { url: "", key: "" },
        connected,
        adminpulse: r.me.adminpulse,
        message: { kind: "success", text: (l) => connectedText(l, connected) },
      });
      await Promise.all([loadTemplates(signal), loadSyncState(signal)]);
      show("data");
    });
  }

  function disconnect() {
    ctx.creds.clear();
    set({ creds: null, connected: null, adminpulse: null, heldRun: null });
  }

  /** A stored key is tried once at start; a wrong or revoked key shows its message. */
  async function resume() {
    const stored = get().creds;
    if (!stored) return;
    const r = await connect(stored, { fetch: ctx.o.fetch });
    if (!r.ok) {
      set({ message: { kind: "error", text: (l) => errorIn(l, r.error) } });
      return;
    }
    set({ connected: connectedOf(r), adminpulse: r.me.adminpulse });
    await Promise.all([loadTemplates(), loadSyncState()]);
    show("data");
  }

  return { doConnect, disconnect, resume };
}
