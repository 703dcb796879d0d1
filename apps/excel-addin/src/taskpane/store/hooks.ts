/** The pane's actions, reached from any component. */
import { createContext, useContext } from "react";
import { t, type UiKey } from "../../i18n/ui.js";
import type { Actions } from "../actions/index.js";
import { usePane } from "./store.js";

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const a = useContext(ActionsContext);
  if (!a) throw new Error("useActions outside <PaneProvider>");
  return a;
}

/** `tr(key, params)` in the pane's current language; renders again when the language changes. */
export function useT() {
  const lang = usePane((s) => s.lang);
  return {
    lang,
    tr: (key: UiKey, params?: Record<string, string | number>) => t(lang, key, params),
  };
}

/** True while a long step runs: buttons stay focusable (aria-disabled) so focus is never lost. */
export const useBusy = () => usePane((s) => s.busy !== null);
