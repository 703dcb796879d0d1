/**
 * A complete list of any length: virtualised (@tanstack/react-virtual), searchable, and navigable
 * with ↑ ↓ Home End PageUp PageDown. One row is in the tab order (roving tabindex); when the focused
 * row disappears (a fix applied, a filter changed) focus moves to the row now in its place, never to
 * the page's body.
 */
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { t } from "../../i18n/ui.js";
import { useT } from "../store/hooks.js";
import { ListHead, Row } from "./VirtualListParts.js";

export interface VirtualListProps<T> {
  id: string;
  label: string;
  items: T[];
  getKey: (item: T) => string;
  render: (item: T, state: { active: boolean; index: number }) => ReactNode;
  /**
   * A light stand-in for a heavy row (its heading only), shown for rows that enter the view while
   * the list is scrolling (tanstack's isScrolling: until 150 ms after the last scroll event); they
   * become full rows once it rests. The active row and rows already shown in full stay full.
   */
  renderLite?: (item: T) => ReactNode;
  /** Text a search matches; no search box without it. */
  searchText?: (item: T) => string;
  rowClass?: (item: T) => string;
  /** Estimated row height in px; rows are measured once rendered. */
  estimate?: number;
  /**
   * A row's height from its item, when rows differ: a good guess means measuring changes nothing,
   * so scrolling mounts new rows without moving the others or recomputing 10,000 offsets.
   */
  estimateOf?: (item: T) => number;
  maxHeight?: number;
  /** Rows rendered beyond each edge of the view (fewer for tall rows: each costs a mount). */
  overscan?: number;
  onEnter?: (item: T) => void;
  /** Other keys on a row (quick-fix digits); return true when handled. */
  onKey?: (item: T, e: KeyboardEvent) => boolean;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

export function VirtualList<T>(p: VirtualListProps<T>) {
  const { lang, tr } = useT();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const items = useMemo(() => {
    if (!p.searchText || !deferred.trim()) return p.items;
    const q = fold(deferred.trim());
    const text = p.searchText;
    return p.items.filter((i) => fold(text(i)).includes(q));
  }, [p.items, p.searchText, deferred]);
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, items.length - 1));
  const scrollRef = useRef<HTMLDivElement>(null);
  const hasFocus = useRef(false);
  const estimate = p.estimate ?? 36;
  const { estimateOf, getKey } = p;
  // Stable between renders: tanstack recomputes every row's offset (10,000 here) whenever
  // getItemKey changes, and the list renders again on every scrolled frame (bench:pane).
  const estimateSize = useCallback(
    (i: number) => {
      const item = items[i];
      return item !== undefined && estimateOf ? estimateOf(item) : estimate;
    },
    [items, estimateOf, estimate],
  );
  const getItemKey = useCallback(
    (i: number) => {
      const item = items[i];
      return item !== undefined ? getKey(item) : i;
    },
    [items, getKey],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: p.overscan ?? 6,
    // Scroll updates render with React's batching (once a frame), not synchronously inside each
    // scroll event (tanstack's default), which made every scroll event a full render.
    useFlushSync: false,
    getItemKey,
    // The active row is always rendered, so the roving tab stop always exists.
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => {
        const out = defaultRangeExtractor(range);
        if (items.length && !out.includes(current)) out.push(current);
        return out.sort((a, b) => a - b);
      },
      [current, items.length],
    ),
    initialRect: { width: 320, height: p.maxHeight ?? 360 },
  });

  const rowEl = (i: number) =>
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`) ?? null;

  // The row a key moved to, focused in the commit that renders it: at once, not a frame later
  // (a frame callback let the next key start from the row the user had left, and focusing an
  // old row again set it active again).
  const focusNext = useRef<number | null>(null);
  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    if (next !== null) rowEl(next)?.focus({ preventScroll: true });
    // Keep focus inside the list when rows change under it.
    if (!hasFocus.current || items.length === 0) return;
    const el = document.activeElement;
    if (el && el !== document.body) return;
    rowEl(current)?.focus({ preventScroll: true });
  });

  const move = (to: number) => {
    const i = Math.max(0, Math.min(items.length - 1, to));
    // Already there (↑ on the first row): no render follows, so focus now.
    if (i === current) rowEl(i)?.focus({ preventScroll: true });
    else focusNext.current = i;
    setActive(i);
    virtualizer.scrollToIndex(i, { align: "auto" });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const item = items[current];
    const page = Math.max(1, Math.floor((p.maxHeight ?? 360) / estimate) - 1);
    const keys: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: current + page,
      PageUp: current - page,
    };
    const target = keys[e.key];
    if (target !== undefined && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      move(target);
    } else if (item && e.key === "Enter" && p.onEnter && e.target === rowEl(current)) {
      e.preventDefault();
      p.onEnter(item);
    } else if (item && p.onKey?.(item, e)) e.preventDefault();
  };

  // Rows shown in full in the last render keep their full content while the list scrolls on.
  const fullKeys = useRef(new Set<unknown>());
  const lite = p.renderLite !== undefined && virtualizer.isScrolling;
  const nowFull = new Set<unknown>();
  useLayoutEffect(() => {
    fullKeys.current = nowFull;
  });
  const total = virtualizer.getTotalSize();
  const shown = useMemo(
    () => t(lang, "list.shown", { shown: items.length, total: p.items.length }),
    [lang, items.length, p.items.length],
  );
  return (
    <div className="pb-vlist">
      <ListHead
        id={p.id}
        label={p.label}
        searchable={p.searchText !== undefined}
        query={query}
        onQuery={setQuery}
        shown={shown}
        searchLabel={tr("list.search")}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: rows sit absolutely placed in a sizer, which a <ul> may not hold */}
      <div
        id={p.id}
        ref={scrollRef}
        role="list"
        aria-label={p.label}
        data-total={items.length}
        className="pb-vlist-scroll"
        style={{ maxHeight: p.maxHeight ?? 360 }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          hasFocus.current = true;
        }}
        onBlur={(e) => {
          const next = e.relatedTarget as Node | null;
          if (next && !scrollRef.current?.contains(next)) hasFocus.current = false;
          // Focus left for nothing: a click elsewhere (the row still exists) or a removed row.
          if (!next) {
            const left = e.target;
            requestAnimationFrame(() => {
              if (left.isConnected && document.activeElement !== left) hasFocus.current = false;
            });
          }
        }}
      >
        <div role="presentation" style={{ height: total, position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            if (item === undefined) return null;
            const isActive = v.index === current;
            const light =
              (lite && !isActive && !fullKeys.current.has(v.key) && p.renderLite) || undefined;
            if (!light) nowFull.add(v.key);
            return (
              <Row
                key={v.key}
                item={item}
                index={v.index}
                start={v.start}
                size={v.size}
                setSize={items.length}
                active={isActive}
                light={light}
                render={p.render}
                rowClass={p.rowClass}
                measure={virtualizer.measureElement}
                onActive={setActive}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
