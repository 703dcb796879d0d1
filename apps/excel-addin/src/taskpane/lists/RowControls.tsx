/**
 * A button and a checkbox for the rows of a long list, drawn as plain elements in Fluent's tokens
 * (pane.css `.pb-row-button`, `.pb-row-check`). Why not Fluent's Button and Checkbox: a scrolling
 * list mounts a few new rows every frame, and each Fluent control costs its hooks, slots and style
 * merging on mount — measured as most of a frame's JavaScript in the review of 10,000 clients
 * (BENCHMARKS.md). Native controls also follow the system's contrast colours by themselves.
 */
import type { ChangeEvent, ReactNode } from "react";

export function RowButton(p: {
  children: ReactNode;
  onClick: () => void;
  tabIndex: number;
  className?: string;
  /** The id of what says which row the button acts on (buttons named alike on every row). */
  describedBy?: string;
}) {
  return (
    <button
      type="button"
      className={`pb-row-button ${p.className ?? ""}`}
      tabIndex={p.tabIndex}
      aria-describedby={p.describedBy}
      onClick={p.onClick}
    >
      {p.children}
    </button>
  );
}

export function RowCheckbox(p: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  tabIndex: number;
  /** A visible label beside the box; without one, `ariaLabel` names it. */
  label?: string;
  ariaLabel?: string;
  className?: string;
  field?: string;
}) {
  const box = (
    <input
      type="checkbox"
      id={p.id}
      className={`pb-row-check ${p.className ?? ""}`}
      data-field={p.field}
      tabIndex={p.tabIndex}
      checked={p.checked}
      aria-label={p.ariaLabel}
      onChange={(e: ChangeEvent<HTMLInputElement>) => p.onChange(e.currentTarget.checked)}
    />
  );
  if (p.label === undefined) return box;
  return (
    <span className="pb-row-labelled">
      {box}
      <label htmlFor={p.id}>{p.label}</label>
    </span>
  );
}
