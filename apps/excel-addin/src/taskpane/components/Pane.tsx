/** The whole pane: Fluent's provider with Office's theme, the frame, and the current step. */
import { FluentProvider } from "@fluentui/react-components";
import { useLayoutEffect, useRef } from "react";
import type { Actions } from "../actions/index.js";
import { CommandPalette } from "../palette/CommandPalette.js";
import { matchesShortcut, paneCommands, shortcuts } from "../palette/commands.js";
import { ConnectPanel } from "../panels/ConnectPanel.js";
import { DataPanel } from "../panels/DataPanel.js";
import { PushPanel } from "../panels/PushPanel.js";
import { ReviewPanel } from "../panels/ReviewPanel.js";
import { ValidatePanel } from "../panels/ValidatePanel.js";
import { ActionsContext } from "../store/hooks.js";
import type { Tab } from "../store/state.js";
import { type PaneStore, StoreContext, usePane } from "../store/store.js";
import { Header } from "./Header.js";
import { MessageLine } from "./MessageLine.js";
import { Progress } from "./Progress.js";
import { StatusBar } from "./StatusBar.js";
import { StepTabs } from "./StepTabs.js";
import { SyncNotice } from "./SyncNotice.js";
import { themes } from "./theme.js";
import { useFocusGuard } from "./useFocusGuard.js";

const panels: Record<Tab, () => React.JSX.Element | null> = {
  connect: ConnectPanel,
  data: DataPanel,
  validate: ValidatePanel,
  review: ReviewPanel,
  push: PushPanel,
};

export function Pane({ store, actions }: { store: PaneStore; actions: Actions }) {
  return (
    <StoreContext.Provider value={store}>
      <ActionsContext.Provider value={actions}>
        <Frame actions={actions} />
      </ActionsContext.Provider>
    </StoreContext.Provider>
  );
}

function Frame({ actions }: { actions: Actions }) {
  const theme = usePane((s) => s.theme);
  const lang = usePane((s) => s.lang);
  const tab = usePane((s) => s.tab);
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
        actions.setPalette(!actions.ctx.get().paletteOpen);
        return;
      }
      const cmd = paneCommands(actions.ctx.get().lang).find(
        (c) => c.keys && matchesShortcut(e, c.keys),
      );
      if (!cmd) return;
      e.preventDefault();
      void cmd.run(actions);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [actions]);
  const Panel = panels[tab];
  return (
    <FluentProvider theme={themes[theme]} className={`pb-app theme-${theme}`} lang={lang} ref={ref}>
      <Header />
      <StepTabs />
      <Progress />
      <MessageLine />
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="pb-panel">
        <Panel />
      </main>
      <SyncNotice />
      <StatusBar />
      <CommandPalette />
    </FluentProvider>
  );
}
