/**
 * The command palette (Ctrl+Shift+P, or the ribbon's Commands button): every action, fuzzy
 * searched (fuzzy.ts) in the user's language, with its shortcut. ↑↓ choose, Enter runs.
 */
import { Input } from "@fluentui/react-components";
import { type KeyboardEvent, useContext, useLayoutEffect, useMemo, useState } from "react";
import { ModalDialog } from "../components/ModalDialog.js";
import { useActions, useT } from "../store/hooks.js";
import { StoreContext, usePane } from "../store/store.js";
import { paneCommands } from "./commands.js";
import { fuzzyFilter } from "./fuzzy.js";
import { holdKeys, takeHeldKeys } from "./type-ahead.js";

export function CommandPalette() {
  const open = usePane((s) => s.paletteOpen);
  const a = useActions();
  const store = useContext(StoreContext);
  // Synchronously with the state change (the shortcut's own key event), not at the next render:
  // the keys typed from then on wait for the palette (type-ahead.ts).
  useLayoutEffect(
    () =>
      store?.subscribe((s, prev) => {
        if (s.paletteOpen && !prev.paletteOpen) holdKeys();
        else if (!s.paletteOpen && prev.paletteOpen) takeHeldKeys();
      }),
    [store],
  );
  return (
    <ModalDialog
      open={open}
      onClose={() => a.setPalette(false)}
      labelledBy="pb-palette-title"
      className="pb-palette"
    >
      <PaletteBody />
    </ModalDialog>
  );
}

function PaletteBody() {
  const { lang, tr } = useT();
  const a = useActions();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const commands = useMemo(() => paneCommands(lang), [lang]);
  const shown = useMemo(() => fuzzyFilter(query, commands, (c) => c.title), [query, commands]);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const runCommand = (c: (typeof commands)[number] | undefined) => {
    if (!c) return;
    a.setPalette(false);
    void c.run(a);
  };
  const run = (i: number) => runCommand(shown[i]);
  // Start from what was typed while the palette opened (ModalDialog focuses the input in this
  // same commit, right after).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the palette opens
  useLayoutEffect(() => {
    const typed = takeHeldKeys();
    if (typed.escape) a.setPalette(false);
    else if (typed.enter) runCommand(fuzzyFilter(typed.text, commands, (c) => c.title)[0]);
    else if (typed.text) setQuery(typed.text);
  }, []);
  const optionId = (i: number) => `pb-cmd-${shown[i]?.id ?? i}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") setActive((current + 1) % Math.max(1, shown.length));
    else if (e.key === "ArrowUp")
      setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    else if (e.key === "Enter") run(current);
    else return;
    e.preventDefault();
  };
  return (
    <>
      <h2 id="pb-palette-title" className="pb-dialog-title">
        {tr("palette.title")}
      </h2>
      <div className="pb-palette-content">
        <Input
          id="pb-palette-input"
          role="combobox"
          aria-label={tr("palette.title")}
          aria-expanded="true"
          aria-controls="pb-palette-list"
          aria-autocomplete="list"
          aria-activedescendant={shown.length ? optionId(current) : undefined}
          placeholder={tr("palette.placeholder")}
          value={query}
          onChange={(_, d) => {
            setQuery(d.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {/* Focusable too: a list that scrolls must be reachable by keyboard (axe). */}
        <div
          id="pb-palette-list"
          role="listbox"
          tabIndex={0}
          aria-label={tr("palette.title")}
          aria-activedescendant={shown.length ? optionId(current) : undefined}
          className="pb-palette-list"
          onKeyDown={onKeyDown}
        >
          {shown.length === 0 ? (
            <div className="muted">{tr("palette.none")}</div>
          ) : (
            shown.map((c, i) => (
              // The input keeps focus (aria-activedescendant); a click runs the command.
              // biome-ignore lint/a11y: keys are handled on the combobox, which keeps focus
              <div
                key={c.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className="pb-palette-option"
                onMouseMove={() => setActive(i)}
                onClick={() => run(i)}
              >
                <span>{c.title}</span>
                {c.keys ? <kbd>{c.keys}</kbd> : null}
              </div>
            ))
          )}
        </div>
      </div>
    </>
  );
}
