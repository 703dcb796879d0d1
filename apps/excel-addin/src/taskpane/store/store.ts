/**
 * One store per pane (zustand's vanilla store: actions read and write it outside React, components
 * subscribe to the slices they show). Why zustand and not a reducer: docs/adr.
 */
import { createContext, useContext } from "react";
import { createStore, type StoreApi, useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { PaneState } from "./state.js";

export type PaneStore = StoreApi<PaneState>;

export const createPaneStore = (initial: PaneState): PaneStore =>
  createStore<PaneState>(() => initial);

export const StoreContext = createContext<PaneStore | null>(null);

/** A slice of the pane's state; the component renders again only when the slice changes. */
export function usePane<T>(select: (s: PaneState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("usePane outside <PaneProvider>");
  return useStore(store, select);
}

/** Several fields at once, compared field by field (an object literal is new on every call). */
export function usePaneFields<T extends object>(select: (s: PaneState) => T): T {
  return usePane(useShallow(select));
}
