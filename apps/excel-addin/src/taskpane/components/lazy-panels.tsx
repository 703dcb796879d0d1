/**
 * The steps' panels, loaded on demand: the first view is the connect form, and the other panels
 * (with the virtual lists, the problems view and their Fluent controls) are separate chunks, so a
 * cold pane parses and runs less before the form is painted (bench:pane's first render). All are
 * fetched as soon as the pane is on screen (`preloadPanels`), so switching a step does not wait.
 */
import type { ComponentType } from "react";
import { ConnectPanel } from "../panels/ConnectPanel.js";
import type { Tab } from "../store/state.js";

type Later = Exclude<Tab, "connect">;

// One chunk with the actions (later.ts).
const loaders: Record<Later, () => Promise<ComponentType>> = {
  data: () => import("../later.js").then((m) => m.DataPanel),
  validate: () => import("../later.js").then((m) => m.ValidatePanel),
  review: () => import("../later.js").then((m) => m.ReviewPanel),
  push: () => import("../later.js").then((m) => m.PushPanel),
};
const loaded: Partial<Record<Later, ComponentType>> = {};
const pending: Partial<Record<Later, Promise<unknown>>> = {};

function load(tab: Later): Promise<unknown> {
  pending[tab] ??= loaders[tab]().then((c) => {
    loaded[tab] = c;
  });
  return pending[tab];
}

export const preloadPanels = () =>
  Promise.all((Object.keys(loaders) as Later[]).map(load)).then(() => undefined);

/**
 * The step's panel. One not loaded yet suspends (throws its load, for the nearest Suspense) until
 * it is; unlike `lazy`, a preloaded panel renders at once on first use, with no fallback between.
 */
export function StepPanel({ tab }: { tab: Tab }) {
  if (tab === "connect") return <ConnectPanel />;
  const Panel = loaded[tab];
  if (!Panel) throw load(tab);
  return <Panel />;
}
