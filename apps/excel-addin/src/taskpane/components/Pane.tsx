/** The whole pane: Fluent's provider with Office's theme, the frame, and the current step. */
import { FluentProvider } from "@fluentui/react-components";
import { Suspense, useEffect, useLayoutEffect, useRef } from "react";
import type { Actions } from "../actions/index.js";
import { CommandPalette } from "../palette/CommandPalette.js";
import { matchesShortcut, paneCommands, shortcuts } from "../palette/commands.js";
import { ActionsContext, useT } from "../store/hooks.js";
import { type PaneStore, StoreContext, usePane } from "../store/store.js";
import { Header } from "./Header.js";
import { preloadPanels, StepPanel } from "./lazy-panels.js";
import { MessageLine } from "./MessageLine.js";
import { PanelHeading } from "./PanelHeading.js";
import { Progress } from "./Progress.js";
import { StatusBar } from "./StatusBar.js";
import { StepTabs } from "./StepTabs.js";
import { SyncNotice } from "./SyncNotice.js";
import { themes } from "./theme.js";
import { useFocusGuard } from "./useFocusGuard.js";

export function Pane({ store, actions }: { store: PaneStore; actions: Actions }) {
  return (
    <StoreContext.Provider value={store}>
      <ActionsContext.Provider value={actions}>
        <Frame actions={actions} store={store} />
      </ActionsContext.Provider>
    </StoreContext.Provider>
  );
}

function Frame({ actions, store }: { actions: Actions; store: PaneStore }) {
  const theme = usePane((s) => s.theme);
  const lang = usePane((s) => s.lang);
  const tab = usePane((s) => s.tab);
  const { tr } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useFocusGuard(ref);
  // Before the browser paints: the page's language must match the words on screen (screen
  // readers pick their voice from it). A passive effect ran a frame later on Preact.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // The pane's shortcuts; Office's own (shortcuts.json) do not fire while the pane has focus.
  // A layout effect: listening from the moment the pane is on screen. A passive effect ran a
  // moment later, and a key pressed in that gap (Pane.test's palette test, under load) was lost.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesShortcut(e, shortcuts.palette ?? "")) {
        e.preventDefault();
        actions.setPalette(!store.getState().paletteOpen);
        return;
      }
      const cmd = paneCommands(store.getState().lang).find(
        (c) => c.keys && matchesShortcut(e, c.keys),
      );
      if (!cmd) return;
      e.preventDefault();
      void cmd.run(actions);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [actions, store]);
  // The other steps' panels are fetched once the pane is on screen (lazy-panels.tsx).
  useEffect(() => {
    void preloadPanels();
  }, []);
  return (
    <FluentProvider theme={themes[theme]} className={`pb-app theme-${theme}`} lang={lang} ref={ref}>
      <Header />
      <StepTabs />
      <Progress />
      <MessageLine />
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="pb-panel">
        {/* A panel not loaded yet shows its heading, which takes focus as the panel would. */}
        <Suspense fallback={<PanelHeading>{tr(`${tab}.heading`)}</PanelHeading>}>
          <StepPanel tab={tab} />
        </Suspense>
      </main>
      <SyncNotice />
      <StatusBar />
      <CommandPalette />
    </FluentProvider>
  );
}
