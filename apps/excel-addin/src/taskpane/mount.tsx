/**
 * Mounts the pane into an element and returns its handle, which the ribbon commands, the keyboard
 * shortcuts and the harness use. Office.js is reached only through the Workbook it is given.
 */

import type { UiLanguage } from "@pulsebridge/core";
import { createRoot } from "react-dom/client";
import { createCredentialStore } from "../features/connect/connect.js";
import type { PaneOptions } from "./actions/context.js";
import { createActions } from "./actions/index.js";
import { Pane } from "./components/Pane.js";
import { pickTheme, watchTheme } from "./components/theme.js";
import { initialState, type Tab, type ThemeName } from "./store/state.js";
import { createPaneStore } from "./store/store.js";

export interface MountOptions extends PaneOptions {
  root: HTMLElement;
  /** Office's body background (Office.context.officeTheme), or a fixed theme (harness). */
  officeBackground?: string | null;
  theme?: ThemeName;
}

export interface App {
  show(tab: Tab): void;
  setLanguage(lang: UiLanguage): void;
  openPalette(): void;
  unmount(): void;
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

export function mountPane(o: MountOptions): App {
  const creds = createCredentialStore(o.storage, o.partitionKey).load();
  const store = createPaneStore({
    ...initialState(o.language, creds),
    theme: o.theme ?? pickTheme(o.officeBackground),
  });
  const actions = createActions(store, o);
  const stopWatching = o.theme
    ? () => {}
    : watchTheme(() => actions.setTheme(pickTheme(o.officeBackground)));
  const root = createRoot(o.root);
  root.render(<Pane store={store} actions={actions} />);
  void actions.connect.resume();
  return {
    show: actions.data.show,
    setLanguage: actions.setLanguage,
    openPalette: () => actions.setPalette(true),
    unmount: () => {
      stopWatching();
      root.unmount();
    },
    commands: {
      pull: actions.data.doPull,
      validate: actions.validate.doValidate,
      nextProblem: () => actions.validate.step(1),
      applySafeFixes: actions.fix.doSafeFixes,
      review: actions.review.doReview,
      push: actions.push.doPush,
    },
  };
}
