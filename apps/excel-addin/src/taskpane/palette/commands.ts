/**
 * Every action of the pane as a command: the palette lists them (with their shortcut), the pane's
 * key handler runs them, and the ribbon's ids map onto the same names (src/commands/commands.ts).
 */
import type { UiLanguage } from "@pulsebridge/core";
import { languageNames, paneLanguages } from "../../i18n/languages.js";
import { t, type UiKey } from "../../i18n/ui.js";
import type { Actions } from "../actions/index.js";
import { tabs } from "../store/state.js";

export interface PaneCommand {
  id: string;
  title: string;
  /** As shown, and as matched by `matchesShortcut` ("Ctrl+Alt+Shift+V", "F8"). */
  keys: string | null;
  run: (a: Actions) => unknown;
}

/** The same keys as the add-in's shortcuts (public/shortcuts.json), plus the pane's own. */
export const shortcuts: Record<string, string> = {
  pull: "Ctrl+Alt+Shift+P",
  validate: "Ctrl+Alt+Shift+V",
  nextProblem: "F8",
  previousProblem: "Shift+F8",
  safeFixes: "Ctrl+Alt+Shift+F",
  review: "Ctrl+Alt+Shift+R",
  push: "Ctrl+Alt+Shift+U",
  palette: "Ctrl+Shift+P",
};

export function paneCommands(lang: UiLanguage): PaneCommand[] {
  const tr = (k: UiKey, p?: Record<string, string>) => t(lang, k, p);
  const cmd = (id: string, key: UiKey, run: PaneCommand["run"]): PaneCommand => ({
    id,
    title: tr(key),
    keys: shortcuts[id] ?? null,
    run,
  });
  return [
    cmd("pull", "cmd.pull", (a) => a.data.doPull()),
    cmd("useSheet", "cmd.useSheet", (a) => {
      a.data.show("data");
      return a.data.startMapping();
    }),
    cmd("validate", "cmd.validate", (a) => a.validate.doValidate()),
    cmd("nextProblem", "cmd.nextProblem", (a) => a.validate.step(1)),
    cmd("previousProblem", "cmd.previousProblem", (a) => a.validate.step(-1)),
    cmd("safeFixes", "cmd.safeFixes", (a) => a.fix.doSafeFixes()),
    cmd("registerCheck", "cmd.registerCheck", (a) => a.fix.doRegisterCheck()),
    cmd("review", "cmd.review", (a) => a.review.doReview()),
    cmd("push", "cmd.push", (a) => {
      a.data.show("push");
      return a.push.doPush();
    }),
    cmd("refresh", "cmd.refresh", (a) => a.data.doPull()),
    ...tabs.map((tab) => ({
      id: `show-${tab}`,
      title: tr("cmd.show", { panel: tr(`nav.${tab}` as UiKey) }),
      keys: null,
      run: (a: Actions) => a.data.show(tab),
    })),
    ...paneLanguages
      .filter((l) => l !== lang)
      .map((l) => ({
        id: `language-${l}`,
        title: tr("cmd.language", {
          language: languageNames[l as keyof typeof languageNames] ?? l,
        }),
        keys: null,
        run: (a: Actions) => a.setLanguage(l),
      })),
  ];
}

/** Does this key press match a shortcut written as "Ctrl+Alt+Shift+V" / "Shift+F8"? */
export function matchesShortcut(
  e: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "altKey" | "shiftKey" | "metaKey">,
  keys: string,
): boolean {
  const parts = keys.split("+");
  const key = parts.at(-1) ?? "";
  const want = (m: string) => parts.includes(m);
  // Command on a Mac stands for Ctrl; the letter is read from the physical key (Alt changes `key`).
  const ctrl = e.ctrlKey || e.metaKey;
  const pressed = e.code.startsWith("Key") ? e.code.slice(3) : e.key;
  return (
    ctrl === want("Ctrl") &&
    e.altKey === want("Alt") &&
    e.shiftKey === want("Shift") &&
    pressed.toUpperCase() === key.toUpperCase()
  );
}
