/**
 * The five steps as tabs: ←/→/Home/End move between them and open the step (roving tabindex, the
 * ARIA tabs pattern). Written out rather than Fluent's TabList, whose focus helpers insert hidden
 * focusable elements that axe reports (aria-hidden-focus, serious).
 */
import type { KeyboardEvent } from "react";
import type { UiKey } from "../../i18n/ui.js";
import { useActions, useT } from "../store/hooks.js";
import { type Tab as Step, tabs } from "../store/state.js";
import { usePane } from "../store/store.js";

export function StepTabs() {
  const { tr } = useT();
  const a = useActions();
  const current = usePane((s) => s.tab);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(current);
    const next =
      e.key === "ArrowRight"
        ? tabs[(i + 1) % tabs.length]
        : e.key === "ArrowLeft"
          ? tabs[(i + tabs.length - 1) % tabs.length]
          : e.key === "Home"
            ? tabs[0]
            : e.key === "End"
              ? tabs.at(-1)
              : undefined;
    if (!next) return;
    e.preventDefault();
    a.data.show(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div className="pb-tabs" role="tablist" aria-label={tr("app.title")} onKeyDown={onKeyDown}>
      {tabs.map((t: Step) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={t === current}
          aria-controls={`panel-${t}`}
          tabIndex={t === current ? 0 : -1}
          className="pb-tab"
          onClick={() => a.data.show(t)}
        >
          {tr(`nav.${t}` as UiKey)}
        </button>
      ))}
    </div>
  );
}
