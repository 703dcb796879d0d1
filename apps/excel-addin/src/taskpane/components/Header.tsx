/** Title, the command palette's button, and the language. */
import { Button, Select } from "@fluentui/react-components";
import type { UiLanguage } from "@pulsebridge/core";
import { languageNames, paneLanguages } from "../../i18n/languages.js";
import { shortcuts } from "../palette/commands.js";
import { useActions, useT } from "../store/hooks.js";

export function Header() {
  const { lang, tr } = useT();
  const a = useActions();
  return (
    <header className="pb-header">
      <h1>{tr("app.title")}</h1>
      <Button
        size="small"
        id="pb-open-palette"
        aria-keyshortcuts={shortcuts.palette}
        title={`${tr("palette.title")} (${shortcuts.palette})`}
        onClick={() => a.setPalette(true)}
      >
        {tr("palette.open")}
      </Button>
      <Select
        id="pb-language"
        size="small"
        aria-label={tr("app.language")}
        value={lang}
        onChange={(_, d) => a.setLanguage(d.value as UiLanguage)}
      >
        {paneLanguages.map((l) => (
          // The code on screen (a narrow pane); the language's own name for screen readers.
          <option key={l} value={l} lang={l} aria-label={languageNames[l]}>
            {l.toUpperCase()}
          </option>
        ))}
      </Select>
    </header>
  );
}
