/**
 * Keys typed between the palette's shortcut and the moment its input has focus. The palette opens
 * through a render, and its focus moves in the commit after that; in a busy Excel webview that gap
 * is a frame or more, and a fast "Ctrl+Shift+P, rev, Enter" lost its first letters to the row that
 * still had focus (a problem row, whose own keys are quick fixes). While the palette is opening,
 * every key is held here, in the order typed, and the palette starts from them.
 */
export interface TypedAhead {
  text: string;
  /** Enter was pressed: run the first match at once. */
  enter: boolean;
  /** Escape was pressed: the user changed their mind. */
  escape: boolean;
}

let held: TypedAhead | null = null;

const onKey = (e: KeyboardEvent) => {
  if (!held || e.isComposing) return;
  if (e.key === "Enter") held.enter = true;
  else if (e.key === "Escape") held.escape = true;
  else if (e.key === "Backspace") held.text = held.text.slice(0, -1);
  else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) held.text += e.key;
  else return; // Tab, arrows, shortcuts: left to the page
  e.preventDefault();
  e.stopImmediatePropagation();
};

/** The palette was asked for: hold the keys until it takes them. */
export function holdKeys() {
  if (held || typeof document === "undefined") return;
  held = { text: "", enter: false, escape: false };
  // Capture on the window: before any element's own handler sees the key.
  window.addEventListener("keydown", onKey, true);
}

/** The palette's input has focus now: the keys held so far, and no more holding. */
export function takeHeldKeys(): TypedAhead {
  const out = held ?? { text: "", enter: false, escape: false };
  held = null;
  if (typeof window !== "undefined") window.removeEventListener("keydown", onKey, true);
  return out;
}
