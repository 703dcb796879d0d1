/**
 * Mounts the pane into an element and returns its handle, which the ribbon commands, the keyboard
 * shortcuts and the harness use. Office.js is reached only through the Workbook it is given.
 *
 * The first view (the connect form) is painted before the actions load: they bring the features,
 * the API client and @pulsebridge/core with its schemas and validation data, most of the pane's
 * script. Until they are there the pane holds a stand-in (actions/deferred.ts) whose calls wait
 * for them (bench:pane's first render).
 */

import type { UiLanguage } from "@pulsebridge/core";
import { createRoot } from "react-dom/client";
import type { PaneOptions } from "./actions/context.js";
import { deferredActions } from "./actions/deferred.js";
import type { Actions } from "./actions/index.js";
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

/**
 * After the frame that paints the first view (loading the actions' module earlier made its parsing
 * and schemas run before that frame), or after 100 ms where no frame comes (a hidden page: the
 * ribbon's commands still reach the actions).
 */
const afterFirstPaint = () =>
  new Promise<void>((done) => {
    setTimeout(done, 100);
    if (typeof requestAnimationFrame === "function")
      requestAnimationFrame(() => setTimeout(done, 0));
  });

export function mountPane(o: MountOptions): App {
  // The stored connection is read with the actions (its zod schema lives with the API client).
  const store = createPaneStore({
    ...initialState(o.language, null),
    theme: o.theme ?? pickTheme(o.officeBackground),
  });
  const root = createRoot(o.root);
  let mounted = true;
  let stopWatching = () => {};
  const ready = afterFirstPaint()
    .then(() => import("./later.js"))
    .then(({ createActions }) => {
      const actions = createActions(store, o);
      store.setState({ creds: actions.ctx.creds.load() });
      return actions;
    });
  root.render(<Pane store={store} actions={deferredActions(ready)} />);
  void ready.then((actions) => {
    if (!mounted) return;
    root.render(<Pane store={store} actions={actions} />);
    if (!o.theme) stopWatching = watchTheme(() => actions.setTheme(pickTheme(o.officeBackground)));
    void actions.connect.resume();
  });
  // Every entry point waits for the actions (a ribbon command can come before they are loaded).
  const later =
    <A extends unknown[]>(f: (a: Actions, ...args: A) => void | Promise<void>) =>
    (...args: A): Promise<void> =>
      ready.then((a) => f(a, ...args));
  return {
    show: later((a, tab: Tab) => {
      a.data.show(tab);
    }),
    setLanguage: later((a, lang: UiLanguage) => {
      void a.setLanguage(lang);
    }),
    openPalette: later((a) => {
      a.setPalette(true);
    }),
    unmount: () => {
      mounted = false;
      stopWatching();
      root.unmount();
    },
    commands: {
      pull: later((a) => a.data.doPull()),
      validate: later((a) => a.validate.doValidate()),
      nextProblem: later((a) => a.validate.step(1)),
      applySafeFixes: later((a) => a.fix.doSafeFixes()),
      review: later((a) => a.review.doReview()),
      push: later((a) => a.push.doPush()),
    },
  };
}
