/** The pieces VirtualList renders on every scrolled frame, memoised so unchanged ones are skipped. */
import { Input } from "@fluentui/react-components";
import { memo, type ReactNode } from "react";
import type { VirtualListProps } from "./VirtualList.js";

/**
 * The search box and the count. Memoised, with the rows: the list renders again on every scrolled
 * frame (the virtualiser's range), and Fluent's Input and every row's vnodes rebuilt each frame
 * were most of what a scroll allocated (bench:pane: ~42 KB a frame, so a scroll soon met a
 * scavenge of the review's freshly built matches).
 */
export const ListHead = memo(function ListHead(h: {
  id: string;
  label: string;
  searchable: boolean;
  query: string;
  onQuery: (q: string) => void;
  shown: string;
  searchLabel: string;
}) {
  return (
    <>
      {h.searchable ? (
        <Input
          type="search"
          id={`${h.id}-search`}
          aria-label={`${h.searchLabel}: ${h.label}`}
          value={h.query}
          onChange={(_, d) => h.onQuery(d.value)}
          size="small"
        />
      ) : null}
      <div className="pb-vlist-count" aria-live="polite">
        {h.shown}
      </div>
    </>
  );
});

interface RowProps<T> {
  item: T;
  index: number;
  start: number;
  size: number;
  setSize: number;
  active: boolean;
  /** The light stand-in's renderer while the list scrolls (see renderLite); else the full row. */
  light: ((item: T) => ReactNode) | undefined;
  render: VirtualListProps<T>["render"];
  rowClass: VirtualListProps<T>["rowClass"];
  measure: (el: Element | null) => void;
  onActive: (index: number) => void;
}

/**
 * One row. Memoised: a row already on screen whose item, place and state did not change is not
 * rendered again when the list scrolls; the panels pass their renderers inline, so any render of
 * a panel still renders its rows.
 */
export const Row = memo(function Row<T>(r: RowProps<T>) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see role="list" in VirtualList
    <div
      role="listitem"
      data-index={r.index}
      data-light={r.light ? "" : undefined}
      // A light row keeps its estimated height and is not measured (measuring it would move every
      // row below); the full row is measured when it replaces it.
      ref={r.light ? undefined : r.measure}
      tabIndex={r.active ? 0 : -1}
      aria-setsize={r.setSize}
      aria-posinset={r.index + 1}
      className={`pb-vrow ${r.rowClass?.(r.item) ?? ""}`}
      style={{
        transform: `translateY(${r.start}px)`,
        height: r.light ? r.size : undefined,
      }}
      onFocus={(e) => {
        if (e.target === e.currentTarget || e.currentTarget.contains(e.target)) r.onActive(r.index);
      }}
    >
      {r.light ? r.light(r.item) : r.render(r.item, { active: r.active, index: r.index })}
    </div>
  );
}) as <T>(r: RowProps<T>) => ReactNode;
